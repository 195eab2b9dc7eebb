import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { expectToast } from './support/pages';
import { claimFromWorklist, sendCxr, signedIn } from './support/reportPages';
import { shot, shotsAtBothWidths } from './support/screenshots';

/**
 * The clinic portal in Chromium: a clinic user watches a study arrive and change state without
 * reloading, marks it urgent with a reason and writes a note for the reader; the radiologist
 * reads both on the reading screen; another clinic's user never sees the row. Set
 * TELERAD_SCREENSHOTS=<dir> to keep screenshots of the portal.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

const NAME = /PORTAL, ARRIVAL/;
const REASON = 'Coughing blood since this morning';
const NOTE = 'Cough for three weeks, night sweats. Treated for TB in 2019.';

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const applicants = (page: Page) => page.getByRole('table', { name: 'Applicants' });
const row = (page: Page) => applicants(page).getByRole('row', { name: NAME });
const stateOf = async (page: Page) =>
  (await row(page).locator('[data-state]').getAttribute('data-state')) ?? '';

/** Opens the row's action menu and one of its actions. */
async function act(page: Page, action: string): Promise<void> {
  await row(page)
    .getByRole('button', { name: /Actions for/ })
    .click();
  await page.getByRole('menuitem', { name: action }).click();
}

describe('the clinic portal', () => {
  it('follows a study live, takes the clinic’s urgency and note to the reader, and keeps clinics apart', async () => {
    const clinic = await signedIn(browser, baseUrl, 'clinic1');
    await clinic.getByRole('heading', { name: "Today's applicants" }).waitFor();
    await clinic.getByRole('status', { name: 'Live updates: Live' }).waitFor();
    // A mark on the window: it survives only if the page never reloads.
    await clinic.evaluate(() => Object.assign(window, { portalMark: 'same page' }));

    await sendCxr(dicomPort, 'DEMO1', { name: 'PORTAL^ARRIVAL', id: 'PORTAL-0001' });
    await row(clinic).waitFor({ timeout: 30_000 });
    expect(await stateOf(clinic)).toBe('received');
    expect(await row(clinic).innerText()).toContain('PORTAL-0001');

    await act(clinic, 'Mark urgent');
    const urgent = clinic.getByRole('dialog', { name: 'Mark this applicant urgent' });
    await urgent.getByRole('textbox', { name: 'Why is it urgent?' }).fill(REASON);
    await urgent.getByRole('button', { name: 'Mark urgent' }).click();
    await expectToast(clinic, 'Done');
    await row(clinic).getByText('Urgent', { exact: true }).waitFor();

    await act(clinic, 'Note for the reader');
    const note = clinic.getByRole('dialog', { name: 'Note for the reader' });
    await note.getByRole('textbox', { name: 'Clinical note' }).fill(NOTE);
    await note.getByRole('button', { name: 'Save the note' }).click();
    await row(clinic).getByLabel('Note for the reader').waitFor();
    await clinic.getByText('Note saved.', { exact: false }).waitFor({ state: 'hidden' });
    await shotsAtBothWidths(clinic, 'clinic-portal');

    // Another clinic's user: not in today's list, not found by a search.
    const other = await signedIn(browser, baseUrl, 'clinic2');
    await other.getByRole('heading', { name: "Today's applicants" }).waitFor();
    await other.getByRole('textbox', { name: 'Search applicants' }).fill('PORTAL-0001');
    await other.getByRole('textbox', { name: 'Search applicants' }).press('Enter');
    await other.getByText('No applicant found').waitFor();
    expect(await other.locator('main').innerText()).not.toContain('PORTAL');

    // The radiologist reads the clinic's words on the reading screen.
    const reader = await signedIn(browser, baseUrl, 'radiologist');
    await claimFromWorklist(reader, NAME);
    const request = reader.getByRole('region', { name: 'From the clinic' });
    await request.waitFor();
    expect(await request.getByTestId('urgent-reason').innerText()).toBe(REASON);
    expect(await request.getByTestId('clinical-note').innerText()).toContain(NOTE);
    await shot(reader, 'clinic-portal-reading-screen');

    // The clinic's row follows the claim without a reload.
    await expect.poll(() => stateOf(clinic)).toBe('being_read');
    expect(await clinic.evaluate(() => (window as { portalMark?: string }).portalMark)).toBe(
      'same page',
    );

    // On a phone the list turns into cards.
    await clinic.setViewportSize({ width: 390, height: 844 });
    await clinic.reload();
    await clinic.getByRole('list', { name: 'Applicants' }).getByText('PORTAL-0001').waitFor();
    await shot(clinic, 'clinic-portal-390');
    await clinic.context().close();
    await other.context().close();
    await reader.context().close();
  });
});
