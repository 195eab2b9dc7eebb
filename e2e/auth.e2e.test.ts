import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, navigate, signOut, totp } from './support/pages';

let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('sign-in', () => {
  it('signs in, shows the role-aware shell in the right theme, and signs out', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    const login = await new LoginPage(page).open();
    await login.signIn('radiologist');
    await expect.poll(() => page.getByText('Dr Rosa Reyes').first().isVisible()).toBe(true);
    // Reading roles default to the dark theme.
    expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Users' }).count()).toBe(0);
    await signOut(page);
    await context.close();
  });

  it('says what is wrong with a bad password', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    const login = await new LoginPage(page).open();
    await login.submit('admin', 'not-the-password');
    expect(await login.errorText()).toContain('Wrong username or password');
    await context.close();
  });

  it('locks the account after five bad passwords, even for the right one', async () => {
    // An account of its own: the e2e files share one server, and a locked demo account would
    // refuse the sign-in of whichever file runs next.
    const username = `locked-${Date.now()}`;
    const password = 'telerad-lock-test-1';
    const admin = await apiLogin(baseUrl, 'admin');
    await apiCall(baseUrl, admin, 'POST', '/api/users', {
      username,
      displayName: 'Locked Support',
      roles: ['support'],
      password,
    });
    const { context, page } = await newPage(browser, baseUrl);
    const login = await new LoginPage(page).open();
    for (let i = 0; i < 4; i++) {
      await login.submit(username, `wrong-${i}`);
      expect(await login.errorText()).toContain('Wrong username or password');
    }
    await login.submit(username, 'wrong-final');
    await expect
      .poll(async () => (await page.getByRole('alert').innerText()).includes('locked'))
      .toBe(true);
    await login.submit(username, password);
    await expect
      .poll(async () => (await page.getByRole('alert').innerText()).includes('locked'))
      .toBe(true);
    expect(await page.getByRole('navigation').count()).toBe(0);
    await context.close();
  });
});

describe('two-factor authentication', () => {
  it('enrols with a QR code and secret, shows recovery codes, then requires a TOTP code at sign-in', async () => {
    // A reader of its own: a demo account enrolled here would ask every later file for a code.
    const username = `mfa-enrol-${Date.now().toString(36)}`;
    const password = 'enrol-e2e-password';
    const admin = await apiLogin(baseUrl, 'admin');
    await apiCall(baseUrl, admin, 'POST', '/api/users', {
      username,
      displayName: 'Dr Enrol Sample',
      roles: ['radiologist'],
      password,
    });
    const { context, page } = await newPage(browser, baseUrl);
    const login = await new LoginPage(page).open();
    await login.signIn(username, password);
    await navigate(page, 'Profile');
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.getByAltText('QR code for your authenticator app').waitFor();
    const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Authentication code').fill(await totp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = page.getByTestId('recovery-codes').locator('code');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await page.getByRole('button', { name: 'Done' }).click();
    await signOut(page);

    await login.submit(username, password);
    await page.getByLabel('Authentication code').waitFor();
    await login.enterCode('000000');
    await page.getByText('Code not accepted').waitFor();
    // The confirm step used the current time step; the next one is accepted and not a replay.
    await login.enterCode(await totp(secret, 1));
    await page.getByRole('navigation').waitFor();
    expect(await page.getByText('Dr Enrol Sample').first().isVisible()).toBe(true);
    await context.close();
  });
});
