/**
 * The capacity planner end to end, on a server of its own whose database the test fills with two
 * weeks of arrival history (the shared server has only today's studies, and the planner needs a
 * week): the quality officer first meets the empty state, then, with history, opens the planner,
 * sees a centre's week as a heatmap, adds a what-if clinic and sees the recommendation rise.
 * Set TELERAD_SCREENSHOTS=<dir> to keep screenshots of the planner.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedArrivalHistory } from '../apps/server/src/modules/capacity/testSupport';
import { createDb, type Db } from '../apps/server/src/platform/db';
import { startServer, type ServerProcess } from '../apps/server/src/testing/serverProcess';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let server: ServerProcess | undefined;
let browser: Browser;
let db: Db | undefined;

beforeAll(async () => {
  server = await startServer({ env: { TELERAD_DEMO_STUDIES: '0' } });
  db = createDb(server.databaseUrl, 4).db;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db?.destroy();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** The number a figure of the selected centre shows. */
async function figure(page: Page, label: string): Promise<number> {
  const text = await page.getByRole('group', { name: label }).innerText();
  const [, value] = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return Number(value!.replaceAll(',', ''));
}

describe('the capacity planner', () => {
  it('asks for history first, then recommends more readers when a clinic is added', async () => {
    const page = await signedIn(browser, server!.url, 'qa');
    await navigate(page, 'Capacity planner');
    await page.getByRole('heading', { name: 'Capacity planner' }).waitFor();
    await page.getByText('Not enough arrivals to plan from yet').waitFor();
    expect(await page.getByText(/needs 7 days of arrivals/).count()).toBe(1);
    await shotsAtBothWidths(page, 'capacity-empty');

    // Two weeks of Manila's working day at DEMO1 (09:00–17:00 there, 01:00–09:00 UTC) and
    // Nairobi's at DEMO2 (08:00–16:00 there, 05:00–13:00 UTC); each read takes 9 minutes.
    const until = new Date();
    for (const [clinicCode, first, perHour] of [
      ['DEMO1', 1, 5],
      ['DEMO2', 5, 3],
    ] as const)
      await seedArrivalHistory(db!, {
        clinicCode,
        until,
        days: 14,
        perHour: (day, hour) => (day <= 6 && hour >= first && hour < first + 8 ? perHour : 0),
        readerUsername: 'radiologist',
        readMinutes: 9,
      });
    await db!
      .updateTable('users')
      .set({ shift_choice: true })
      .where('username', 'in', ['radiologist', 'radiologist2'])
      .execute();

    await page.reload();
    const heatmap = page.getByRole('img', { name: /Readers needed and on the roster at Global/ });
    await heatmap.waitFor();
    expect(await page.getByRole('radio', { name: 'Global Centre' }).isChecked()).toBe(true);
    const before = await figure(page, 'Reader-hours needed');
    expect(before).toBeGreaterThan(0);
    expect(await figure(page, 'Minutes per read')).toBe(9);
    await shotsAtBothWidths(page, 'capacity-plan', { fullPage: true });

    // What if a clinic in Cebu sends 120 studies a day to the Global Centre?
    const form = page.getByRole('form', { name: 'What if' });
    await form.getByLabel('Clinic name').fill('Cebu screening site');
    await form.getByLabel('Studies a day').fill('120');
    await form.getByLabel('Clinic time zone').fill('Manila');
    await page.getByRole('option', { name: /Asia\/Manila/ }).click();
    await form.getByRole('button', { name: 'Show the effect' }).click();

    const effect = page.getByRole('table', { name: 'Effect of the what-if' });
    await effect.waitFor();
    const row = effect.getByRole('row', { name: /Global Centre/ });
    const [, , needed] = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
    const [was, now] = needed!.split('→').map((n) => Number(n.trim()));
    expect(was).toBe(before);
    expect(now).toBeGreaterThan(was!);
    await expect.poll(() => figure(page, 'Reader-hours needed')).toBe(now);
    await shotsAtBothWidths(page, 'capacity-what-if', {
      fullPage: true,
      ready: () => page.evaluate(() => window.scrollTo(0, 0)),
    });

    // Back to today's plan: the what-if is gone.
    await page.getByRole('button', { name: 'Back to today’s plan' }).click();
    await effect.waitFor({ state: 'detached' });
    expect(await figure(page, 'Reader-hours needed')).toBe(before);

    // What if the Regional Centre opened round the clock? The studies held overnight for the
    // Global Centre's Sunday opening go to Nairobi instead.
    await form.getByLabel('Clinic name').fill('');
    await form.getByLabel('Studies a day').fill('');
    await form.getByLabel('Centre', { exact: true }).click();
    await page.getByRole('option', { name: 'Regional Centre' }).click();
    await form.getByLabel('Opens (its time)').click();
    await page.getByRole('option', { name: '00:00' }).click();
    await form.getByRole('button', { name: 'Show the effect' }).click();
    const regional = effect.getByRole('row', { name: /Regional Centre/ });
    await regional.waitFor();
    const [, weekly] = (await regional.getByRole('cell').allInnerTexts()).map((t) => t.trim());
    const [from, to] = weekly!.split('→').map((n) => Number(n.trim()));
    expect(to).toBeGreaterThan(from!);
  });
});
