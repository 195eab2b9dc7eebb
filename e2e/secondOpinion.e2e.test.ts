/**
 * A second opinion end to end: the clinic asks a consultant a question from its study page; the
 * question is on the consultant's worklist, answered on the reading screen beside the images and
 * signed with Ctrl+Enter; the clinic reads the signed note on the study page and downloads it; a
 * correction reaches the clinic as a signed addendum under the unchanged note.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { releaseNormalRead, signedIn as signIn, worklistRow } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const signedIn = (username: string): Promise<Page> => signIn(browser, baseUrl, username);

const QUESTION =
  'The report is normal, but the applicant had a cough for 3 months. Is the left apex really clear?';
const NOTE =
  'Left apex is clear: no nodule or cavity. The cough needs a clinical review, not a new X-ray.';

const ADDENDUM = 'Addendum: a sputum test is still advised because of the cough.';

describe('second opinion', () => {
  it('the clinic asks, the consultant signs a note, the clinic reads it', async () => {
    const studyUid = await releaseNormalRead(baseUrl, dicomPort, 'E2E-2ND-1');

    // The clinic asks from its study page.
    const clinic = await signedIn('clinic1');
    await clinic.goto(`${baseUrl}/studies/${studyUid}`);
    const section = clinic.getByRole('region', { name: 'Second opinions' });
    await section.getByText('No questions asked about this patient yet.').waitFor({
      timeout: 20_000,
    });
    await shotsAtBothWidths(clinic, 'second-opinion-empty');
    await section.getByRole('button', { name: 'Ask for a second opinion' }).click();
    const dialog = clinic.getByRole('dialog', { name: 'Ask a consultant' });
    await dialog.getByRole('textbox', { name: 'Your question' }).fill(QUESTION);
    await shotsAtBothWidths(clinic, 'second-opinion-ask');
    await dialog.getByRole('button', { name: 'Send question' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = section.getByTestId('second-opinion');
    await card.getByText('Waiting for the consultant').waitFor();
    await section.getByText('Question sent.').waitFor();
    await shotsAtBothWidths(clinic, 'second-opinion-waiting');

    // The consultant finds it on the worklist and answers beside the images.
    const consultant = await signedIn('consultant');
    await navigate(consultant, 'Worklist');
    const row = worklistRow(consultant, /E2E-2ND-1/).and(
      consultant.locator('[data-type="second_opinion"]'),
    );
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await consultant.waitForURL(/\/read\//);
    const panel = consultant.getByTestId('second-opinion-panel');
    await panel.waitFor({ timeout: 30_000 });
    await panel.getByTestId('second-opinion-question').getByText(QUESTION).waitFor();
    const note = panel.getByRole('textbox', { name: 'Consult note' });
    await note.fill(NOTE);
    await shotsAtBothWidths(consultant, 'second-opinion-answer');
    await note.press('Control+Enter');
    const sign = consultant.getByRole('dialog', { name: 'Sign the consult note' });
    await sign.waitFor();
    await sign.getByRole('button', { name: 'Sign and send' }).click();
    await panel.getByText('Note signed and sent').waitFor({ timeout: 20_000 });
    await shotsAtBothWidths(consultant, 'second-opinion-signed');

    // The clinic reads the signed note on the study page, and downloads it.
    await clinic.reload();
    const answered = clinic
      .getByRole('region', { name: 'Second opinions' })
      .getByTestId('second-opinion');
    await answered.getByText('Answered', { exact: true }).waitFor({ timeout: 20_000 });
    await answered.getByText(NOTE).waitFor();
    await answered.getByText(/Signed by/).waitFor();
    await shotsAtBothWidths(clinic, 'second-opinion-answered');
    const href = await answered.getByRole('link', { name: /Download PDF/ }).getAttribute('href');
    const pdf = await clinic.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // A correction is a signed addendum under the note; the clinic reads both.
    await consultant.goto(`${baseUrl}/studies/${studyUid}`);
    const staffCard = consultant
      .getByRole('region', { name: 'Second opinions' })
      .getByTestId('second-opinion');
    await staffCard.getByRole('button', { name: 'Add addendum' }).click();
    const correct = consultant.getByRole('dialog', { name: 'Add an addendum to the consult note' });
    await correct.getByRole('textbox', { name: 'Addendum' }).fill(ADDENDUM);
    await correct.getByRole('button', { name: 'Sign addendum' }).click();
    await staffCard.getByText(ADDENDUM).waitFor({ timeout: 20_000 });
    await clinic.reload();
    await answered.getByText(ADDENDUM).waitFor({ timeout: 20_000 });
    await answered.getByText(NOTE).waitFor();
    await shotsAtBothWidths(clinic, 'second-opinion-addendum');

    for (const p of [clinic, consultant]) await p.context().close();
  });

  it('the administrator sets how long consultants have to answer', async () => {
    const admin = await apiLogin(baseUrl, 'admin');
    const before = await apiCall<Record<string, number>>(
      baseUrl,
      admin,
      'GET',
      '/api/settings/second-opinion',
    );
    const page = await signedIn('admin');
    try {
      await navigate(page, 'Routing & SLA');
      const form = page.getByRole('form', { name: 'Second-opinion answer times' });
      await form.getByRole('textbox', { name: 'Routine question answered within' }).fill('720');
      await form.getByRole('button', { name: 'Save second-opinion times' }).click();
      await page.getByText('Second-opinion answer times saved.').waitFor();
      await shotsAtBothWidths(page, 'second-opinion-sla', {
        ready: () => form.scrollIntoViewIfNeeded(),
      });
      expect(await apiCall(baseUrl, admin, 'GET', '/api/settings/second-opinion')).toMatchObject({
        routineMinutes: 720,
        urgentMinutes: before.urgentMinutes,
      });
    } finally {
      await apiCall(baseUrl, admin, 'PUT', '/api/settings/second-opinion', before);
      await page.context().close();
    }
  });
});
