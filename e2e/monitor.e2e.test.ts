/**
 * The network monitor end to end in the running demo server: support opens Network, sees DEMO1
 * on the map and in the table with the image it just sent; DEMO1 then goes quiet (nothing more
 * arrives) while its working hours cover the whole week and the silence threshold is 0 minutes,
 * so the next alert check finds it silent: the table and the banner show the alert without a
 * reload, and support's bell says "Clinic silent: DEMO1". A new image clears it on the next
 * check. A refused association (an unknown AE title) shows in the Refusals feed. The rules and
 * DEMO1's hours are put back in `finally`. Set TELERAD_SCREENSHOTS=<dir> to keep screenshots.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, type ApiSession } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { sendCxr, signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

interface Clinic {
  id: string;
  code: string;
  alerts: { kind: string }[];
}

const network = async (s: ApiSession) =>
  (await apiCall<{ clinics: Clinic[] }>(baseUrl, s, 'GET', '/api/monitor/network')).clinics;

/** Support's network notifications about DEMO1, newest first. */
const bellTitles = async (s: ApiSession) =>
  (
    await apiCall<{ notifications: { kind: string; title: string }[] }>(
      baseUrl,
      s,
      'GET',
      '/api/notifications?limit=200',
    )
  ).notifications
    .filter((n) => n.kind.startsWith('network.') && n.title.includes('DEMO1'))
    .map((n) => n.title);

/** Presses "Check alerts now" and waits for its answer. */
async function checkAlerts(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/monitor/alerts/check'));
  await page.getByRole('button', { name: 'Check alerts now' }).click();
  expect((await answered).status()).toBe(200);
}

describe('the network monitor', () => {
  it('shows a clinic going silent in its working hours, alerts support, and clears on the next image', async () => {
    const admin = await apiLogin(baseUrl, 'admin');
    const supportApi = await apiLogin(baseUrl, 'support');
    const demo1 = (await network(supportApi)).find((c) => c.code === 'DEMO1')!;
    const rulesBefore = await apiCall(baseUrl, admin, 'GET', '/api/settings/monitor');
    const hoursBefore = await apiCall(
      baseUrl,
      admin,
      'GET',
      `/api/monitor/clinics/${demo1.id}/working-hours`,
    );
    await sendCxr(dicomPort, 'DEMO1', { name: 'NETWORK^SILENT', id: 'E2E-NET-1' });
    // A modality with an AE title nobody registered: refused at association.
    expect(() =>
      execFileSync(
        'echoscu',
        ['-aet', 'UNREGISTERED', '-aec', 'TELERAD', '127.0.0.1', String(dicomPort)],
        { stdio: 'pipe' },
      ),
    ).toThrow();

    const page = await signedIn(browser, baseUrl, 'support');
    try {
      await navigate(page, 'Network');
      const row = page
        .getByTestId('network-row')
        .filter({ has: page.getByText('DEMO1', { exact: true }) });
      await row.waitFor();
      await expect.poll(() => row.innerText()).toMatch(/just now|min ago/);
      await page.getByRole('img', { name: /^Map of \d+ clinics/ }).waitFor();
      await shotsAtBothWidths(page, 'network-monitor');

      // DEMO1 works around the clock, and any quiet minute counts as silence.
      await apiCall(baseUrl, admin, 'PUT', `/api/monitor/clinics/${demo1.id}/working-hours`, {
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })),
      });
      // Support sets the silence rule to 0 minutes in the page's alert rules.
      await page.getByRole('button', { name: 'Alert rules' }).click();
      const rules = page.getByRole('form', { name: 'Network alert rules' });
      const silent = rules.getByRole('textbox', { name: 'A clinic is silent after' });
      await silent.fill('0');
      await shotsAtBothWidths(page, 'network-alert-rules');
      await rules.getByRole('button', { name: 'Save alert rules' }).click();
      await rules.waitFor({ state: 'detached' });
      expect(await apiCall(baseUrl, admin, 'GET', '/api/settings/monitor')).toMatchObject({
        silentAfterMinutes: 0,
      });
      await checkAlerts(page);
      // No reload: the table and the banner show the alert.
      await row
        .getByTestId('network-alert')
        .getByText(/Silent in working hours/)
        .waitFor();
      await page.getByTestId('network-alerts').getByText(/DEMO1/).waitFor();
      expect(await bellTitles(supportApi)).toContain('Clinic silent: DEMO1');
      await shotsAtBothWidths(page, 'network-monitor-alert');

      // The bell in the header tells support too.
      const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
      await bell.click();
      await page
        .getByRole('list', { name: 'Notifications' })
        .getByRole('link', { name: /Clinic silent: DEMO1/ })
        .first()
        .waitFor();
      await page.keyboard.press('Escape');

      // A clinic's week at a glance: last study per door, images per hour, its refusals.
      await row.getByRole('button', { name: 'History of DEMO1' }).click();
      const drawer = page.getByRole('dialog', { name: /DEMO1/ });
      await drawer.getByRole('img', { name: /Images and refusals per hour/ }).waitFor();
      expect(await drawer.getByTestId('last-dimse').innerText()).toMatch(/just now|min ago/);
      await drawer.getByText('Working hours · 7 days · 168 h/week').waitFor();
      await shotsAtBothWidths(page, 'network-clinic-history');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      // The Refusals tab lists the unknown AE title with its reason and address.
      await page.getByRole('tab', { name: 'Refusals' }).click();
      const refusal = page.getByTestId('refusal-row').filter({ hasText: 'UNREGISTERED' }).first();
      await refusal.getByText('DIMSE_CALLING_AE_UNKNOWN').waitFor();
      expect(await refusal.innerText()).toMatch(/127\.0\.0\.1/);
      await shotsAtBothWidths(page, 'network-refusals');
      await page.getByRole('tab', { name: /^Clinics/ }).click();
    } finally {
      await apiCall(baseUrl, admin, 'PUT', '/api/settings/monitor', rulesBefore);
      await apiCall(
        baseUrl,
        admin,
        'PUT',
        `/api/monitor/clinics/${demo1.id}/working-hours`,
        hoursBefore,
      );
    }
    // Back to a 30-minute rule: a new image and the next check clear the alert.
    await sendCxr(dicomPort, 'DEMO1', { name: 'NETWORK^BACK', id: 'E2E-NET-2' });
    await checkAlerts(page);
    await expect
      .poll(async () => (await network(supportApi)).find((c) => c.code === 'DEMO1')!.alerts)
      .toEqual([]);
    await page.getByTestId('network-alerts').waitFor({ state: 'detached' });
    expect(await bellTitles(supportApi)).toContain('Recovered: DEMO1 (silent in working hours)');
  });
});
