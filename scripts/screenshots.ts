/**
 * Takes screenshots of the main pages as given users, on a desktop (1440×900) and on tablets
 * (820×1180 upright, 1024×768 lying), for a person to look at:
 *   npx tsx scripts/screenshots.ts [baseUrl] [outDir]
 * Needs a running demo server (npm run demo) and Debian's Chromium. Each file is named
 * `<user>-<page>-<width>.png`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';

const base = process.argv[2] ?? 'http://localhost:8080';
const out = process.argv[3] ?? '.tmp/screenshots';
fs.mkdirSync(out, { recursive: true });

/** The screens every page is looked at on. */
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 820, height: 1180 },
  { width: 1024, height: 768 },
];

const shots: { user: string; pages: [string, string][] }[] = [
  {
    user: 'admin',
    pages: [
      ['home', '/'],
      ['centres', '/admin/centres'],
      ['clinics', '/admin/clinics'],
      ['users', '/admin/users'],
      ['security', '/admin/security'],
      ['profile', '/profile'],
    ],
  },
  {
    user: 'radiologist',
    pages: [
      ['home', '/'],
      ['worklist', '/worklist'],
      ['studies', '/studies'],
      ['reports', '/reports'],
    ],
  },
  { user: 'consultant', pages: [['home', '/']] },
  {
    user: 'assistant',
    pages: [
      ['home', '/'],
      ['attention', '/attention'],
    ],
  },
  { user: 'qa', pages: [['home', '/']] },
  {
    user: 'support',
    pages: [
      ['home', '/'],
      ['deliveries', '/support/deliveries'],
    ],
  },
  {
    user: 'auditor',
    pages: [
      ['home', '/'],
      ['audit', '/audit'],
    ],
  },
  {
    user: 'clinic1',
    pages: [
      ['home', '/'],
      ['worklist', '/worklist'],
      ['studies', '/studies'],
      ['reports', '/reports'],
    ],
  },
];

/** Opens the newest study from the list and shoots it with each of its tabs. */
async function studyPage(page: Page, user: string, width: number): Promise<void> {
  await page.goto('/studies');
  await page.getByRole('table', { name: 'Studies' }).getByRole('row').nth(1).click();
  await page.getByRole('tab', { name: 'Images' }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(out, `${user}-study-${width}.png`), fullPage: true });
  for (const tab of await page.getByRole('tab').all()) {
    const name = ((await tab.textContent()) ?? '').trim().replace(/\W+/g, '-').toLowerCase();
    if (name === 'images') continue;
    await tab.click();
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: path.join(out, `${user}-study-${name}-${width}.png`),
      fullPage: true,
    });
  }
}

const browser = await launchBrowser();
try {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ baseURL: base, viewport });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Username').waitFor();
    await page.screenshot({ path: path.join(out, `login-${viewport.width}.png`) });
    await context.close();
  }
  for (const s of shots) {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ baseURL: base, viewport });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto('/');
      await page.getByLabel('Username').fill(s.user);
      await page.getByLabel('Password').fill('telerad-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('banner').waitFor();
      for (const [name, url] of s.pages) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        await page.screenshot({
          path: path.join(out, `${s.user}-${name}-${viewport.width}.png`),
          fullPage: true,
        });
      }
      if (s.user === 'radiologist' || s.user === 'clinic1')
        await studyPage(page, s.user, viewport.width);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`Screenshots in ${out}`);
