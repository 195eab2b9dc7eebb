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

  it('shows a clinic its reports and studies, and promises nothing', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('clinic1'));
    await page.getByRole('heading', { name: 'New reports' }).waitFor();
    await page.getByRole('heading', { name: 'Recent studies' }).waitFor();
    // Empty or not, depending on which other tests released a report on this shared server.
    await page
      .getByText(/No released reports yet|^released /)
      .first()
      .waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(PROMISES);
    await context.close();
  });

  // `support` is left out: the sign-in tests lock it on this shared server.
  it('promises nothing on any other role’s home', async () => {
    for (const user of ['assistant', 'qa', 'admin', 'auditor']) {
      const { context, page } = await newPage(browser, baseUrl);
      await new LoginPage(page).open().then((l) => l.signIn(user));
      await page.getByRole('heading', { name: /Welcome/ }).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(PROMISES);
      await context.close();
    }
  });
});
