import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { dateFormat } from '../apps/web/src/app/format';
import { sendCxr, signedIn } from './support/reportPages';

/**
 * Clinic staff read their pages in their own words: no DICOM person-name patterns, transfer
 * syntaxes, UIDs, tag dumps, origin history or list keys. The centre's staff keep that detail.
 */
let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

/** What only the centre's staff should read. */
const JARGON = [
  /\^/,
  /Study Instance UID/,
  /Explicit VR|Implicit VR|Little Endian|JPEG 2000|transfer syntax/i,
  /\bTags\b/,
  /Origin history/,
  /j \/ k/,
  /\bseries\b/i,
  /modality/i,
  /\b(DX|CR)\b/,
];

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
  await sendCxr(dicomPort, 'DEMO1', { name: 'PLAINWORDS^WILMA', id: 'WORDS-0001' });
});
afterAll(async () => browser?.close());

/** Opens the study of WORDS-0001 from the Studies list; answers the page's main text. */
async function studyPageText(page: Page): Promise<string> {
  await page.goto('/studies?patientId=WORDS-0001');
  await page
    .getByRole('table', { name: 'Studies' })
    .getByRole('row', { name: /PLAINWORDS/ })
    .click();
  await page.getByRole('heading', { name: 'PLAINWORDS, WILMA' }).waitFor();
  await page.getByRole('region', { name: /Chest PA/ }).waitFor();
  return page.locator('main').innerText();
}

describe("a clinic's words", () => {
  it('shows clinic staff their home, study, studies list and worklist without DICOM jargon', async () => {
    const page = await signedIn(browser, baseUrl, 'clinic1');
    await page.getByRole('heading', { name: 'Next steps' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/claim|archive|modality/i);
    const study = await studyPageText(page);
    for (const word of JARGON) expect(study).not.toMatch(word);
    // Arrival times in the clinic's time zone, as its other pages show times.
    const session = (await (await page.request.get('/api/auth/session')).json()) as {
      user: { timeZone: string | null };
    };
    expect(session.user.timeZone).toBeTruthy();
    const summary = (await (
      await page.request.get('/api/studies?patientId=WORDS-0001')
    ).json()) as { studies: { firstReceivedAt: string }[] };
    const arrived = summary.studies[0]!.firstReceivedAt;
    expect(study).toContain(
      dateFormat({ locale: 'en', timeZone: session.user.timeZone! }).dateTime(arrived),
    );
    expect(study).not.toContain(dateFormat({ locale: 'en', timeZone: 'UTC' }).dateTime(arrived));

    await page.goto('/studies');
    await page.getByLabel('Patient name').waitFor();
    expect(await page.getByLabel('Patient name').getAttribute('placeholder')).not.toMatch(/\^/);
    for (const word of JARGON) expect(await page.locator('main').innerText()).not.toMatch(word);

    await page.goto('/worklist');
    await page.getByRole('table', { name: 'Worklist' }).getByRole('row').nth(1).waitFor();
    expect(await page.getByLabel('Keyboard shortcuts').count()).toBe(0);
    await page.context().close();
  });

  it("keeps the technical detail for the centre's staff", async () => {
    const page = await signedIn(browser, baseUrl, 'radiologist');
    const study = await studyPageText(page);
    expect(study).toMatch(/Study Instance UID/);
    expect(study).toMatch(/Series 1/);
    expect(study).toMatch(/\bDX\b/);
    expect(study).toMatch(/Little Endian/);
    expect(await page.getByRole('tab', { name: 'Tags' }).isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: /Origin history/ }).isVisible()).toBe(true);
    await page.goto('/worklist');
    await page.getByLabel('Keyboard shortcuts').waitFor();
    await page.context().close();
  });
});
