/**
 * Takes screenshots of the main pages as given users, for a person to look at:
 *   npx tsx scripts/screenshots.ts [baseUrl] [outDir]
 * Needs a running demo server (npm run demo) and Debian's Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, newPage } from '../e2e/support/browser';

const base = process.argv[2] ?? 'http://localhost:8080';
const out = process.argv[3] ?? '.tmp/screenshots';
fs.mkdirSync(out, { recursive: true });

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
      ['profile', '/profile'],
      ['studies', '/studies'],
    ],
  },
  { user: 'auditor', pages: [['audit', '/audit']] },
  {
    user: 'clinic1',
    pages: [
      ['home', '/'],
      ['studies', '/studies'],
    ],
  },
];

const browser = await launchBrowser();
try {
  {
    const { context, page } = await newPage(browser, base);
    await page.goto('/');
    await page.getByLabel('Username').waitFor();
    await page.screenshot({ path: path.join(out, 'login.png') });
    await context.close();
  }
  for (const s of shots) {
    const { context, page } = await newPage(browser, base);
    await page.goto('/');
    await page.getByLabel('Username').fill(s.user);
    await page.getByLabel('Password').fill('telerad-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').waitFor();
    for (const [name, url] of s.pages) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(out, `${s.user}-${name}.png`), fullPage: true });
    }
    if (s.user === 'radiologist') {
      // The study page: open the newest study from the list, then each tab.
      await page.goto('/studies');
      await page.getByRole('table', { name: 'Studies' }).getByRole('row').nth(1).click();
      await page.getByRole('tab', { name: 'Images' }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({
        path: path.join(out, 'radiologist-study-images.png'),
        fullPage: true,
      });
      await page.getByRole('tab', { name: 'Tags' }).click();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(out, 'radiologist-study-tags.png'), fullPage: true });
      await page.getByRole('tab', { name: /Origin history/ }).click();
      await page.screenshot({
        path: path.join(out, 'radiologist-study-history.png'),
        fullPage: true,
      });
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`Screenshots in ${out}`);
