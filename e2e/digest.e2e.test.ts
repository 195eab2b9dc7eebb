import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './support/browser';
import { expectToast, LoginPage, navigate, signOut } from './support/pages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** Words of the archive's technical view that a clinic's page must not show. */
const DICOM_WORDS = /study instance uid|modality|series|sop|ae title/i;

/** Opens the summary preview from `button` and returns the modal and the e-mail's frame. */
async function openPreview(page: Page, buttonName: string | RegExp) {
  await page.getByRole('button', { name: buttonName }).click();
  const modal = page.getByRole('dialog');
  await modal.getByText(/Telerad daily summary for /).waitFor();
  const mail = page.frameLocator('iframe[title^="Daily summary of"]');
  await mail.getByText('Studies received that day').waitFor();
  return { modal, mail };
}

describe('the daily summary', () => {
  it('an admin makes a clinic user its manager, who previews the summary they will get', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    const login = await new LoginPage(page).open();
    await login.signIn('admin');

    await navigate(page, 'Users');
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Username').fill('demo1.lead');
    await page.getByLabel('Display name').fill('Dana Lead');
    await page.getByLabel('Email').fill('lead@demo1.test');
    await page.getByLabel('Clinic staff').check();
    await page.getByLabel('Clinic memberships').click();
    await page.getByRole('option', { name: /DEMO1/ }).click();
    await page.keyboard.press('Escape');
    // Only the clinics the user belongs to can be managed.
    await page.getByLabel('Manages').click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual([
      expect.stringContaining('DEMO1'),
    ]);
    await page.getByRole('option', { name: /DEMO1/ }).click();
    await page.keyboard.press('Escape');
    await shotsAtBothWidths(page, 'digest-user-form', {
      ready: () => page.getByLabel('Manages').scrollIntoViewIfNeeded(),
    });
    await page.getByLabel('Initial password').fill('demo1-lead-password');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(page, 'User created');
    await page.getByRole('cell', { name: 'demo1.lead', exact: true }).waitFor();
    await page.getByText('User created').waitFor({ state: 'hidden' });

    // The administrator previews any clinic's summary from the clinics list.
    await navigate(page, 'Clinics');
    const admin = await openPreview(page, 'Preview the daily summary of DEMO2');
    await admin.mail.getByText('Demo Clinic Nairobi (DEMO2)').waitFor();
    await shotsAtBothWidths(page, 'digest-preview-admin');
    await page.keyboard.press('Escape');
    await signOut(page);

    await login.signIn('demo1.lead', 'demo1-lead-password');
    await page.goto(`${baseUrl}/profile`);
    const prefs = page.getByRole('region', { name: 'Notifications' });
    await prefs.getByRole('switch', { name: /Daily summary/ }).waitFor();
    await shotsAtBothWidths(page, 'digest-profile-manager', {
      ready: () => prefs.scrollIntoViewIfNeeded(),
    });
    const own = await openPreview(page, 'Preview the daily summary of DEMO1');
    await own.mail.getByText('Demo Clinic Manila (DEMO1)').waitFor();
    expect(await own.modal.innerText()).toContain('lead@demo1.test');
    const body = await own.mail.locator('body').innerText();
    expect(body).not.toContain('DEMO2');
    expect(body).not.toMatch(DICOM_WORDS);
    await shotsAtBothWidths(page, 'digest-preview-manager');
    await page.keyboard.press('Escape');

    // In French, the profile and the summary itself read in French.
    await page.getByTestId('language-choice').click();
    await page.getByRole('option', { name: 'Français' }).click();
    await prefs.getByRole('switch', { name: /Résumé quotidien/ }).waitFor();
    await shotsAtBothWidths(page, 'digest-profile-manager-fr', {
      ready: () => prefs.scrollIntoViewIfNeeded(),
    });
    await page.getByRole('button', { name: 'Aperçu du résumé quotidien de DEMO1' }).click();
    const french = page.frameLocator('iframe[title="Résumé quotidien de DEMO1"]');
    await french.getByText('Examens reçus ce jour-là').waitFor();
    await page
      .getByRole('dialog')
      .getByText(/Résumé quotidien Telerad du /)
      .waitFor();
    await shotsAtBothWidths(page, 'digest-preview-manager-fr');
    await context.close();
  });

  it('a clinic user who manages no clinic gets no summary switch', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    await (await new LoginPage(page).open()).signIn('clinic2');
    await page.goto(`${baseUrl}/profile`);
    const prefs = page.getByRole('region', { name: 'Notifications' });
    await prefs.getByRole('switch', { name: 'Report ready: in the app' }).waitFor();
    expect(await prefs.getByRole('switch', { name: /Daily summary/ }).count()).toBe(0);
    await context.close();
  });
});
