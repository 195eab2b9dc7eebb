/**
 * Signing with a second factor: with the security setting "code on signing" (`mfaOnSign`) on,
 * Sign asks the reader for a fresh authenticator code; a wrong code is refused and the report
 * stays a draft; a fresh one signs it. A reader of its own, enrolled through the API, so no other
 * test's account changes; the setting is put back after.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { launchBrowser, newPage } from './support/browser';
import { LoginPage, totp } from './support/pages';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { claimFromWorklist, sendCxr } from './support/reportPages';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

/** Creates a radiologist, enrols an authenticator for it; its secret and recovery codes. */
async function enrolledReader(username: string, password: string) {
  const admin = await apiLogin(baseUrl, 'admin');
  await apiCall(baseUrl, admin, 'POST', '/api/users', {
    username,
    displayName: 'Dr Ana Segunda',
    credentials: 'MD, FPCR',
    roles: ['radiologist'],
    password,
  });
  const self = await apiLogin(baseUrl, username, password);
  const { secret } = await apiCall<{ secret: string }>(
    baseUrl,
    self,
    'POST',
    '/api/auth/mfa/enroll',
  );
  const { recoveryCodes } = await apiCall<{ recoveryCodes: string[] }>(
    baseUrl,
    self,
    'POST',
    '/api/auth/mfa/confirm',
    { code: await totp(secret) },
  );
  return { secret, recoveryCodes };
}

/** Turns "code on signing" on until the test ends. */
async function codeOnSigning(): Promise<void> {
  const admin = await apiLogin(baseUrl, 'admin');
  const before = await apiCall<{ mfaOnSign: boolean }>(
    baseUrl,
    admin,
    'GET',
    '/api/settings/security',
  );
  await apiCall(baseUrl, admin, 'PUT', '/api/settings/security', { ...before, mfaOnSign: true });
  onTestFinished(async () => {
    await apiCall(baseUrl, admin, 'PUT', '/api/settings/security', before);
  });
}

describe('signing with a second factor', () => {
  it('asks for a fresh code at Sign, refuses a wrong one, and signs with the right one', async () => {
    const password = 'second-factor-reader-2026';
    const { secret, recoveryCodes } = await enrolledReader('radmfa', password);
    await codeOnSigning();
    await sendCxr(dicomPort, 'DEMO1', { name: 'SIGNMFA^BEATRIZ', id: 'E2E-SIGN-MFA' });

    const { context, page } = await newPage(browser, baseUrl);
    await (await new LoginPage(page).open()).submit('radmfa', password);
    // A recovery code at sign-in keeps every time step free for the signature below.
    await page.getByLabel('Authentication code').waitFor();
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('navigation').waitFor();

    const panel = await claimFromWorklist(page, /SIGNMFA, BEATRIZ/);
    await panel.pickForm('Chest X-ray Report — TB Screening');
    await page.keyboard.press('Alt+KeyN');
    await panel.saved();
    await panel.root.getByRole('button', { name: 'Sign', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign report' });
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();

    // The server wants a code: the dialog asks for one, and Sign waits for a well-formed one.
    const code = dialog.getByLabel('Authentication code');
    await code.waitFor();
    const sign = dialog.getByRole('button', { name: 'Sign', exact: true });
    expect(await sign.isDisabled()).toBe(true);
    await code.fill('000000');
    await sign.click();
    await dialog.getByRole('alert').waitFor();
    expect(await page.getByTestId('report-signed').count()).toBe(0);

    await code.fill(await totp(secret, 1)); // the enrolment used the current step
    await sign.click();
    const done = page.getByTestId('report-signed');
    await done.waitFor({ timeout: 20_000 });
    expect(await done.getAttribute('data-state')).toBe('final');
    expect(await done.innerText()).toContain('Dr Ana Segunda');
    await context.close();
  });
});
