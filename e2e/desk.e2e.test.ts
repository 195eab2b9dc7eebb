import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { expectToast, LoginPage, navigate } from './support/pages';
import { stowFiles } from './support/reading';
import { claimFromWorklist, releaseNormalRead } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

/**
 * The assistant's desk, in the running demo server: a clinic sends a chest X-ray without the
 * applicant's ID; it arrives live on the assistant's desk (where the assistant lands) and not on
 * the worklist; the assistant enters the ID from the desk; the study reaches the radiologist's
 * worklist, and the reading screen shows the corrected identity.
 */
let browser: Browser;
let dir: string;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
const releasedId = `DESK-RPT-${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-desk-'));
  // Readings route at once, whatever the demo centres' hours.
  await openAllCentres(baseUrl);
  // A report released to DEMO1 that nobody at the clinic has opened: it waits on the desk too.
  await releaseNormalRead(baseUrl, dicomPort, releasedId);
});
afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the assistant's desk", () => {
  it('holds a study without an applicant ID until the assistant enters it, then it is read', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await (await new LoginPage(page).open()).signIn('assistant');
    // The assistant lands on the desk.
    await page.getByRole('heading', { name: 'Desk', exact: true }).waitFor();
    await page.getByRole('status', { name: 'Live updates: Live' }).waitFor();

    const tag = Date.now().toString(36).toUpperCase();
    const file = await writeCxr(path.join(dir, 'no-id.dcm'), 'explicitLE', {
      rows: 64,
      columns: 64,
      patient: { name: `DESKTEST^${tag}`, id: '' },
    });
    await stowFiles(baseUrl, [file.path]);

    // It arrives on the open desk without a reload, and waits there for its ID.
    const row = page.locator(`[data-desk-item="attention:${file.studyInstanceUid}"]`);
    await row.getByText(/No applicant ID.*waits outside the worklist/).waitFor();
    expect(await row.textContent()).toContain('No ID');
    // Oldest first: the report released before it waits above it.
    const rows = await page
      .locator('[data-desk-item]')
      .evaluateAll((trs) => trs.map((r) => `${r.getAttribute('data-desk-item')} ${r.textContent}`));
    const report = rows.findIndex(
      (r) => r.startsWith('report_unopened:') && r.includes(releasedId),
    );
    expect(report).toBeGreaterThanOrEqual(0);
    expect(report).toBeLessThan(
      rows.findIndex((r) => r.startsWith(`attention:${file.studyInstanceUid}`)),
    );
    await shotsAtBothWidths(page, 'desk', {
      ready: () => row.getByRole('button', { name: 'Enter ID' }).waitFor(),
    });
    // The row's call button shows the clinic's contacts; Escape closes them, the focus still on
    // the button.
    const call = row.getByRole('button', { name: /^Call / });
    await call.click();
    const contacts = page.getByRole('dialog');
    await contacts.waitFor();
    await call.focus();
    await page.keyboard.press('Escape');
    await contacts.waitFor({ state: 'hidden' });

    // Not on the worklist: no reading exists for it.
    const radiologist = await apiLogin(baseUrl, 'radiologist');
    const before = await apiCall<{ tasks: { studyUid: string }[] }>(
      baseUrl,
      radiologist,
      'GET',
      '/api/worklist?state=all',
    );
    expect(before.tasks.map((t) => t.studyUid)).not.toContain(file.studyInstanceUid);

    // j selects the first row; the desk's row for this study gets its ID from the drawer.
    await page.keyboard.press('j');
    await page.locator('[data-desk-item][aria-selected="true"]').waitFor();
    await row.getByRole('button', { name: 'Enter ID' }).click();
    const id = `DESK-${tag}`;
    await page.getByLabel('Applicant ID').fill(id);
    await page.getByLabel('Family name').fill('NAKATO');
    await page.getByLabel('Given names').fill('ESTHER');
    await page.getByLabel('Where the identity comes from').fill('Clinic register, by phone');
    await page.getByRole('button', { name: 'Save identity' }).click();
    await expectToast(page, 'Identity saved');
    await row.waitFor({ state: 'detached' });
    await context.close();

    // The radiologist reads it with the identity the assistant entered.
    const reader = await newPage(browser, baseUrl);
    await (await new LoginPage(reader.page).open()).signIn('radiologist');
    await claimFromWorklist(reader.page, new RegExp(id));
    const header = reader.page.getByText(new RegExp(`^${id} · `));
    await header.first().waitFor();
    const overlay = reader.page.locator('[data-overlay="top-left"]').first();
    await overlay.getByText(id).waitFor();
    expect(await overlay.textContent()).toContain('NAKATO, ESTHER');
    await reader.context.close();
  });

  it('shows the contacts an administrator records on the clinic form as telephone and e-mail links', async () => {
    const admin = await newPage(browser, baseUrl);
    await (await new LoginPage(admin.page).open()).signIn('admin');
    await navigate(admin.page, 'Clinics');
    await admin.page.getByRole('button', { name: 'Edit clinic DEMO2' }).click();
    await admin.page.getByRole('button', { name: 'Add contact' }).click();
    // DEMO2 comes with one contact; the new one is the second.
    await admin.page.getByLabel('Contact 2 name').fill('Joseph Otieno');
    await admin.page.getByLabel('Contact 2 role').fill('Radiographer');
    await admin.page.getByLabel('Contact 2 phone').fill('+254 20 555 0177');
    await admin.page.getByLabel('Contact 2 e-mail').fill('xray@demo2.example');
    await admin.page.getByLabel('Contact 2 preferred hours').fill('Weekdays 09:00–13:00');
    await shotsAtBothWidths(admin.page, 'clinic-form-contacts', {
      ready: () => admin.page.getByLabel('Contact 2 preferred hours').scrollIntoViewIfNeeded(),
    });
    await admin.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectToast(admin.page, 'Clinic updated');
    await admin.context.close();

    const { context, page } = await newPage(browser, baseUrl);
    await (await new LoginPage(page).open()).signIn('assistant');
    await page.getByRole('heading', { name: 'Desk', exact: true }).waitFor();
    await page.getByPlaceholder('All my clinics').click();
    await page.getByRole('option', { name: /^DEMO2 · / }).click();
    const phone = page.getByRole('link', { name: '+254 20 555 0177' });
    await phone.waitFor();
    expect(await phone.getAttribute('href')).toBe('tel:+254205550177');
    expect(await page.getByRole('link', { name: 'xray@demo2.example' }).getAttribute('href')).toBe(
      'mailto:xray@demo2.example',
    );
    await page.getByText('Best reached: Weekdays 09:00–13:00').waitFor();
    // The contact the demo clinic came with stays first.
    await page.getByRole('link', { name: '+254 20 555 0142' }).waitFor();
    await shotsAtBothWidths(page, 'desk-clinic');
    await context.close();
  });
});
