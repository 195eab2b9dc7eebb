import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { LoginPage } from './support/pages';
import { waitForTask } from './support/reading';
import { releaseNormalRead, sendCxr, worklistRow } from './support/reportPages';

/**
 * Tablets: at 820×1180 (upright) and 1024×768 (lying) every main page fits the screen, with no
 * sideways scrolling of the page or of a table, and each table keeps its key columns (State and
 * Clinic among them) while lesser ones give way. The navbar folds behind its menu button, and
 * the reading screen upright puts the report under the image.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  // A study waiting to be read and a released report, so every table has rows to lay out.
  const studyUid = await sendCxr(dicomPort, 'DEMO1', {
    name: 'TABLETTON^TERESA MARGARITA',
    id: 'TAB-820-0001',
  });
  await waitForTask(baseUrl, await apiLogin(baseUrl, 'radiologist'), studyUid, 'TAB-820-0001');
  await releaseNormalRead(baseUrl, dicomPort, 'TAB-820-0002');
});
afterAll(async () => browser?.close());

const UPRIGHT = { width: 820, height: 1180 };
const LYING = { width: 1024, height: 768 };

/** A page at a tablet's size, signed in as `username`. */
async function tabletPage(username: string, viewport = UPRIGHT): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await new LoginPage(page).open();
  await new LoginPage(page).submit(username, 'telerad-demo');
  await page.getByRole('banner').waitFor();
  return page;
}

/** How far the page, and each table's box, reaches past the screen's width (px). */
async function overflow(page: Page): Promise<{ page: number; tables: Record<string, number> }> {
  return page.evaluate(() => {
    const tables: Record<string, number> = {};
    for (const t of Array.from(document.querySelectorAll('table[aria-label]'))) {
      const box = t.parentElement!;
      tables[t.getAttribute('aria-label')!] = box.scrollWidth - box.clientWidth;
    }
    return { page: document.documentElement.scrollWidth - window.innerWidth, tables };
  });
}

/** The header cells of `table` that a person can see. */
async function visibleColumns(page: Page, table: string): Promise<string[]> {
  const headers = page.getByRole('table', { name: table }).getByRole('columnheader');
  const names: string[] = [];
  for (const h of await headers.all())
    if (await h.isVisible()) names.push(((await h.textContent()) ?? '').trim());
  return names;
}

/** Opens `path`, waits for `table` with a row, and checks the fit and the key columns. */
async function expectFits(page: Page, path: string, table: string, keys: string[]) {
  await page.goto(path);
  await page.getByRole('table', { name: table }).getByRole('row').nth(1).waitFor();
  expect(await overflow(page)).toEqual({ page: 0, tables: { [table]: 0 } });
  expect(await visibleColumns(page, table)).toEqual(expect.arrayContaining(keys));
}

describe('tablets', () => {
  it('fits the worklist and the studies list of a reader upright and lying', async () => {
    for (const viewport of [UPRIGHT, LYING]) {
      const page = await tabletPage('radiologist', viewport);
      // Below 992 px the navbar waits behind its menu button; the rail of icons above.
      const menu = page.getByRole('button', { name: 'Toggle navigation' });
      expect(await menu.isVisible()).toBe(viewport === UPRIGHT);
      await expectFits(page, '/worklist', 'Worklist', [
        'Priority',
        'SLA',
        'Patient',
        'Clinic',
        'State',
      ]);
      // The patient ID gave way upright; it shows under the name instead.
      if (viewport === UPRIGHT)
        expect(await worklistRow(page, /TABLETTON/).innerText()).toContain('TAB-820-0001');
      await expectFits(page, '/studies', 'Studies', ['Patient', 'Clinic', 'Status']);
      await page.context().close();
    }
  });

  it("fits a clinic's worklist, studies and reports", async () => {
    const page = await tabletPage('clinic1');
    await expectFits(page, '/worklist', 'Worklist', ['SLA', 'Patient', 'Clinic', 'State']);
    await expectFits(page, '/studies', 'Studies', ['Patient', 'Clinic', 'Status']);
    await expectFits(page, '/reports', 'Reports', ['Patient', 'Study', 'Result']);
    await page.context().close();
  });

  it('fits the deliveries, the audit log and the needs-attention list', async () => {
    const page = await tabletPage('admin');
    await expectFits(page, '/support/deliveries', 'Report deliveries', ['State', 'Clinic']);
    await expectFits(page, '/audit', 'Audit events', ['Time', 'Action', 'Outcome']);
    await page.goto('/attention');
    await page.getByRole('heading', { name: 'Needs attention' }).first().waitFor();
    expect((await overflow(page)).page).toBe(0);
    await page.context().close();
  });

  it('puts the report under the image on the reading screen upright', async () => {
    const page = await tabletPage('radiologist');
    await page.goto('/worklist');
    await worklistRow(page, /TABLETTON/).click();
    await page.waitForURL(/\/read\//);
    const layout = page.getByTestId('reading-layout');
    await page.getByTestId('report-panel').waitFor({ timeout: 30_000 });
    expect(await layout.getAttribute('data-layout')).toBe('portrait');
    const viewer = (await page.locator('canvas').first().boundingBox())!;
    expect(viewer.width).toBeGreaterThan(UPRIGHT.width - 40);
    // Folded away, the report leaves the image most of the screen.
    await page.getByRole('button', { name: /Fold away/ }).click();
    await page.getByRole('button', { name: /Show the report/ }).waitFor();
    expect((await overflow(page)).page).toBe(0);
    await page.context().close();
  });
});
