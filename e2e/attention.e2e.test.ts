import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeRealWorld } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser, newPage } from './support/browser';
import { expectToast, LoginPage, navigate } from './support/pages';

/**
 * Needs attention, in the running demo server: a clinic sends a chest X-ray without Patient ID
 * over DIMSE; the assistant finds it on the Needs attention page, enters the applicant's ID and
 * name; the row then shows the entered identity with what the clinic sent, and the viewer's
 * overlay shows it too.
 */
let browser: Browser;
let dir: string;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-attention-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('needs attention', () => {
  it('lets an assistant enter the identity of a study sent without Patient ID', async () => {
    const file = writeRealWorld(dir, 'no-patient-id');
    execFileSync('storescu', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(dicomPort),
      file.path,
    ]);

    const { context, page } = await newPage(browser, baseUrl);
    await (await new LoginPage(page).open()).signIn('assistant');
    await navigate(page, 'Needs attention');
    const table = page.getByRole('table', { name: 'Studies that need attention' });
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Enter ID' }) });
    await row.first().waitFor();
    await row.first().getByRole('button', { name: 'Enter ID' }).click();

    const id = `E2E-${Date.now().toString(36).toUpperCase()}`;
    await page.getByLabel('Applicant ID').fill(id);
    await page.getByLabel('Family name').fill('OTIENO');
    await page.getByLabel('Given names').fill('MERCY');
    await page.getByRole('button', { name: 'Save identity' }).click();
    await expectToast(page, 'Identity saved');

    const entered = table.getByRole('row').filter({ hasText: id });
    await entered.waitFor();
    expect(await entered.textContent()).toContain('OTIENO, MERCY');
    expect(await entered.textContent()).toContain('sent as “no ID”');

    // The viewer's overlay shows the entered identity, not the header's (which has none).
    await page.goto(`/studies/${file.studyUid}/view`);
    const overlay = page.locator('[data-overlay="top-left"]').first();
    await overlay.getByText(id).waitFor();
    expect(await overlay.textContent()).toContain('OTIENO, MERCY');
    await context.close();
  });
});
