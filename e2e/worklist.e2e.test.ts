import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser, newPage } from './support/browser';
import { expectToast, LoginPage, navigate } from './support/pages';
import { apiCall, apiLogin, openAllCentres } from './support/api';

let browser: Browser;
const baseUrl = inject('baseUrl');

/** An administrator's API session: the cookie and CSRF token to send. */
const adminSession = () => apiLogin(baseUrl, 'admin');

/** Sets the assignment mode of every centre. */
async function setAssignmentMode(mode: 'pull' | 'push'): Promise<void> {
  const admin = await adminSession();
  const centres = await apiCall<{ id: string }[]>(baseUrl, admin, 'GET', '/api/centres');
  for (const c of centres)
    await apiCall(baseUrl, admin, 'PATCH', `/api/centres/${c.id}`, { assignmentMode: mode });
}

/** Sends one chest X-ray of `patient` from clinic DEMO1 with storescu. */
async function sendStudy(file: string, patient: { name: string; id: string }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-wl-'));
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

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

describe('reading worklist', () => {
  it('shows a study sent by storescu on open worklists without reload; a claim shows as taken to the other reader', async () => {
    const a = await newPage(browser, baseUrl);
    const b = await newPage(browser, baseUrl);
    await new LoginPage(a.page).open().then((l) => l.signIn('radiologist'));
    // The second reader is the consultant: radiologist2 turns MFA on in auth.e2e.test.ts.
    await new LoginPage(b.page).open().then((l) => l.signIn('consultant'));
    for (const p of [a.page, b.page]) {
      await navigate(p, 'Worklist');
      await p.getByRole('status').getByText('Live').waitFor();
    }

    await sendStudy('wl.dcm', { name: 'WORKLIST^AMARA', id: 'E2E-WL-1' });

    // Both worklists show it once the study is stable: pushed, not reloaded.
    const rowIn = (p: typeof a.page) =>
      p.getByRole('table', { name: 'Worklist' }).getByRole('row', { name: /WORKLIST, AMARA/ });
    await rowIn(a.page).waitFor({ timeout: 20_000 });
    await rowIn(b.page).waitFor({ timeout: 20_000 });
    expect(await rowIn(b.page).getAttribute('data-state')).toBe('queued');

    // Reader A claims it by opening it; reader B's list shows it taken, again without reload.
    await rowIn(a.page).click();
    // Readers land on the reading screen (or the study page before it existed).
    await a.page.waitForURL(/\/(read|studies)\//);
    await expect
      .poll(() => rowIn(b.page).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('in_progress');
    expect(await rowIn(b.page).innerText()).toContain('Dr Rosa Reyes');

    // B trying to open it is told who has it.
    await rowIn(b.page).click();
    await b.page
      .getByRole('alert')
      .filter({ hasText: 'Someone is reading this study' })
      .filter({ hasText: 'Dr Rosa Reyes is reading it now' })
      .waitFor();
    await a.context.close();
    await b.context.close();
  });

  it('pushes a new study to the reader who went on shift, shown on their worklist without reload', async () => {
    const r = await newPage(browser, baseUrl);
    await new LoginPage(r.page).open().then((l) => l.signIn('radiologist'));
    await navigate(r.page, 'Worklist');
    await r.page.getByRole('status').getByText('Live').waitFor();
    const shift = r.page.getByTestId('shift-state');
    await shift.getByText('Off shift').waitFor();
    await setAssignmentMode('push');
    try {
      await r.page.getByRole('switch', { name: 'On shift' }).click({ force: true });
      await shift.getByText('On shift').waitFor();

      await sendStudy('push.dcm', { name: 'PUSHED^BELLA', id: 'E2E-WL-2' });
      const row = r.page
        .getByRole('table', { name: 'Worklist' })
        .getByRole('row', { name: /PUSHED, BELLA/ });
      await row.waitFor({ timeout: 20_000 });
      await expect
        .poll(() => row.getAttribute('data-state'), { timeout: 10_000 })
        .toBe('in_progress');
      expect(await row.innerText()).toContain('You');

      // The choice survives a reload, and going off shift is one click.
      await r.page.reload();
      await shift.getByText('On shift').waitFor();
      await r.page.getByRole('switch', { name: 'On shift' }).click({ force: true });
      await shift.getByText('Off shift').waitFor();
    } finally {
      await setAssignmentMode('pull');
      await r.context.close();
    }
  });

  it('lets an administrator edit the routing and SLA rules, with clear errors', async () => {
    const { page, context } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('admin'));
    await navigate(page, 'Routing & SLA');
    const save = page.getByRole('button', { name: 'Save rules' });
    await save.waitFor();
    try {
      // A half-filled pin is refused with a message on its row, and nothing is saved.
      await page.getByRole('button', { name: 'Pin a clinic' }).click();
      await save.click();
      await page.getByText('Choose a clinic and a centre, or remove the row').waitFor();
      await expectToast(page, 'Not saved');
      await page.getByRole('button', { name: 'Remove pin 1' }).click();

      await page.getByLabel('Alert before the due time').fill('15');
      await page.getByLabel('Keep them in place and flag them “centre closed”').check();
      await save.click();
      await expectToast(page, 'Routing rules saved');
      await page.reload();
      await expect
        .poll(() => page.getByLabel('Alert before the due time').inputValue())
        .toBe('15 min');
      expect(
        await page.getByLabel('Keep them in place and flag them “centre closed”').isChecked(),
      ).toBe(true);
    } finally {
      await apiCall(baseUrl, await adminSession(), 'PUT', '/api/settings/routing', {});
      await context.close();
    }
  });
});
