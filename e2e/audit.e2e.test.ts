import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';
import { sendCxr } from './support/reportPages';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('audit log', () => {
  it('an auditor sees whose record was read, at which clinic, picks the clinic by name and hides list refreshes', async () => {
    const studyUid = await sendCxr(dicomPort, 'DEMO2', { name: 'AUDITED^NALEDI', id: 'AU-4242' });
    const rad = await apiLogin(baseUrl, 'radiologist');
    await apiCall(baseUrl, rad, 'GET', `/api/studies/${studyUid}`);
    await apiCall(baseUrl, rad, 'GET', '/api/worklist');

    const { context, page } = await newPage(browser, baseUrl);
    await (await new LoginPage(page).open()).signIn('auditor');
    await navigate(page, 'Audit log');
    const table = page.getByRole('table', { name: 'Audit events' });
    const read = table.getByRole('row', { name: /archive\.study\.read by radiologist/ }).first();
    await read.getByText('AUDITED, NALEDI').waitFor();
    await read.getByText('ID AU-4242 · study').waitFor();
    await read.getByRole('cell', { name: 'Demo Clinic Nairobi', exact: true }).waitFor();
    // List refreshes are hidden by default, and shown with the switch.
    expect(await table.getByRole('row', { name: /^worklist\.list/ }).count()).toBe(0);
    await page.getByLabel('Hide list refreshes').uncheck();
    await table
      .getByRole('row', { name: /^worklist\.list by radiologist/ })
      .first()
      .waitFor();

    await page.getByPlaceholder('Any clinic').click();
    await page.getByRole('option', { name: 'Demo Clinic Manila (DEMO1)' }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No events match these filters').or(table).first().waitFor();
    await expect
      .poll(() => table.getByRole('cell', { name: 'Demo Clinic Nairobi', exact: true }).count())
      .toBe(0);
    await context.close();
  });
});
