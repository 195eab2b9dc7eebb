/**
 * Consultation end to end (issue 5 §4): rule-held and hand-asked consultations settled by a
 * consultant (concur, amend) before the clinic sees the report; the rules page for QA.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { openAllCentres } from './support/api';
import {
  claimFromWorklist,
  expectPdf,
  openClinicReport,
  sendCxr,
  signCavityRead,
  signedIn as signIn,
  worklistRow,
} from './support/reportPages';
import { shot } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const signedIn = (username: string): Promise<Page> => signIn(browser, baseUrl, username);

describe('consultation rules', () => {
  it('holds a cavity finding as pending consultation until the consultant concurs; then the clinic sees it', async () => {
    await sendCxr(dicomPort, 'DEMO2', { name: 'CONSULT^DAVID', id: 'E2E-REP-CONS' });
    const reader = await signedIn('radiologist');
    const panel = await claimFromWorklist(reader, /CONSULT, DAVID/);
    expect(await signCavityRead(panel)).toBe('pending_consultation');
    await reader.getByText('Held for consultation').waitFor();
    await reader.getByText('Any cavity or miliary finding').waitFor();

    // Held: the clinic has nothing yet.
    const clinic = await signedIn('clinic2');
    await navigate(clinic, 'Reports');
    await clinic.getByRole('heading', { name: 'Reports' }).waitFor();
    await clinic
      .getByRole('table', { name: 'Reports' })
      .or(clinic.getByText('No released reports yet'))
      .first()
      .waitFor();
    expect(
      await clinic
        .getByRole('table', { name: 'Reports' })
        .getByRole('row', { name: /CONSULT, DAVID/ })
        .count(),
    ).toBe(0);

    // The consultant opens the consultation task and concurs.
    const consultant = await signedIn('consultant');
    await navigate(consultant, 'Worklist');
    const row = worklistRow(consultant, /CONSULT, DAVID/).and(
      consultant.locator('[data-state="queued"]'),
    );
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await consultant.waitForURL(/\/read\//);
    const held = consultant.getByTestId('consultation-panel');
    await held.waitFor({ timeout: 30_000 });
    await held.getByText('Any cavity or miliary finding').waitFor();
    expect(await held.innerText()).toContain('Dr Rosa Reyes');
    await shot(consultant, 'consultation-panel');
    await held.getByRole('button', { name: 'Concur' }).click();
    const dialog = consultant.getByRole('dialog', { name: 'Concur and release' });
    await dialog.getByLabel('Comment (optional)').fill('Agree: cavity LUZ.');
    await dialog.getByRole('button', { name: 'Concur and release' }).click();
    await consultant.getByText('Signed and released').waitFor({ timeout: 20_000 });

    // Released: now the clinic sees it, with the consultant's concurrence in its versions.
    await clinic.reload();
    const report = await openClinicReport(clinic, /CONSULT, DAVID/);
    expect(await report.innerText()).toContain('Old or active TB');
    expect(await report.innerText()).toMatch(/Consultant concurred — Dr Consuelo Santos/);
    await reader.context().close();
    await clinic.context().close();
    await consultant.context().close();
  });
});

describe('manual consultation', () => {
  it('a reader asks a consultant by hand; the consultant amends, and the clinic gets the amended report', async () => {
    await sendCxr(dicomPort, 'DEMO1', { name: 'AMEND^GRACE', id: 'E2E-REP-AMEND' });
    const reader = await signedIn('radiologist');
    const panel = await claimFromWorklist(reader, /AMEND, GRACE/);
    await panel.pickForm('Chest X-ray Report — TB Screening');
    await reader.keyboard.press('Alt+KeyN');
    await panel.saved();
    await panel.root.getByRole('button', { name: 'Ask a consultant' }).click();
    const ask = reader.getByRole('dialog', { name: 'Ask a consultant' });
    await ask.getByLabel('Question for the consultant').fill('Is the heart enlarged?');
    await ask.getByRole('button', { name: 'Send to consultant' }).click();
    const held = reader.getByTestId('report-signed');
    await held.waitFor();
    expect(await held.getAttribute('data-state')).toBe('pending_consultation');

    const consultant = await signedIn('consultant');
    await navigate(consultant, 'Worklist');
    const row = worklistRow(consultant, /AMEND, GRACE/).and(
      consultant.locator('[data-state="queued"]'),
    );
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const cons = consultant.getByTestId('consultation-panel');
    await cons.getByText('“Is the heart enlarged?”').waitFor({ timeout: 30_000 });
    await cons.getByRole('button', { name: 'Amend' }).click();
    await cons.getByRole('radio', { name: 'Abnormal, not TB', exact: true }).check();
    await cons.getByRole('checkbox', { name: 'Cardiac abnormality', exact: true }).check();
    await cons.getByRole('textbox', { name: 'Impression' }).fill('Cardiomegaly. No active TB.');
    await cons.getByRole('button', { name: 'Release amended report' }).click();
    const dialog = consultant.getByRole('dialog', { name: 'Release the amended report' });
    await dialog.getByText('Cardiac abnormality').waitFor();
    await dialog.getByRole('button', { name: 'Sign and release' }).click();
    await consultant.getByText('Signed and released').waitFor({ timeout: 20_000 });

    const clinic = await signedIn('clinic1');
    const report = await openClinicReport(clinic, /AMEND, GRACE/);
    expect(await report.innerText()).toContain('Abnormal, not TB');
    expect(await report.innerText()).toContain('Cardiomegaly. No active TB.');
    expect(await report.innerText()).toMatch(/Consultant amended — Dr Consuelo Santos/);
    await expectPdf(clinic, report, 2);
    await reader.context().close();
    await consultant.context().close();
    await clinic.context().close();
  });
});

describe('consultation rules page', () => {
  it('lets QA add a rule (refusing it without findings), shows it, and delete it', async () => {
    const qa = await signedIn('qa');
    await navigate(qa, 'Consultation rules');
    const table = qa.getByRole('table', { name: 'Consultation rules' });
    await table.getByText('Any cavity or miliary finding').waitFor();
    await qa.getByRole('button', { name: 'Add rule' }).click();
    const drawer = qa.getByRole('form', { name: 'Add rule' });
    await drawer.getByLabel('Name').fill('Any pleural effusion');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.getByText('Choose at least one').waitFor();
    await drawer.getByLabel('Findings').first().click();
    await qa.getByRole('option', { name: 'Pleural effusion (TB-suggestive)' }).click();
    await drawer.getByLabel('Name').click(); // closes the findings list
    await drawer.getByRole('button', { name: 'Save' }).click();
    const row = table.getByRole('row', { name: /Any pleural effusion/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('Any of: Pleural effusion');
    await row.getByRole('button', { name: 'Delete Any pleural effusion' }).click();
    await qa.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.waitFor({ state: 'detached' });
    await qa.context().close();
  });
});
