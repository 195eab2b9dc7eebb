import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeCxr } from '../apps/server/src/testing/dicomFixtures';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';

let browser: Browser;
const baseUrl = inject('baseUrl');

/** Opens every centre around the clock for three days, so the test never meets a closed centre. */
async function openAllCentres(): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'telerad-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const centres = (await (
    await fetch(`${baseUrl}/api/centres`, { headers: { cookie } })
  ).json()) as { id: string }[];
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const exceptions = [-1, 0, 1].map((o) => ({
    date: day(o),
    label: 'E2E 24/7',
    closed: false,
    intervals: [{ open: '00:00', close: '24:00' }],
  }));
  for (const c of centres) {
    const res = await fetch(`${baseUrl}/api/centres/${c.id}`, {
      method: 'PATCH',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ exceptions }),
    });
    expect(res.status).toBe(200);
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres();
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

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-wl-'));
    const f = await writeCxr(path.join(dir, 'wl.dcm'), 'explicitLE', {
      rows: 256,
      columns: 256,
      patient: { name: 'WORKLIST^AMARA', id: 'E2E-WL-1' },
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

    // Both worklists show it once the study is stable: pushed, not reloaded.
    const rowIn = (p: typeof a.page) =>
      p.getByRole('table', { name: 'Worklist' }).getByRole('row', { name: /WORKLIST, AMARA/ });
    await rowIn(a.page).waitFor({ timeout: 20_000 });
    await rowIn(b.page).waitFor({ timeout: 20_000 });
    expect(await rowIn(b.page).getAttribute('data-state')).toBe('queued');

    // Reader A claims it by opening it; reader B's list shows it taken, again without reload.
    await rowIn(a.page).click();
    await a.page.waitForURL(/\/studies\//);
    await expect
      .poll(() => rowIn(b.page).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('in_progress');
    expect(await rowIn(b.page).innerText()).toContain('Dr Rosa Reyes');

    // B trying to open it is told who has it.
    await rowIn(b.page).click();
    await b.page.getByText('Could not claim this study').waitFor();
    await a.context.close();
    await b.context.close();
  });
});
