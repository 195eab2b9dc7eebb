import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate } from './support/pages';

// Issue 17 §5: clinics on slow links sign in and read their reports without downloading the
// viewer, the report editor or the admin pages. Each of those is a chunk of its own (checked on
// the build), and the sign-in page and the clinic pages never fetch one.

const ASSETS = path.resolve(import.meta.dirname, '../apps/web/dist/assets');
/**
 * Chunks a clinic never needs to sign in or read reports: the viewer (Cornerstone), the report
 * editor, admin and audit, and the DICOM conformance statement (its text and Markdown renderer).
 */
const HEAVY = [
  'ReadingLayout',
  'ReadingPage',
  'StudyViewerPage',
  'TaskReportPanel',
  'UsersPage',
  'CentresPage',
  'ClinicsPage',
  'RoutingRulesPage',
  'ConsultationRulesPage',
  'SecuritySettingsPage',
  'AuditPage',
  'ConformancePage',
  // The upload page (tus client, header checks): only on Send images.
  'SendImagesPage',
  // Support's network monitor, and its world outline (a chunk of its own even there).
  'MonitorPage',
  'NetworkMap',
];

/** A built file's name without its content hash: `UsersPage-Bq3x_9aZ.js` → `UsersPage`. */
const chunkName = (file: string) => file.replace(/-[A-Za-z0-9_-]{8}\.js$/, '');

/** Records the names of the scripts `page` fetches from now on. */
function recordScripts(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script')
      names.push(chunkName(new URL(r.url()).pathname.split('/').pop() ?? ''));
  });
  return names;
}

let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('code split by page', () => {
  it('builds the viewer, the report editor and each admin page as chunks of their own', () => {
    const built = new Set(
      fs
        .readdirSync(ASSETS)
        .filter((f) => f.endsWith('.js'))
        .map(chunkName),
    );
    expect(HEAVY.filter((n) => !built.has(n))).toEqual([]);
  });

  it('signs a clinic in and shows its Reports and Studies without fetching any of them', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    const scripts = recordScripts(page);
    const login = await new LoginPage(page).open();
    await page.waitForLoadState('networkidle');
    expect(scripts).toContain('index');
    expect(scripts.filter((s) => HEAVY.includes(s))).toEqual([]);

    await login.signIn('clinic1');
    await navigate(page, 'Reports');
    // Other tests may have released a report to this clinic by now: the list or its empty state.
    await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
    await page.getByRole('table').or(page.getByText('No released reports yet')).first().waitFor();
    await navigate(page, 'Studies');
    await page.getByRole('heading', { name: 'Studies', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    // The pages themselves came as chunks, on demand.
    expect(scripts).toEqual(expect.arrayContaining(['ReportsPage', 'StudiesPage']));
    expect(scripts.filter((s) => HEAVY.includes(s))).toEqual([]);
    await context.close();
  });

  it('fetches an admin page’s chunk when an admin opens it', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    const scripts = recordScripts(page);
    await new LoginPage(page).open().then((l) => l.signIn('admin'));
    expect(scripts).not.toContain('UsersPage');
    await navigate(page, 'Users');
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    expect(scripts).toContain('UsersPage');
    await context.close();
  });
});
