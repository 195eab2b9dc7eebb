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

const TITLE = 'Telerad DICOM Conformance Statement';

describe('the DICOM conformance statement page', () => {
  it('is linked from the sign-in page and readable without signing in, on a tablet too', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await page.setViewportSize({ width: 820, height: 1180 });
    await new LoginPage(page).open();
    await page.getByRole('link', { name: 'DICOM conformance statement' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/conformance');
    // The tables come from the repository's Markdown, rendered in the page.
    await page.getByRole('cell', { name: '1.2.840.10008.5.1.4.1.1.88.22' }).first().waitFor();
    // A section is one click away, and wide tables scroll inside the text, not the page.
    await page.getByRole('link', { name: '6. Security' }).first().click();
    await page.getByRole('heading', { name: '6.2 DICOM TLS' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#6-security');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Username').waitFor();
    await context.close();
  });

  it('opens from the account menu once signed in', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await new LoginPage(page).open().then((l) => l.signIn('clinic1'));
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'DICOM conformance' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await context.close();
  });
});
