/**
 * QC re-reading end to end: the clinic sends its own read of a study from the study's page; the
 * QC rule samples it; a centre radiologist re-reads it blind on the reading screen and signs;
 * the clinic's read then shows beside it with the agreement; QA and the clinic see the kappa.
 * The QC rules are put back as they were.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres, type ApiSession } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { sendCxr, signedIn as signIn, worklistRow } from './support/reportPages';
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

const US = { formId: 'us-ds3030', formVersion: '2026.1' };
const normal = (impression: string) => ({
  ...US,
  result: 'normal',
  quality: { grade: 1, reasons: [] },
  comparison: 'no_prior',
  impression,
});
const cavity = {
  ...US,
  result: 'abnormal',
  findings: [{ code: 'cavity', formItem: 'cavity', side: 'right', zones: ['upper'] }],
  quality: { grade: 1, reasons: [] },
  comparison: 'no_prior',
  recommendations: ['sputum_testing'],
  impression: 'Right upper zone cavity.',
};

interface Rules {
  default: unknown;
  clinics: { clinicId: string; sampling: unknown }[];
  clinicOptions: { id: string; code: string }[];
}

/** The QC task of a study, once it is on the reader's worklist. */
async function qcTaskOf(reader: ApiSession, studyUid: string): Promise<string> {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    const page = await apiCall<{ tasks: { id: string; studyUid: string; type: string }[] }>(
      baseUrl,
      reader,
      'GET',
      '/api/worklist?limit=500',
    );
    const task = page.tasks.find((t) => t.studyUid === studyUid && t.type === 'qc_read');
    if (task) return task.id;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the QC read never reached the worklist');
}

/** A clinic read and its re-read by API: the history the kappa is computed over. */
async function rereadByApi(
  clinic: ApiSession,
  reader: ApiSession,
  patientId: string,
  clinicRead: object,
  centreRead: object,
): Promise<void> {
  const studyUid = await sendCxr(dicomPort, 'DEMO1', {
    name: `QCHISTORY^${patientId}`,
    id: patientId,
  });
  await apiCall(baseUrl, clinic, 'POST', `/api/studies/${studyUid}/clinic-read`, {
    content: clinicRead,
    readerName: 'Dr Amina Local',
  });
  const taskId = await qcTaskOf(reader, studyUid);
  await apiCall(baseUrl, reader, 'POST', `/api/tasks/${taskId}/claim`);
  await apiCall(baseUrl, reader, 'POST', `/api/tasks/${taskId}/qc/sign`, { content: centreRead });
}

describe('QC re-reading', () => {
  it('the clinic sends its read, the centre re-reads it blind, and the kappa is shown', async () => {
    const qaApi = await apiLogin(baseUrl, 'qa');
    const before = await apiCall<Rules>(baseUrl, qaApi, 'GET', '/api/qc/rules');
    const demo1 = before.clinicOptions.find((c) => c.code === 'DEMO1')!.id;
    try {
      // QA: every DEMO1 read is re-read.
      await apiCall(baseUrl, qaApi, 'PUT', '/api/qc/rules', {
        default: before.default,
        clinics: [
          ...before.clinics.filter((c) => c.clinicId !== demo1),
          { clinicId: demo1, sampling: { mode: 'all' } },
        ],
      });
      const clinicApi = await apiLogin(baseUrl, 'clinic1');
      const readerApi = await apiLogin(baseUrl, 'radiologist');
      await rereadByApi(clinicApi, readerApi, 'E2E-QC-H1', normal('Clear.'), normal('Clear.'));
      await rereadByApi(clinicApi, readerApi, 'E2E-QC-H2', cavity, cavity);

      // The clinic sends its own read from the study's page.
      const studyUid = await sendCxr(dicomPort, 'DEMO1', { name: 'QCREAD^AMARA', id: 'E2E-QC-1' });
      const clinic = await signedIn('clinic1');
      await clinic.goto(`${baseUrl}/studies/${studyUid}`);
      const card = clinic.getByRole('region', { name: 'Our clinic’s read' });
      await card.getByRole('button', { name: 'Send our read' }).click();
      const form = clinic.getByTestId('clinic-read-form');
      await form.getByRole('region', { name: 'Image quality' }).getByText('1 Good').click();
      await form.getByRole('radio', { name: 'Normal', exact: true }).check();
      await form
        .getByRole('radiogroup', { name: 'Comparison with prior' })
        .getByText('No prior available')
        .click();
      await form.getByRole('textbox', { name: 'Impression' }).fill('Clinic read: lungs clear.');
      await form.getByRole('textbox', { name: 'Read by' }).fill('Dr Amina Local');
      await shotsAtBothWidths(clinic, 'qc-clinic-sends-read');
      await form.getByRole('button', { name: 'Send our read' }).click();
      const sent = clinic.getByTestId('clinic-read');
      await sent.getByText('The reading centre will check this read').waitFor({ timeout: 20_000 });
      await shotsAtBothWidths(clinic, 'qc-clinic-read-sent');

      // The centre's radiologist re-reads it blind on the reading screen.
      const reader = await signedIn('radiologist2');
      await navigate(reader, 'Worklist');
      const row = worklistRow(reader, /QCREAD/).and(reader.locator('[data-type="qc_read"]'));
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      await reader.waitForURL(/\/read\//);
      const panel = reader.getByTestId('qc-panel');
      await panel.waitFor({ timeout: 30_000 });
      await panel.getByText('the clinic’s read is shown once you sign yours').waitFor();
      expect(await reader.locator('body').innerText()).not.toContain('Clinic read: lungs clear.');
      expect(await reader.locator('body').innerText()).not.toContain('Dr Amina Local');
      await panel.getByRole('region', { name: 'Image quality' }).getByText('1 Good').click();
      await panel.getByRole('radio', { name: 'Abnormal', exact: true }).check();
      await panel.getByRole('checkbox', { name: 'Cavitary lesion', exact: true }).check();
      await panel.getByLabel('Side of Cavitary lesion').getByText('Right', { exact: true }).click();
      await panel.getByRole('checkbox', { name: 'Sputum testing', exact: true }).check();
      await panel
        .getByRole('radiogroup', { name: 'Comparison with prior' })
        .getByText('No prior available')
        .click();
      await panel.getByRole('textbox', { name: 'Impression' }).fill('Cavity in the right lung.');
      await shotsAtBothWidths(reader, 'qc-blind-reread');
      // Ctrl+Enter signs, as on a report.
      await reader.keyboard.press('Control+Enter');
      const outcome = reader.getByTestId('qc-outcome');
      await outcome.waitFor({ timeout: 20_000 });
      await outcome.getByText('Major discordance', { exact: true }).waitFor();
      await outcome.getByText('Clinic read: lungs clear.').waitFor();
      await outcome.getByText(/The clinic’s read \(Dr Amina Local\)/).waitFor();
      await shotsAtBothWidths(reader, 'qc-reread-outcome');

      // QA sees the clinic's kappa and agreement table.
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.parse(today) - 89 * 86_400_000).toISOString().slice(0, 10);
      const figures = await apiCall<{ summary: { kappa: number | null; n: number } }>(
        baseUrl,
        qaApi,
        'GET',
        `/api/qc/clinics/${demo1}/feedback?from=${from}&to=${today}`,
      );
      expect(figures.summary.n).toBeGreaterThanOrEqual(3);
      expect(figures.summary.kappa).not.toBeNull();
      const kappaText = figures.summary.kappa!.toFixed(2);
      const qa = await signedIn('qa');
      await navigate(qa, 'Quality feedback');
      await qa
        .getByRole('table', { name: 'Agreement per clinic' })
        .getByRole('row', { name: /DEMO1/ })
        .click();
      const kappa = qa.getByTestId('qc-kappa');
      await kappa.getByText(kappaText, { exact: false }).waitFor({ timeout: 20_000 });
      await qa.getByRole('table', { name: 'Agreement table' }).waitFor();
      await shotsAtBothWidths(qa, 'qc-qa-agreement');

      // The clinic sees its own feedback, with the kappa and the report to download.
      await navigate(clinic, 'Quality feedback');
      await clinic.getByTestId('qc-kappa').getByText(kappaText, { exact: false }).waitFor({
        timeout: 20_000,
      });
      await clinic
        .getByRole('table', { name: 'Checked reads' })
        .getByRole('row', { name: /AMARA/ })
        .waitFor();
      expect(await clinic.locator('main').innerText()).not.toMatch(/DICOM|modality/i);
      const href = await clinic
        .getByRole('link', { name: 'Download the feedback report (PDF)' })
        .getAttribute('href');
      const pdf = await clinic.request.get(`${baseUrl}${href}`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await shotsAtBothWidths(clinic, 'qc-clinic-feedback');

      // The study's page now shows both reads to the clinic.
      await clinic.goto(`${baseUrl}/studies/${studyUid}`);
      await clinic.getByTestId('clinic-read').getByText('Major difference').first().waitFor();

      for (const p of [clinic, reader, qa]) await p.context().close();
    } finally {
      await apiCall(baseUrl, qaApi, 'PUT', '/api/qc/rules', {
        default: before.default,
        clinics: before.clinics,
      });
    }
  });
});
