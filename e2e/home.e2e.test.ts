import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage } from './support/pages';

let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** Words that promise features instead of showing them; nothing shipped may say them. */
const PROMISES = /coming release|coming soon|future release|arrive in a/i;

describe('home pages', () => {
  it('lands radiologists and consultants on the worklist, even from Home', async () => {
    for (const user of ['radiologist', 'consultant']) {
      const { context, page } = await newPage(browser, baseUrl);
      await new LoginPage(page).open().then((l) => l.signIn(user));
      await page.waitForURL(/\/worklist/);
      await page.goto('/');
      await page.waitForURL(/\/worklist/);
      await page.getByRole('heading', { name: 'Worklist' }).first().waitFor();
      await context.close();
    }
  });

  it("shows a clinic today's applicants, and promises nothing", async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('clinic1'));
    await page.getByRole('heading', { name: "Today's applicants" }).waitFor();
    // Empty or not, depending on which other tests sent studies to this shared server.
    await page
      .getByRole('table', { name: 'Applicants' })
      .or(page.getByText('No applicants yet today'))
      .first()
      .waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(PROMISES);
    await context.close();
  });

  it('lands assistants on their desk, which promises nothing', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('assistant'));
    await page.getByRole('heading', { name: 'Desk', exact: true }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(PROMISES);
    await context.close();
  });

  // `support` is left out: the sign-in tests lock it on this shared server.
  it('promises nothing on any other role’s home', async () => {
    for (const user of ['qa', 'admin', 'auditor']) {
      const { context, page } = await newPage(browser, baseUrl);
      await new LoginPage(page).open().then((l) => l.signIn(user));
      await page.getByRole('heading', { name: /Welcome/ }).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(PROMISES);
      await context.close();
    }
  });
});

describe('warnings on the dark theme', () => {
  it('shows the two-factor banner as a faint wash, not a glaring orange block', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('auditor'));
    const banner = page.getByRole('note').filter({ hasText: 'two-factor authentication' });
    await banner.waitFor();
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.getByRole('button', { name: 'Switch to light theme' }).waitFor();
    // The banner's colour over the page, channel by channel, next to the page's own.
    const { banner: seen, page: around } = await banner.evaluate((el) => {
      const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
      const [r = 0, g = 0, b = 0, a = 1] = rgba(getComputedStyle(el).backgroundColor);
      const under = rgba(getComputedStyle(document.body).backgroundColor);
      return {
        banner: [r, g, b].map((c, i) => c * a + (under[i] ?? 0) * (1 - a)),
        page: under.slice(0, 3),
      };
    });
    const furthest = Math.max(...seen.map((c, i) => Math.abs(c - (around[i] ?? 0))));
    expect(furthest).toBeLessThan(30);
    await context.close();
  });
});
