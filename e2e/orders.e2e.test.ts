import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { LoginPage } from './support/pages';
import { shotsAtBothWidths } from './support/screenshots';

/**
 * The front desk on a tablet held upright (820×1180): a clinic user registers an applicant from
 * the form, sees the duplicate warning while typing a second applicant with the same ID, and
 * imports a day's list from CSV after checking it. Only orders are created (no guarded table).
 */
let browser: Browser;
let page: Page;
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36).toUpperCase();

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 820, height: 1180 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await new LoginPage(page).open();
  await new LoginPage(page).submit('clinic1', 'telerad-demo');
  await page.getByRole('banner').waitFor();
});
afterAll(async () => browser?.close());

describe('registering applicants at the front desk', () => {
  it('registers one, warns about the same ID, and imports a checked list', async () => {
    await page.goto('/register');
    await page.getByRole('heading', { name: 'Register applicant' }).waitFor();
    await page
      .getByText('Nobody registered yet today')
      .or(page.getByRole('table'))
      .first()
      .waitFor();
    await shotsAtBothWidths(page, 'register-applicant-empty', { fullPage: true });

    const id = `E2E-${run}`;
    await page.getByLabel('Applicant ID').fill(id);
    await page.getByLabel('Family name').fill('Villanueva');
    await page.getByLabel('Given names').fill('Rosa');
    await page.getByLabel('Date of birth').fill('1994-08-09');
    await page.getByText('Female', { exact: true }).click();
    await page.getByRole('button', { name: 'Register applicant' }).click();
    const today = page.getByRole('table', { name: 'Registered today' });
    await today.getByText('Villanueva, Rosa').waitFor();

    // A second applicant with the same ID: the warning appears as the ID is typed.
    await page.getByLabel('Applicant ID').fill(id);
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Villanueva, Rosa');
    await shotsAtBothWidths(page, 'register-applicant-duplicate', { fullPage: true });
    await page.getByLabel('Applicant ID').fill('');

    await page.getByRole('button', { name: 'Import a list (CSV)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import the day’s list' });
    const csv = [
      'patient_id,family_name,given_name,birth_date,sex,views',
      `${id}-A,Bautista,Jose,1988-03-02,M,PA`,
      `${id}-B,Ramos,Ana,1999-13-40,F,PA`,
    ].join('\n');
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'today.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await dialog.getByRole('button', { name: 'Check the file' }).click();
    await dialog.getByText('1 to register · 0 already registered · 1 with errors').waitFor();
    // The row with a bad date says which column to fix and how.
    await dialog.getByText('birth_date: must be a real date written YYYY-MM-DD').waitFor();
    await shotsAtBothWidths(page, 'register-applicant-import');
    await dialog.getByRole('button', { name: 'Import 1 applicant' }).click();
    await dialog.getByText('1 registered · 0 already registered · 1 with errors').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await today.getByText('Bautista, Jose').waitFor();
    await shotsAtBothWidths(page, 'register-applicant-list', { fullPage: true });
  });
});
