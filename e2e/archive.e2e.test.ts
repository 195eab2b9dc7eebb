import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr, type WrittenFile } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';

let browser: Browser;
let sent: WrittenFile;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launchBrowser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-dicom-'));
  sent = await writeCxr(path.join(dir, 'cxr.dcm'), 'explicitLE', {
    rows: 512,
    columns: 512,
    patient: { name: 'ABUBAKAR^HALIMA', id: 'E2E-5531' },
  });
  // The clinic's modality sends over DICOM, as in the field.
  execFileSync('storescu', [
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(inject('dicomPort')),
    sent.path,
  ]);
});
afterAll(async () => browser?.close());

describe('study browser', () => {
  it('shows a study sent by storescu, with its thumbnail, tags and origin', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('radiologist'));
    await navigate(page, 'Studies');
    await page.keyboard.press('/');
    await page.getByLabel('Search studies').fill('E2E-5531');
    await page.keyboard.press('Enter');
    const row = page
      .getByRole('table', { name: 'Studies' })
      .getByRole('row', { name: /ABUBAKAR, HALIMA/ });
    await row.waitFor();
    await row.click();
    const thumb = page.getByRole('img', { name: /Thumbnail of Image 1/ });
    await thumb.waitFor();
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Tags' }).click();
    await page.getByLabel('Filter tags').fill('PatientID');
    await page.getByRole('table', { name: 'DICOM tags' }).getByText('E2E-5531').waitFor();
    await page.getByRole('tab', { name: /Origin history/ }).click();
    const history = page.getByRole('table', { name: 'Origin history' });
    await history.getByText('DEMO1').first().waitFor();
    expect(await history.innerText()).toMatch(/stored/i);
    await context.close();
  });

  it('never shows one clinic the other clinic’s study', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('clinic2'));
    await navigate(page, 'Studies');
    await page.getByLabel('Search studies').fill('E2E-5531');
    await page.keyboard.press('Enter');
    await page.getByText(/No study matches/).waitFor();
    await page.goto(`/studies/${sent.studyInstanceUid}`);
    await page.getByText('Study not found or not available to you').waitFor();
    await context.close();
  });
});
