import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAllCentres } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';
import { releaseNormalRead } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

/**
 * Support's clinic page, in the running demo server: DEMO1 sends a chest X-ray by C-STORE and
 * its normal read is released; support finds DEMO1 under Support → Clinic overview, opens it and
 * sees whom to call, its AE title, the day's arrivals on the chart, the study among the last
 * received and its delivery. An administrator reaches the same page from Administration →
 * Clinics, and the assistant from a desk row. Nothing is changed: every step only reads.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
const patientId = `CLINICPAGE-${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  await releaseNormalRead(baseUrl, dicomPort, patientId);
});
afterAll(async () => browser?.close());

/** Signs `username` in on a fresh page. */
async function signedIn(username: string): Promise<Page> {
  const { page } = await newPage(browser, baseUrl);
  await (await new LoginPage(page).open()).signIn(username);
  return page;
}

/** Waits for DEMO1's page: its header and its first section. */
async function demo1Page(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Demo Clinic Manila', level: 2 }).waitFor();
  await page.getByRole('region', { name: 'Contacts' }).getByText('Maria Santos').waitFor();
  return new URL(page.url()).pathname;
}

describe("support's clinic page", () => {
  let demo1Path: string;

  it('finds DEMO1 in the clinic overview and shows its contacts, doors, traffic and deliveries', async () => {
    const page = await signedIn('support');
    await navigate(page, 'Clinic overview');
    const table = page.getByRole('table', { name: 'Clinics' });
    await table.getByRole('link', { name: 'Demo Clinic Manila' }).waitFor();
    await shotsAtBothWidths(page, 'clinic-directory-all');
    await page.getByRole('textbox', { name: 'Search clinics' }).fill('DEMO1');
    await table.getByRole('link', { name: 'Demo Clinic Nairobi' }).waitFor({ state: 'detached' });
    const row = table.getByRole('row').filter({ hasText: 'Demo Clinic Manila' });
    // It just sent an image by C-STORE.
    await row.getByText(/just now|minute/).waitFor();
    await shotsAtBothWidths(page, 'clinic-directory');

    await row.getByRole('link', { name: 'Demo Clinic Manila' }).click();
    demo1Path = await demo1Page(page);
    expect(demo1Path).toMatch(/^\/support\/clinics\/[0-9a-f-]{36}$/);
    await page
      .getByTestId('last-image')
      .getByText(/DICOM \(C-STORE\) · AE DEMO1/)
      .waitFor();

    const contacts = page.getByRole('region', { name: 'Contacts' });
    expect(
      await contacts.getByRole('link', { name: '+63 2 8555 0101' }).getAttribute('href'),
    ).toMatch(/^tel:\+63285550101$/);
    await contacts.getByRole('link', { name: 'radiography@demo1.example' }).waitFor();

    const doors = page.getByRole('region', { name: 'DICOM doors' });
    await doors.getByRole('table', { name: 'Calling AE titles' }).getByText('DEMO1').waitFor();
    await doors.getByText('Any address').waitFor();

    const traffic = page.getByRole('region', { name: 'Recent traffic' });
    await traffic.getByRole('img', { name: /Studies received per day/ }).waitFor();
    // ECharts drew today's C-STORE series: its legend names the door.
    await traffic.locator('svg text', { hasText: 'DICOM (C-STORE)' }).first().waitFor();
    const study = traffic
      .getByRole('table', { name: 'Last studies received' })
      .getByRole('row')
      .filter({ hasText: patientId });
    await study.getByText('DICOM (C-STORE)').waitFor();
    await study.getByText('AE DEMO1').waitFor();

    const deliveries = page.getByRole('region', { name: 'Deliveries' });
    await deliveries.getByRole('row').filter({ hasText: patientId }).first().waitFor();

    await shotsAtBothWidths(page, 'clinic-detail', { fullPage: true });
    // The jump bar reaches a section below the fold.
    await page
      .getByRole('navigation', { name: 'Sections of this page' })
      .getByRole('link', { name: 'Deliveries' })
      .click();
    await deliveries.getByRole('heading', { name: 'Deliveries' }).waitFor();
    expect(await deliveries.getByRole('heading', { name: 'Deliveries' }).isVisible()).toBe(true);
  });

  it("opens the same page from the admin's clinic list and from the assistant's desk", async () => {
    const admin = await signedIn('admin');
    await navigate(admin, 'Clinics');
    await admin
      .getByRole('table', { name: 'Clinics' })
      .getByRole('link', { name: 'Demo Clinic Manila' })
      .click();
    expect(await demo1Page(admin)).toBe(demo1Path);
    // The edit action stays separate: it opens the clinic form, which is closed unchanged.
    await admin.getByRole('link', { name: 'Edit clinic' }).click();
    const name = admin.getByRole('dialog').getByRole('textbox', { name: 'Clinic name' });
    await name.waitFor();
    expect(await name.inputValue()).toBe('Demo Clinic Manila');
    await admin.keyboard.press('Escape');
    await admin.getByRole('dialog').waitFor({ state: 'detached' });

    const assistant = await signedIn('assistant');
    await assistant.getByRole('heading', { name: 'Desk', exact: true }).waitFor();
    // The released report nobody at DEMO1 opened waits on the desk; its clinic opens the page.
    const deskRow = assistant.locator('[data-desk-item]').filter({ hasText: patientId });
    await deskRow.getByRole('link', { name: 'DEMO1' }).click();
    expect(await demo1Page(assistant)).toBe(demo1Path);
  });
});
