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

/** Opens the new-clinic drawer and fills a Peruvian clinic screening for the US programme. */
async function fillNewClinic(page: Page, code: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New clinic' }).click();
  await page.getByLabel('Clinic code').fill(code);
  await page.getByLabel('Clinic name').fill(name);
  await page.getByLabel('Country').fill('Peru');
  await page.getByRole('option', { name: 'Peru (PE)' }).click();
  await page.getByLabel('Time zone').fill('Lima');
  await page.getByRole('option', { name: 'America/Lima' }).click();
  await page.getByLabel('Home centre').click();
  await page.getByRole('option', { name: 'Global Centre' }).click();
  await page.getByLabel('United States (DS-3030)').check();
}

describe('administration', () => {
  it('an admin creates a clinic and a clinic user, who then sees only that clinic', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    const login = await new LoginPage(page).open();
    await login.signIn('admin');

    await navigate(page, 'Clinics');
    await fillNewClinic(page, 'LIMA1', 'Lima Migration Health Clinic');
    await page.getByRole('button', { name: 'Add AE title' }).click();
    await page.getByLabel('AE title', { exact: true }).fill('LIMA_CR');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(page, 'Clinic created');
    await page.getByRole('cell', { name: 'LIMA1', exact: true }).waitFor();

    // The form suspends a clinic but never promotes it: pilot and live are on its checklist.
    await page.getByRole('button', { name: 'Edit clinic LIMA1' }).click();
    const checklist = page.getByTestId('clinic-onboarding-link');
    expect(await checklist.getAttribute('href')).toMatch(/^\/support\/onboarding\/[0-9a-f-]{36}$/);
    const suspended = page.getByRole('option', { name: 'Suspended' });
    const openStatus = async () => {
      // A click on an open list closes it: open it only when it is not showing.
      if (await suspended.isVisible()) return;
      await page
        .getByRole('dialog')
        .getByLabel(/^Status/)
        .click();
      await suspended.waitFor();
    };
    await openStatus();
    expect(await page.getByRole('option').allTextContents()).toEqual(['Onboarding', 'Suspended']);
    await shotsAtBothWidths(page, 'admin-clinic-status', { ready: openStatus });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // A duplicate code is refused with the catalogue message, nothing created.
    await fillNewClinic(page, 'LIMA1', 'Duplicate');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Another clinic already uses this code.').first().waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await navigate(page, 'Users');
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Username').fill('lima.tech');
    await page.getByLabel('Display name').fill('Lima Technician');
    await page.getByLabel('Clinic staff').check();
    await page.getByLabel('Clinic memberships').click();
    await page.getByRole('option', { name: /LIMA1/ }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Initial password').fill('lima-clinic-password');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectToast(page, 'User created');
    await page.getByRole('cell', { name: 'lima.tech', exact: true }).waitFor();
    await signOut(page);

    await login.signIn('lima.tech', 'lima-clinic-password');
    const res = await page.request.get(`${baseUrl}/api/clinics`);
    const clinics = (await res.json()) as { code: string }[];
    expect(clinics.map((c) => c.code)).toEqual(['LIMA1']);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Users' }).count()).toBe(0);
    await context.close();
  });
});
