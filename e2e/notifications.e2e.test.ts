/**
 * Notifications end to end: the consultant's bell lights up live, without a reload, when a
 * report is held for consultation; the clinic's bell shows its released report, and the
 * notification's link opens that report.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { kindsForRoles } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { shotsAtBothWidths } from './support/screenshots';
import { openAllCentres } from './support/api';
import { navigate } from './support/pages';
import { claimFromWorklist, sendCxr, signedIn as signIn } from './support/reportPages';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const signedIn = (username: string): Promise<Page> => signIn(browser, baseUrl, username);

/** The header bell: its button, and its unread count as its label says it. */
class Bell {
  readonly button: Locator;
  /** The text of the item `item()` last found. */
  lastText = '';

  constructor(readonly page: Page) {
    this.button = page.getByRole('button', { name: /^Notifications(, \d+ unread)?$/ });
  }

  async unread(): Promise<number> {
    const label = (await this.button.getAttribute('aria-label')) ?? '';
    return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
  }

  /** Waits until the bell's label announces an unread count that satisfies `test`. */
  async waitForUnread(test: 'more' | 'equal', count: number): Promise<void> {
    await this.page.waitForFunction(
      ({ test, count }) => {
        const label =
          document
            .querySelector('button[aria-label^="Notifications"]')
            ?.getAttribute('aria-label') ?? '';
        const n = Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
        return test === 'more' ? n > count : n === count;
      },
      { test, count },
      { timeout: 30_000 },
    );
  }

  /**
   * Opens the list, if it is not open already, and returns it. The bell's button toggles, so a
   * click on an open list would close it; and a live refresh can land as the button is clicked:
   * click again until the list shows.
   */
  async open(): Promise<Locator> {
    const list = this.page.getByRole('list', { name: 'Notifications' });
    await expect
      .poll(
        async () => {
          if (await list.isVisible()) return true;
          await this.button.click();
          return list
            .waitFor({ timeout: 3_000 })
            .then(() => true)
            .catch(() => false);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    return list;
  }

  /**
   * The list's link named `name`, opening the list again as long as it is not there yet (a live
   * refresh for another notification can land first). Should it never come, the failure shows
   * what the list held instead.
   */
  async item(name: string): Promise<Locator> {
    const list = this.page.getByRole('list', { name: 'Notifications' });
    const item = list.getByRole('link', { name });
    await expect
      .poll(
        async () => {
          if (!(await list.isVisible())) await this.open();
          // The open list can re-render under a live refresh: read the item while it is there.
          const text = await item.innerText({ timeout: 2_000 }).catch(() => null);
          if (text !== null) {
            this.lastText = text;
            return name;
          }
          return (await list.getByRole('listitem').allInnerTexts()).join(' | ');
        },
        { timeout: 30_000 },
      )
      .toBe(name);
    return item;
  }
}

/**
 * A DEMO1 study sent by DICOM, claimed by the radiologist, with a normal report drafted and
 * saved (not yet signed).
 */
async function normalDraft(name: string, id: string) {
  await sendCxr(dicomPort, 'DEMO1', { name, id });
  const reader = await signedIn('radiologist');
  const [family, given] = name.split('^');
  const panel = await claimFromWorklist(reader, new RegExp(`${family}, ${given}`));
  await panel.pickForm('Chest X-ray Report — TB Screening');
  await reader.keyboard.press('Alt+KeyN');
  await panel.saved();
  return { reader, panel };
}

describe('notifications', () => {
  it("lights up the consultant's bell live when a consultation is queued", async () => {
    const consultant = await signedIn('consultant');
    await navigate(consultant, 'Worklist');
    const bell = new Bell(consultant);
    await bell.button.waitFor();
    const before = await bell.unread();
    // With nothing yet, the bell says what will appear there (on a fresh server).
    await bell.button.click();
    const empty = consultant.getByText('Nothing yet.');
    await empty
      .or(consultant.getByRole('list', { name: 'Notifications' }))
      .first()
      .waitFor();
    if (await empty.isVisible()) {
      expect(await consultant.getByText('You will be told here when:').isVisible()).toBe(true);
      await shotsAtBothWidths(consultant, 'bell-empty-consultant', {
        ready: async () => {
          if (!(await empty.isVisible())) await bell.button.click();
          await empty.waitFor();
        },
      });
    }
    // Escape closes the bell with the focus still on its button, not only inside the list.
    await bell.button.focus();
    await consultant.keyboard.press('Escape');
    await empty
      .or(consultant.getByRole('list', { name: 'Notifications' }))
      .first()
      .waitFor({ state: 'hidden' });

    const { reader, panel } = await normalDraft('NOTIFY^CARA', 'E2E-NOTIFY-CONS');
    await panel.root.getByRole('button', { name: 'Ask a consultant' }).click();
    const ask = reader.getByRole('dialog', { name: 'Ask a consultant' });
    await ask.getByLabel('Question for the consultant').fill('Is the left apex clear?');
    await ask.getByRole('button', { name: 'Send to consultant' }).click();
    await reader.getByTestId('report-signed').waitFor();

    // No reload: the push over the live channel updates the bell.
    await bell.waitForUnread('more', before);
    expect(await bell.unread()).toBeGreaterThan(before);
    const list = await bell.open();
    const item = await bell.item('Unread: Consultation waiting: DEMO1 E2E-NOTIFY-CONS');
    expect(bell.lastText).toContain('Consultation requested by Dr Rosa Reyes');
    await shotsAtBothWidths(consultant, 'bell-consultant', {
      ready: async () => {
        if (!(await list.isVisible())) await bell.open();
      },
    });
    // The link leads to the worklist: follow it from another page. Live due-time alerts for the
    // demo's overdue tasks can re-render the open list under the pointer, so open the bell again
    // and click until the link has been followed.
    await consultant.goto('/profile');
    await bell.button.waitFor();
    await expect
      .poll(async () => {
        if (!(await list.isVisible())) await bell.open();
        await item.click({ timeout: 2_000 }).catch(() => undefined);
        return new URL(consultant.url()).pathname;
      })
      .toBe('/worklist');

    // A consultant's switches: two a kind the catalogue sends consultants (the bell, e-mail).
    await consultant.goto('/profile');
    const prefs = consultant.getByRole('region', { name: 'Notifications' });
    await prefs.getByRole('switch', { name: 'Consultation waiting: in the app' }).waitFor();
    expect(await prefs.getByRole('switch').count()).toBe(2 * kindsForRoles(['consultant']).length);
    await shotsAtBothWidths(consultant, 'profile-consultant', {
      ready: () => prefs.scrollIntoViewIfNeeded(),
    });
    await reader.context().close();
    await consultant.context().close();
  });

  it('shows the clinic the released report in its bell, and the link opens it', async () => {
    const clinic = await signedIn('clinic1');
    const bell = new Bell(clinic);
    await bell.button.waitFor();
    const before = await bell.unread();

    const { reader, panel } = await normalDraft('NOTIFY^RITA', 'E2E-NOTIFY-REL');
    await reader.keyboard.press('Control+Enter');
    expect(await panel.confirmSign('Normal')).toBe('final');

    await bell.waitForUnread('more', before);
    const list = await bell.open();
    const item = await bell.item('Unread: Report ready: NOTIFY, RITA');
    await shotsAtBothWidths(clinic, 'bell-clinic', {
      ready: async () => {
        if (!(await list.isVisible())) await bell.open();
      },
    });
    await item.click();
    await clinic.waitForURL(/\/reports\?report=[0-9a-f-]+$/);
    const report = clinic.getByRole('region', { name: 'Report', exact: true });
    await report.getByTestId('report-view').waitFor();
    expect(await report.innerText()).toContain('NOTIFY, RITA');
    // Opened, it no longer counts as unread.
    await bell.waitForUnread('equal', before);

    // Profile: the clinic's switches are the kinds a clinic receives, on each channel.
    await clinic.goto('/profile');
    const prefs = clinic.getByRole('region', { name: 'Notifications' });
    await prefs.getByRole('switch', { name: 'Report ready: in the app' }).waitFor();
    expect(await prefs.getByRole('switch').count()).toBe(2 * kindsForRoles(['clinic']).length);
    await shotsAtBothWidths(clinic, 'profile-clinic', {
      ready: () => prefs.scrollIntoViewIfNeeded(),
    });
    await reader.context().close();
    await clinic.context().close();
  });
});
