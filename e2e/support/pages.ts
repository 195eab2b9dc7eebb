import { generate } from 'otplib';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** The sign-in page, driven by its labels. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/');
    await this.page.getByLabel('Username').waitFor();
    return this;
  }

  async submit(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in and waits for the application shell. */
  async signIn(username: string, password = 'telerad-demo'): Promise<void> {
    await this.submit(username, password);
    await this.page.getByRole('navigation').waitFor();
  }

  /** The text of the error alert, once one shows. */
  async errorText(): Promise<string> {
    const alert = this.page.getByRole('alert');
    await alert.waitFor();
    return (await alert.innerText()).trim();
  }

  async enterCode(code: string): Promise<void> {
    await this.page.getByLabel('Authentication code').fill(code);
    await this.page.getByRole('button', { name: 'Verify' }).click();
  }
}

/** A TOTP code for `secret`, `offsetSteps` periods from now. */
export async function totp(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

/** Opens a page from the navigation bar. */
export async function navigate(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/** Signs out through the navigation bar and waits for the login form. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username').waitFor();
}

/** Waits for a toast notification with this title. */
export async function expectToast(page: Page, title: string): Promise<void> {
  await page.getByText(title, { exact: true }).first().waitFor();
  expect(await page.getByText(title, { exact: true }).first().isVisible()).toBe(true);
}
