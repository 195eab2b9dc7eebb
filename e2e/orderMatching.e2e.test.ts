/**
 * Orders meet their images. A clinic that holds images until they answer a registered
 * applicant: the front desk registers an applicant on a tablet held upright; the X-ray unit
 * sends the CXR without an accession number and it is matched by applicant ID and date at once
 * (the order shows the image received, the read carries the order's priority and programme); a
 * second CXR with a typo in the ID waits on the assistant's "images without an order"; the
 * assistant matches it by hand to the registered applicant and it reaches the worklist under the
 * order's identity. The clinic's policy and the orders this file registers are put back after.
 */
import type { Order, StudyRequest } from '@telerad/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres, type ApiSession } from './support/api';
import { launchBrowser } from './support/browser';
import { LoginPage } from './support/pages';
import { sendCxr as sendAs, signedIn, worklistRow } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
let admin: ApiSession;
let clinic: ApiSession;
let demo1: { id: string; orderPolicy: string };
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
const run = Date.now().toString(36).toUpperCase().slice(-6);
const registered: string[] = [];

/** Today in Manila (DEMO1's zone), as the order's scheduled date and the image's study date. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Manila' }).format(new Date());

/** Sends a CXR as DEMO1's X-ray unit, without an accession number, taken today. */
const sendCxr = (patient: { name: string; id: string }) =>
  sendAs(
    dicomPort,
    'DEMO1',
    { ...patient, birthDate: '19940809' },
    {
      accessionNumber: '',
      studyDate: today.replaceAll('-', ''),
    },
  );

/** The clinic's order with this applicant ID, as the API shows it. */
async function orderOf(patientId: string): Promise<Order> {
  const { items } = await apiCall<{ items: Order[] }>(
    baseUrl,
    clinic,
    'GET',
    `/api/orders?q=${encodeURIComponent(patientId)}`,
  );
  const o = items.find((i) => i.patientId === patientId);
  if (!o) throw new Error(`no order for ${patientId}`);
  return o;
}

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  admin = await apiLogin(baseUrl, 'admin');
  clinic = await apiLogin(baseUrl, 'clinic1');
  const clinics = await apiCall<{ id: string; code: string; orderPolicy: string }[]>(
    baseUrl,
    admin,
    'GET',
    '/api/clinics',
  );
  const found = clinics.find((c) => c.code === 'DEMO1')!;
  demo1 = { id: found.id, orderPolicy: found.orderPolicy };
  await apiCall(baseUrl, admin, 'PATCH', `/api/clinics/${demo1.id}`, { orderPolicy: 'require' });
});
afterAll(async () => {
  // Orders still waiting leave the desk's overdue list; the clinic's policy is put back.
  for (const id of registered) {
    const o = await apiCall<Order>(baseUrl, clinic, 'GET', `/api/orders/${id}`).catch(() => null);
    if (o?.status === 'scheduled')
      await apiCall(baseUrl, clinic, 'POST', `/api/orders/${id}/cancel`, { reason: 'e2e done' });
  }
  if (demo1)
    await apiCall(baseUrl, admin, 'PATCH', `/api/clinics/${demo1.id}`, {
      orderPolicy: demo1.orderPolicy,
    });
  await browser?.close();
});

describe('orders meet their images', () => {
  it('matches by ID and date at once, and the assistant matches a mistyped ID by hand', async () => {
    // 1. The front desk registers an applicant on a tablet, urgent and for Canada.
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 820, height: 1180 },
    });
    const desk: Page = await context.newPage();
    desk.setDefaultTimeout(15_000);
    await new LoginPage(desk).open();
    await new LoginPage(desk).submit('clinic1', 'telerad-demo');
    await desk.getByRole('banner').waitFor();
    await desk.goto('/register');
    await desk.getByRole('heading', { name: 'Register applicant' }).waitFor();
    const firstId = `MT${run}01`;
    await desk.getByLabel('Applicant ID').fill(firstId);
    await desk.getByLabel('Family name').fill('Matchwell');
    await desk.getByLabel('Given names').fill('Rosa');
    await desk.getByLabel('Date of birth').fill('1994-08-09');
    await desk.getByText('Female', { exact: true }).click();
    await desk.getByRole('combobox', { name: 'Receiving programme' }).click();
    await desk.getByRole('option', { name: 'Canada (eMedical)' }).click();
    await desk.getByText('Urgent', { exact: true }).click();
    await desk.getByRole('button', { name: 'Register applicant' }).click();
    const list = desk.getByRole('table', { name: 'Registered today' });
    await list.getByText('Matchwell, Rosa').waitFor();
    const first = await orderOf(firstId);
    registered.push(first.id);
    expect(first).toMatchObject({ priority: 'urgent', programme: 'CA', status: 'scheduled' });

    // 2. The image arrives without an accession number: matched by applicant ID and date.
    const firstUid = await sendCxr({ name: 'MATCHWELL^ROSA', id: firstId });
    await expect
      .poll(async () => (await orderOf(firstId)).status, { timeout: 60_000, interval: 500 })
      .toBe('matched');
    expect(await orderOf(firstId)).toMatchObject({
      matchedStudyUid: firstUid,
      matchMethod: 'patient_date',
    });
    await desk.reload();
    await list
      .getByRole('row', { name: /Matchwell, Rosa/ })
      .getByText('Image received')
      .waitFor();
    await shotsAtBothWidths(desk, 'order-matched-register', { fullPage: true });
    const request = await apiCall<StudyRequest>(
      baseUrl,
      clinic,
      'GET',
      `/api/studies/${firstUid}/request`,
    );
    expect(request).toMatchObject({ programme: 'CA', priority: 'urgent' });
    const reader = await signedIn(browser, baseUrl, 'radiologist');
    await reader.goto('/worklist');
    const firstRow = worklistRow(reader, /MATCHWELL, ROSA/i);
    await firstRow.first().waitFor({ timeout: 30_000 });
    expect(await firstRow.first().innerText()).toMatch(/Urgent/i);

    // 3. A second applicant; the image comes with a typo in the ID and waits on the desk.
    const secondId = `MT${run}02`;
    const second = await apiCall<Order>(
      baseUrl,
      clinic,
      'POST',
      `/api/clinics/${demo1.id}/orders`,
      {
        patientId: secondId,
        familyName: 'Lateef',
        givenName: 'Bea',
        birthDate: '1994-08-09',
        sex: 'F',
        priority: 'urgent',
      },
    );
    registered.push(second.id);
    const typo = `MT${run}O2`;
    const typoUid = await sendCxr({ name: 'LATEEF^BEA', id: typo });
    const assistant = await signedIn(browser, baseUrl, 'assistant');
    await assistant.goto('/desk');
    await assistant
      .getByText(/^Images without an order/)
      .first()
      .click();
    const item = assistant.locator(`[data-desk-item="unmatched_image:${typoUid}"]`);
    await item.waitFor({ timeout: 60_000 });
    expect(await item.innerText()).toContain('held until matched');
    expect(await item.innerText()).toContain(typo);
    await shotsAtBothWidths(assistant, 'desk-images-without-order');
    await assistant
      .getByText(/^Orders without images/)
      .first()
      .click();
    await assistant
      .getByText('Nothing is waiting')
      .or(assistant.getByRole('table', { name: 'Desk' }))
      .first()
      .waitFor();
    await shotsAtBothWidths(assistant, 'desk-orders-without-images');
    await assistant
      .getByText(/^Images without an order/)
      .first()
      .click();

    // 4. The assistant matches it by hand, from the keyboard: the likeliest order comes first.
    await item.getByRole('button', { name: 'Match to order' }).click();
    const drawer = assistant.getByRole('dialog', {
      name: 'Match the image to a registered applicant',
    });
    await drawer.waitFor();
    const candidate = drawer.locator(`[data-order-candidate="${second.accessionNumber}"]`);
    await candidate.waitFor();
    expect((await candidate.innerText()).toLowerCase()).toContain('id differs by 1 character');
    expect(await drawer.getByRole('radio', { name: new RegExp(secondId) }).isChecked()).toBe(true);
    await shotsAtBothWidths(assistant, 'desk-order-match-drawer');
    await drawer.getByRole('radio', { name: new RegExp(secondId) }).focus();
    await assistant.keyboard.press('Enter');
    await drawer.waitFor({ state: 'hidden' });
    await item.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await orderOf(secondId)).toMatchObject({
      status: 'matched',
      matchMethod: 'manual',
      matchedStudyUid: typoUid,
    });

    await reader.goto('/worklist');
    const secondRow = worklistRow(reader, /Lateef, Bea/i);
    await secondRow.first().waitFor({ timeout: 30_000 });
    const text = await secondRow.first().innerText();
    expect(text).toContain(secondId);
    expect(text).not.toContain(typo);
    expect(text).toMatch(/Urgent/i);
    await shotsAtBothWidths(reader, 'worklist-after-order-match');
    await context.close();
    await reader.context().close();
    await assistant.context().close();
  });
});
