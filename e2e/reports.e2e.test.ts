/**
 * Structured reports end to end (issue 5): for each programme form, a study sent by storescu is
 * claimed from the worklist, looked at in the viewer (image shown, windowed, measured), reported,
 * signed, read by the clinic with its PDF, and delivered as SR and PDF to a DCMTK storescp
 * standing in for the clinic PACS; autosave conflicts; retakes. Set TELERAD_SCREENSHOTS=<dir> to
 * keep screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { launchBrowser } from './support/browser';
import { registerClinicPacs, type StoreScp } from './support/pacs';
import { openAllCentres } from './support/api';
import {
  claimFromWorklist,
  expectPdf,
  openClinicReport,
  sendCxr,
  signedIn as signIn,
  ReportPanel,
} from './support/reportPages';
import { shot } from './support/screenshots';
import { readImage, savedAnnotationTools } from './support/viewerSteps';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

const signedIn = (username: string): Promise<Page> => signIn(browser, baseUrl, username);

/** A storescp registered as `aeTitle`, a PACS of clinic `clinicCode`, for this test only. */
async function clinicPacs(clinicCode: string, aeTitle: string): Promise<StoreScp> {
  const pacs = await registerClinicPacs(baseUrl, clinicCode, aeTitle);
  onTestFinished(() => pacs.close());
  return pacs.scp;
}

describe('structured reports, one per programme form', () => {
  it('US DS-3030: abnormal, Class B-not finding with its location → released; the clinic sees it and its PDF', async () => {
    const pacs = await clinicPacs('DEMO1', 'REPUSPACS');
    const studyUid = await sendCxr(dicomPort, 'DEMO1', {
      name: 'REPORTUS^ALICE',
      id: 'E2E-REP-US',
    });
    const reader = await signedIn('radiologist');
    const since = Date.now();
    const panel = await claimFromWorklist(reader, /REPORTUS, ALICE/);
    await readImage(reader, { since });
    // DEMO1 serves US, CA and AUNZ: the reader picks the form for this study.
    await panel.pickForm('DS-3030 Tuberculosis Worksheet — Section 3: Chest X-ray');
    await panel.quality('1 Good');
    await panel.result('Abnormal');
    // Sign stays disabled, with the reason, until the finding has its side.
    await panel.tick('Calcified pulmonary nodule(s)');
    expect(await panel.root.getByRole('button', { name: 'Sign', exact: true }).isDisabled()).toBe(
      true,
    );
    await panel.root
      .getByText('Give the side for “Calcified pulmonary nodule(s)”.')
      .first()
      .waitFor();
    await panel.locate('Calcified pulmonary nodule(s)', 'Right', ['Upper']);
    await panel.comparison('No prior available');
    await panel.impression('Calcified granuloma right upper zone. No active TB.');
    await panel.saved();
    expect(await panel.sign('right, upper zone')).toBe('final');
    await reader.getByText('Signed and released').waitFor();
    // The measurement was saved with the report.
    expect(await savedAnnotationTools(reader)).toEqual(['length']);
    // A signed report is never edited: the reader adds an addendum, a new version.
    await reader.getByRole('button', { name: 'Add addendum' }).click();
    const addendum = reader.getByRole('dialog', { name: 'Add addendum' });
    await addendum
      .getByRole('textbox', { name: 'Addendum' })
      .fill('Lateral view advised at next visit.');
    await addendum.getByRole('button', { name: 'Sign addendum' }).click();
    await reader.getByRole('region', { name: 'Addenda' }).waitFor();

    const clinic = await signedIn('clinic1');
    const report = await openClinicReport(clinic, /REPORTUS, ALICE/);
    expect(await report.innerText()).toContain('Calcified pulmonary nodule(s)');
    expect(await report.innerText()).toContain('Dr Rosa Reyes, MD, FPCR');
    expect(await report.innerText()).toContain('Lateral view advised at next visit.');
    await expectPdf(clinic, report, 2);
    await pacs.report(studyUid);
    await reader.context().close();
    await clinic.context().close();
  });

  it('UK UKTBTI: normal with a minor finding → released; the clinic sees the report and PDF', async () => {
    const pacs = await clinicPacs('DEMO2', 'REPUKPACS');
    const studyUid = await sendCxr(dicomPort, 'DEMO2', {
      name: 'REPORTUK^BASIL',
      id: 'E2E-REP-UK',
    });
    const reader = await signedIn('radiologist');
    const since = Date.now();
    const panel = await claimFromWorklist(reader, /REPORTUK, BASIL/);
    await readImage(reader, { since });
    await panel.pickForm('UK Pre-entry TB Screening — Chest X-ray Report');
    await panel.quality('2 Acceptable');
    await panel.result('Chest X-ray normal');
    await panel.tick('1.2 Bony islets');
    await panel.tick('1.1 Single fibrous streak, band or scar');
    await panel.locate('Single fibrous streak, band or scar', 'Left', ['Middle', 'Lower']);
    await panel.comparison('No prior available');
    await panel.impression('Normal chest radiograph apart from minor findings (1.1, 1.2).');
    await panel.saved();
    await shot(reader, 'report-panel-uk-bottom');
    await panel.root.getByRole('region', { name: 'Image quality' }).scrollIntoViewIfNeeded();
    await shot(reader, 'report-panel-uk');
    expect(await panel.sign('1.2 Bony islets')).toBe('final');
    expect(await savedAnnotationTools(reader)).toEqual(['length']);

    const clinic = await signedIn('clinic2');
    const report = await openClinicReport(clinic, /REPORTUK, BASIL/);
    expect(await report.innerText()).toContain('Chest X-ray normal');
    expect(await report.innerText()).toContain('left, middle/lower zones');
    await expectPdf(clinic, report);
    await shot(clinic, 'clinic-reports-uk');
    // The study page shows the same report in its Reports section.
    await report.getByRole('link', { name: 'Open the study' }).click();
    const section = clinic.getByRole('region', { name: 'Reports', exact: true });
    await section.getByTestId('report-view').waitFor();
    expect(await section.innerText()).toContain('1.2 Bony islets');
    await shot(clinic, 'clinic-study-uk');
    await pacs.report(studyUid);
    await reader.context().close();
    await clinic.context().close();
  });

  it('generic graded form by keyboard: Alt+N marks normal, Ctrl+Enter signs → released', async () => {
    const pacs = await clinicPacs('DEMO1', 'REPGENPACS');
    const studyUid = await sendCxr(dicomPort, 'DEMO1', {
      name: 'REPORTGEN^CARLA',
      id: 'E2E-REP-GEN',
    });
    const reader = await signedIn('radiologist');
    const since = Date.now();
    const panel = await claimFromWorklist(reader, /REPORTGEN, CARLA/);
    await readImage(reader, { since });
    await panel.pickForm('Chest X-ray Report — TB Screening');
    await reader.keyboard.press('Alt+KeyN');
    expect(await panel.root.getByRole('radio', { name: 'Normal', exact: true }).isChecked()).toBe(
      true,
    );
    expect(await panel.root.getByRole('textbox', { name: 'Impression' }).inputValue()).toBe(
      'No active disease.',
    );
    await panel.saved();
    // The keys are one click away, and Escape puts them away again.
    const keysButton = panel.root.getByRole('button', { name: 'Report keys' });
    await keysButton.click();
    const keys = reader.getByRole('dialog').filter({ hasText: 'Report keys' });
    await keys.waitFor();
    await keysButton.focus();
    await reader.keyboard.press('Escape');
    await keys.waitFor({ state: 'hidden' });
    await reader.keyboard.press('Control+Enter');
    expect(await panel.confirmSign('Normal')).toBe('final');
    expect(await savedAnnotationTools(reader)).toEqual(['length']);

    const clinic = await signedIn('clinic1');
    const report = await openClinicReport(clinic, /REPORTGEN, CARLA/);
    expect(await report.innerText()).toContain('Chest X-ray Report — TB Screening');
    await expectPdf(clinic, report);
    await pacs.report(studyUid);
    await reader.context().close();
    await clinic.context().close();
  });
});

describe('autosave', () => {
  it('retries while offline, and never drops the reader’s text when another tab saved a newer revision (409)', async () => {
    await sendCxr(dicomPort, 'DEMO1', { name: 'CONFLICT^ELENA', id: 'E2E-REP-409' });
    const a = await signedIn('radiologist');
    const panelA = await claimFromWorklist(a, /CONFLICT, ELENA/);
    await panelA.pickForm('Chest X-ray Report — TB Screening');
    // Offline: the save fails, the panel says so and retries by itself once the server answers.
    await a.route('**/api/tasks/*/report', (route) =>
      route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
    );
    await panelA.impression('Typed in tab A.');
    await panelA.root.getByText('Offline — retrying').waitFor();
    await a.unroute('**/api/tasks/*/report');
    await panelA.saved();

    // The same reader opens the task in a second tab and saves there: revision moves on.
    const b = await a.context().newPage();
    await b.goto(a.url());
    const panelB = await new ReportPanel(b).ready();
    expect(await panelB.root.getByRole('textbox', { name: 'Impression' }).inputValue()).toBe(
      'Typed in tab A.',
    );
    await panelB.impression('Typed in tab B.');
    await panelB.saved();

    // Tab A, still on the old revision, types on: its save is refused and both versions show.
    await panelA.impression('Typed in tab A, then more.');
    const banner = a.getByRole('alert').filter({ hasText: 'This draft was saved elsewhere' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.innerText()).toContain('Typed in tab B.');
    expect(await panelA.root.getByRole('textbox', { name: 'Impression' }).inputValue()).toBe(
      'Typed in tab A, then more.',
    );
    await banner.getByRole('button', { name: 'Keep mine' }).click();
    await panelA.saved();
    await b.reload();
    const reloaded = await new ReportPanel(b).ready();
    expect(await reloaded.root.getByRole('textbox', { name: 'Impression' }).inputValue()).toBe(
      'Typed in tab A, then more.',
    );
    await a.context().close();
  });
});

describe('retakes', () => {
  it('"unreadable" requests a retake instead of finishing: the clinic sees why on the study page', async () => {
    const studyUid = await sendCxr(dicomPort, 'DEMO2', { name: 'RETAKE^FATIMA', id: 'E2E-REP-RT' });
    const reader = await signedIn('radiologist');
    const panel = await claimFromWorklist(reader, /RETAKE, FATIMA/);
    await panel.pickForm('UK Pre-entry TB Screening — Chest X-ray Report');
    await panel.quality('4 Unreadable');
    await panel.root.getByRole('group', { name: 'Quality reasons' }).getByText('Motion').click();
    // Grading "unreadable" ticked Retake; no result or findings are asked for.
    expect(
      await panel.root.getByRole('checkbox', { name: 'Retake', exact: true }).isChecked(),
    ).toBe(true);
    await panel.saved();
    expect(await panel.sign('Unreadable')).toBe('retake_requested');
    await reader.getByText('Retake requested').waitFor();

    const clinic = await signedIn('clinic2');
    await clinic.goto(`/studies/${studyUid}`);
    const notice = clinic.getByRole('region', { name: 'Reports', exact: true });
    await notice.getByText('Retake requested').waitFor();
    expect(await notice.innerText()).toContain('Motion');
    await reader.context().close();
    await clinic.context().close();
  });
});
