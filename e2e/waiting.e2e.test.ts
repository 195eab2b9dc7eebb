import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';
import { apiCall, apiLogin, openAllCentres } from './support/api';

let browser: Browser;
const baseUrl = inject('baseUrl');

/** Closes every centre from yesterday to three days ahead: new studies wait for an opening. */
async function closeAllCentres(): Promise<void> {
  const admin = await apiLogin(baseUrl, 'admin');
  const centres = await apiCall<{ id: string }[]>(baseUrl, admin, 'GET', '/api/centres');
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const exceptions = [-1, 0, 1, 2, 3].map((o) => ({
    date: day(o),
    label: 'Closed for the e2e test',
    closed: true,
    intervals: [],
  }));
  for (const c of centres)
    await apiCall(baseUrl, admin, 'PATCH', `/api/centres/${c.id}`, { exceptions });
}

/** Sends one chest X-ray of `patient` from clinic DEMO1 with storescu. */
async function sendStudy(file: string, patient: { name: string; id: string }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-wait-'));
  const f = await writeCxr(path.join(dir, file), 'explicitLE', {
    rows: 256,
    columns: 256,
    patient,
  });
  execFileSync('storescu', [
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(inject('dicomPort')),
    f.path,
  ]);
}

/** The radiologist's live worklist. */
async function readerWorklist(): Promise<Page> {
  const r = await newPage(browser, baseUrl);
  await new LoginPage(r.page).open().then((l) => l.signIn('radiologist'));
  await navigate(r.page, 'Worklist');
  await r.page.getByRole('status').getByText('Live').waitFor();
  return r.page;
}

const rowOf = (page: Page, name: RegExp) =>
  page.getByRole('table', { name: 'Worklist' }).getByRole('row', { name });

beforeAll(async () => {
  browser = await launchBrowser();
  await closeAllCentres();
});
afterAll(async () => {
  // The other e2e files expect the centres open.
  await openAllCentres(baseUrl);
  await browser?.close();
});

describe('tasks waiting for a closed centre', () => {
  it('become claimable, live, the moment an administrator opens the centre', async () => {
    const page = await readerWorklist();
    await sendStudy('wait.dcm', { name: 'WAITING^OMAR', id: 'E2E-WAIT-1' });
    const row = rowOf(page, /WAITING, OMAR/);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-state')).toBe('waiting');
    // It says why it waits and until when, and its SLA clock has not started.
    expect(await row.locator('[data-waiting-note]').innerText()).toMatch(/^Centre opens /);
    expect(await row.locator('[data-sla="waiting"]').innerText()).toMatch(/^1h from /);

    await openAllCentres(baseUrl);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('queued');
    expect(await row.locator('[data-waiting-note]').count()).toBe(0);
    await row.click();
    await page.waitForURL(/\/read\//);
    await page.context().close();
  });

  it('can be read now with a reason, which claims and opens the study', async () => {
    await closeAllCentres();
    const page = await readerWorklist();
    await sendStudy('readnow.dcm', { name: 'EARLY^NADIA', id: 'E2E-WAIT-2' });
    const row = rowOf(page, /EARLY, NADIA/);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-state')).toBe('waiting');

    // Enter on a waiting row offers Read now instead of failing to claim it.
    await row.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Read this study now?' });
    await dialog.waitFor();
    const read = dialog.getByRole('button', { name: 'Read now' });
    expect(await read.isDisabled()).toBe(true);
    await dialog.getByLabel('Why read it now?').fill('Applicant flies tonight');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/read\//);
    const taskId = new URL(page.url()).pathname.split('/').at(-1)!;

    const me = await apiLogin(baseUrl, 'radiologist');
    const list = await apiCall<{ tasks: { id: string; state: string; routingReason: string }[] }>(
      baseUrl,
      me,
      'GET',
      '/api/worklist?state=in_progress&mine=true',
    );
    const task = list.tasks.find((t) => t.id === taskId);
    expect(task).toMatchObject({ state: 'in_progress' });
    expect(task!.routingReason).toContain('Applicant flies tonight');
    await page.context().close();
  });
});
