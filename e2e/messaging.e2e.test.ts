/**
 * Messaging end to end, in two browsers at once: the clinic writes in its channel with a photo,
 * the assistant's navbar badge counts it live, the assistant opens it (the clinic sees "Seen by
 * Ana Assistant"), types (the clinic sees it) and answers (the clinic sees the answer arrive).
 * Then the reader opens the study's conversation from the reading screen with Alt+M.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { claimFromWorklist, sendCxr, signedIn as signIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');
let photo: string;

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  // A photo of a paper form, as a clinic would take it with a tablet.
  photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-msg-')), 'form.png');
  const label = Buffer.from(
    `<svg width="640" height="420"><rect width="640" height="420" fill="#f4f1e8"/>
     <text x="40" y="80" font-size="34" font-family="sans-serif" fill="#223">Referral form</text>
     <text x="40" y="140" font-size="22" font-family="sans-serif" fill="#445">Applicant: OKAFOR, Amina</text>
     <text x="40" y="180" font-size="22" font-family="sans-serif" fill="#445">ID: P-4471-KE</text></svg>`,
  );
  await sharp(label).png().toFile(photo);
});
afterAll(async () => browser?.close());

const signedIn = (username: string): Promise<Page> => signIn(browser, baseUrl, username);

/** Chooses the signed-in user's language (null: follow the clinic), as the profile page does. */
async function setLanguage(page: Page, language: 'fr' | null): Promise<void> {
  const status = await page.evaluate(async (language) => {
    const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    const res = await fetch('/api/auth/language', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ language }),
    });
    return res.status;
  }, language);
  expect(status).toBe(200);
}

/** The messages page of one user. */
class Messages {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await navigate(this.page, 'Messages');
    await this.page.getByRole('heading', { name: 'Messages' }).waitFor();
    return this;
  }

  thread(title: RegExp): Locator {
    return this.page.getByTestId('thread-item').filter({ hasText: title });
  }

  async openThread(title: RegExp): Promise<void> {
    await this.thread(title).click();
    await this.page.getByTestId('thread').waitFor();
  }

  message(text: string): Locator {
    return this.page.getByTestId('message').filter({ hasText: text });
  }

  get box(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  /** The unread count on the navbar's Messages entry (0 when it shows none). */
  async unread(): Promise<number> {
    const badge = this.page.getByTestId('nav-badge-unreadMessages');
    return (await badge.count()) ? Number(await badge.innerText()) : 0;
  }

  /** Waits until the navbar's unread count is `n`. */
  async waitForUnread(n: number): Promise<void> {
    await this.page.waitForFunction(
      (n) => {
        const badge = document.querySelector('[data-testid="nav-badge-unreadMessages"]');
        return Number(badge?.textContent ?? 0) === n;
      },
      n,
      { timeout: 30_000 },
    );
  }
}

describe('messaging', () => {
  it('carries a clinic message with a photo live to the assistant, and the answer back', async () => {
    const clinic = await new Messages(await signedIn('clinic1')).open();
    const assistant = await new Messages(await signedIn('assistant')).open();
    const before = await assistant.unread();

    await clinic.openThread(/Demo Clinic Manila — clinic channel/);
    await clinic.page.locator('input[type="file"][accept*="image/png"]').setInputFiles(photo);
    await clinic.page.getByText(/form\.png · \d+ KB/).waitFor();
    await clinic.box.fill('Here is the referral form for Amina. Is her report ready?');
    await clinic.page.getByRole('button', { name: 'Send' }).click();
    await clinic.message('referral form for Amina').waitFor();

    // Live on the assistant's side: the badge counts it, the list shows it first.
    await assistant.waitForUnread(before + 1);
    await shotsAtBothWidths(assistant.page, 'messages-assistant-unread', {
      ready: () => assistant.thread(/Demo Clinic Manila/).waitFor(),
    });
    await assistant.openThread(/Demo Clinic Manila — clinic channel/);
    const received = assistant.message('referral form for Amina');
    await received.waitFor();
    const thumb = received.getByTestId('attachment-thumbnail');
    await thumb.waitFor();
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(100);
    // Opening it marks it read: the badge goes back, the clinic sees the receipt.
    await assistant.waitForUnread(before);
    await clinic.page
      .getByTestId('read-receipt')
      .filter({ hasText: /Seen by Ana Assistant \d{1,2}:\d{2}/ })
      .waitFor({ timeout: 30_000 });

    // Typing shows on the other side, then the answer arrives live.
    await assistant.box.pressSequentially('Yes, ', { delay: 20 });
    await clinic.page
      .getByTestId('typing')
      .filter({ hasText: 'Ana Assistant is typing…' })
      .waitFor({ timeout: 30_000 });
    await assistant.box.pressSequentially('it was released ten minutes ago.');
    await assistant.box.press('Enter');
    await clinic.message('it was released ten minutes ago').waitFor({ timeout: 30_000 });
    expect(await clinic.box.inputValue()).toBe('');

    await shotsAtBothWidths(clinic.page, 'messages-clinic', {
      ready: () => clinic.message('it was released ten minutes ago').waitFor(),
    });
    await shotsAtBothWidths(assistant.page, 'messages-assistant');

    // The same conversation in French, the clinic user's own choice.
    await setLanguage(clinic.page, 'fr');
    await clinic.page.reload();
    await clinic.page.getByRole('heading', { name: 'Messages' }).waitFor();
    await clinic.page.getByText('Vu par Ana Assistant', { exact: false }).waitFor();
    await clinic.page.getByRole('textbox', { name: 'Message' }).waitFor();
    await shotsAtBothWidths(clinic.page, 'messages-clinic-fr');
    await setLanguage(clinic.page, null);
    await clinic.page.context().close();
    await assistant.page.context().close();
  });

  it("opens the study's conversation on the reading screen with Alt+M", async () => {
    const studyUid = await sendCxr(dicomPort, 'DEMO1', { name: 'OKAFOR^AMINA', id: 'P-4471-KE' });
    const clinic = await signedIn('clinic1');
    await clinic.goto(`/studies/${studyUid}?tab=messages`);
    const box = clinic.getByRole('textbox', { name: 'Message' });
    await box.fill('She had TB treatment in 2019, completed. Cough for two weeks.');
    await box.press('Enter');
    await clinic.getByTestId('message').filter({ hasText: 'TB treatment in 2019' }).waitFor();

    const reader = await signedIn('radiologist');
    await claimFromWorklist(reader, /OKAFOR, AMINA/);
    const button = reader.getByRole('button', { name: /^Messages/ });
    await button.waitFor();
    await shotsAtBothWidths(reader, 'messages-reading-header');
    await reader.keyboard.press('Alt+KeyM');
    const drawer = reader.getByRole('dialog', { name: 'Conversation with the clinic' });
    await drawer.getByTestId('message').filter({ hasText: 'TB treatment in 2019' }).waitFor();
    // Typing here stays here: no viewer tool or report key fires.
    await drawer.getByRole('textbox', { name: 'Message' }).fill('Thank you, noted for the read.');
    await drawer.getByRole('textbox', { name: 'Message' }).press('Enter');
    await drawer.getByTestId('message').filter({ hasText: 'noted for the read' }).waitFor();
    await clinic
      .getByTestId('message')
      .filter({ hasText: 'noted for the read' })
      .waitFor({ timeout: 30_000 });
    await shotsAtBothWidths(reader, 'messages-reading-screen', {
      ready: () => drawer.getByTestId('message').first().waitFor(),
    });
    await reader.keyboard.press('Alt+KeyM');
    await drawer.waitFor({ state: 'hidden' });
    await shotsAtBothWidths(clinic, 'messages-study-page');
  });
});
