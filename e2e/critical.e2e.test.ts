/**
 * Critical results end to end in the running demo server: a radiologist flags a read critical in
 * the sign dialog; the clinic sees the alert above every page until a named clinic user
 * acknowledges it; the report's record then says "Communicated to <name> (<clinic>) at <time>",
 * for the clinic and for the centre. A second critical result nobody acknowledges escalates to
 * the clinic's assistant, then to the centre's supervisors (escalation times set tiny for this
 * test through the settings; the server's sweep does the rest, waited for with expect.poll).
 * Set TELERAD_SCREENSHOTS=<dir> to keep screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, apiLogin, openAllCentres, type ApiSession } from './support/api';
import { launchBrowser } from './support/browser';
import { navigate } from './support/pages';
import { claimFromWorklist, openClinicReport, sendCxr, signedIn } from './support/reportPages';
import { shotsAtBothWidths } from './support/screenshots';

let browser: Browser;
const baseUrl = inject('baseUrl');
const dicomPort = inject('dicomPort');

beforeAll(async () => {
  browser = await launchBrowser();
  await openAllCentres(baseUrl);
});
afterAll(async () => browser?.close());

interface OpenAlert {
  id: string;
  patientId: string;
}

/** The clinic's open alerts, through its own session. */
const openAlerts = async (s: ApiSession) =>
  (await apiCall<{ results: OpenAlert[] }>(baseUrl, s, 'GET', '/api/critical-results')).results;

/** The kinds of the user's notifications whose title names `patientId`. */
const notificationKinds = async (s: ApiSession, patientId: string) =>
  (
    await apiCall<{ notifications: { kind: string; title: string }[] }>(
      baseUrl,
      s,
      'GET',
      '/api/notifications?limit=200',
    )
  ).notifications
    .filter((n) => n.title.includes(patientId))
    .map((n) => n.kind)
    .sort();

/**
 * Runs `fn` with clinic1 reading in French (their own language choice, as the profile sets it),
 * then back to the clinic's default; the page reloads into each.
 */
async function inFrench(page: Page, fn: () => Promise<void>): Promise<void> {
  const c1 = await apiLogin(baseUrl, 'clinic1');
  await apiCall(baseUrl, c1, 'PUT', '/api/auth/language', { language: 'fr' });
  try {
    await page.reload();
    await fn();
  } finally {
    await apiCall(baseUrl, c1, 'PUT', '/api/auth/language', { language: null });
    await page.reload();
  }
}

/** Waits for the study on the radiologist's worklist, then signs a normal read flagged critical. */
async function signCriticalByApi(studyUid: string, category: string): Promise<void> {
  const reader = await apiLogin(baseUrl, 'radiologist');
  let taskId: string | undefined;
  await expect
    .poll(
      async () => {
        const page = await apiCall<{ tasks: { id: string; studyUid: string }[] }>(
          baseUrl,
          reader,
          'GET',
          '/api/worklist?limit=200',
        );
        taskId = page.tasks.find((t) => t.studyUid === studyUid)?.id;
        return taskId;
      },
      { timeout: 60_000 },
    )
    .toBeTruthy();
  await apiCall(baseUrl, reader, 'POST', `/api/tasks/${taskId}/claim`);
  const content = {
    formId: 'generic-graded',
    formVersion: '2026.1',
    result: 'abnormal_non_tb',
    findings: [],
    quality: { grade: 1, reasons: [] },
    comparison: 'no_prior',
    remarks: 'Large left apical mass.',
    impression: 'Large left apical mass suspicious for malignancy. Refer urgently.',
  };
  const saved = await apiCall<{ report: { revision: number } }>(
    baseUrl,
    reader,
    'PUT',
    `/api/tasks/${taskId}/report`,
    {
      formId: content.formId,
      formVersion: content.formVersion,
      content,
      annotations: [],
      revision: 0,
    },
  );
  const signed = await apiCall<{ outcome: string }>(
    baseUrl,
    reader,
    'POST',
    `/api/tasks/${taskId}/report/sign`,
    { revision: saved.report.revision, critical: { category } },
  );
  expect(signed.outcome).toBe('released');
}

describe('a critical result', () => {
  it('reaches the clinic, a named clinic user acknowledges it, and the report history shows the closed loop', async () => {
    await sendCxr(dicomPort, 'DEMO1', { name: 'CRITICAL^FATIMA', id: 'E2E-CRIT-1' });
    const reader = await signedIn(browser, baseUrl, 'radiologist');
    const panel = await claimFromWorklist(reader, /CRITICAL, FATIMA/);
    await panel.pickForm('Chest X-ray Report — TB Screening');
    await panel.quality('1 Good');
    await panel.result('Suspicious of active TB');
    await panel.tick('Pleural effusion');
    await panel.locate('Pleural effusion', 'Right', ['Lower']);
    await panel.comparison('No prior available');
    await panel.impression('Large right pleural effusion with mediastinal shift. Refer today.');
    await panel.saved();
    await panel.root.getByRole('button', { name: 'Sign', exact: true }).click();
    const dialog = reader.getByRole('dialog', { name: 'Sign report' });
    // Alt+C flags it from the keyboard: the finding's choice appears.
    await dialog.getByText('Signed as Dr Rosa Reyes', { exact: false }).waitFor();
    await reader.keyboard.press('Alt+KeyC');
    const finding = dialog.getByRole('combobox', { name: 'Critical finding' });
    await finding.waitFor();
    expect(await dialog.getByRole('checkbox', { name: /^Critical result/ }).isChecked()).toBe(true);
    await finding.click();
    await reader.getByRole('option', { name: 'Large pleural effusion' }).click();
    await shotsAtBothWidths(reader, 'critical-sign-dialog');
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await reader.getByTestId('report-signed').waitFor({ timeout: 20_000 });

    // The clinic sees the alert above its pages, wherever it goes, until someone acknowledges it.
    const clinic = await signedIn(browser, baseUrl, 'clinic1');
    const banner = clinic.getByRole('alertdialog', { name: 'Critical result' });
    const alert = banner.getByTestId('critical-alert').filter({ hasText: 'E2E-CRIT-1' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Large pleural effusion');
    await shotsAtBothWidths(clinic, 'critical-alert');
    await inFrench(clinic, async () => {
      await clinic
        .getByRole('alertdialog', { name: 'Résultat critique' })
        .getByText('Épanchement pleural abondant', { exact: false })
        .waitFor();
      await shotsAtBothWidths(clinic, 'critical-alert-fr');
    });
    await alert.waitFor();
    await navigate(clinic, 'Reports');
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Acknowledge as Clinic One Technician' }).click();
    await alert.waitFor({ state: 'detached' });

    // The report's record: the clinic's view and the centre's.
    const region = await openClinicReport(clinic, /CRITICAL, FATIMA/);
    const line = region.getByTestId('critical-communication');
    await line.getByText(/^Communicated to Clinic One Technician \(.+\) at /).waitFor();
    // …and the report's history, newest first.
    await region
      .getByRole('region', { name: 'Versions' })
      .getByTestId('history-communicated')
      .getByText(/^Critical result communicated to Clinic One Technician \(.+\), /)
      .waitFor();
    await shotsAtBothWidths(clinic, 'critical-closed-loop-clinic');
    await inFrench(clinic, async () => {
      await clinic
        .getByTestId('critical-communication')
        .getByText(/^Communiqué à Clinic One Technician \(.+\) le /)
        .waitFor();
      await shotsAtBothWidths(clinic, 'critical-closed-loop-clinic-fr');
    });

    const staff = await signedIn(browser, baseUrl, 'assistant');
    await navigate(staff, 'Reports');
    await staff
      .getByRole('table', { name: 'Reports' })
      .getByRole('row', { name: /E2E-CRIT-1/ })
      .click();
    const staffRecord = staff
      .getByRole('region', { name: 'Report', exact: true })
      .getByTestId('critical-communication');
    await staffRecord.getByText(/^Communicated to Clinic One Technician \(.+\) at /).waitFor();
    await shotsAtBothWidths(staff, 'critical-closed-loop-staff');

    // Nothing is left open for the clinic, and nobody was escalated to.
    const c1 = await apiLogin(baseUrl, 'clinic1');
    expect((await openAlerts(c1)).some((a) => a.patientId === 'E2E-CRIT-1')).toBe(false);
    const assistant = await apiLogin(baseUrl, 'assistant');
    expect(await notificationKinds(assistant, 'E2E-CRIT-1')).not.toContain('critical.escalated');
    for (const p of [reader, clinic, staff]) await p.context().close();
  });

  it('escalates a critical result nobody acknowledges to the assistant, then the supervisor', async () => {
    const admin = await apiLogin(baseUrl, 'admin');
    // Tiny times for this test, set where an administrator sets them: the assistants at once,
    // the supervisors three seconds later.
    const settings = await signedIn(browser, baseUrl, 'admin');
    await navigate(settings, 'Routing & SLA');
    const form = settings.getByRole('form', { name: 'Critical result escalation' });
    await form.getByRole('textbox', { name: 'Tell the clinic’s assistants after' }).fill('0');
    await form.getByRole('textbox', { name: 'Tell the centre’s supervisors after' }).fill('0.05');
    await form.getByRole('button', { name: 'Save critical result times' }).click();
    await settings.getByText('Critical result times saved.').waitFor();
    await shotsAtBothWidths(settings, 'critical-settings', {
      ready: () => form.scrollIntoViewIfNeeded(),
    });
    await settings.context().close();
    expect(await apiCall(baseUrl, admin, 'GET', '/api/settings/critical')).toEqual({
      assistantsAfterMinutes: 0,
      supervisorsAfterMinutes: 0.05,
    });
    const c1 = await apiLogin(baseUrl, 'clinic1');
    try {
      const studyUid = await sendCxr(dicomPort, 'DEMO1', {
        name: 'UNANSWERED^OMAR',
        id: 'E2E-CRIT-2',
      });
      await signCriticalByApi(studyUid, 'suspected_malignancy');
      const assistant = await apiLogin(baseUrl, 'assistant');
      const consultant = await apiLogin(baseUrl, 'consultant');
      await expect
        .poll(() => notificationKinds(assistant, 'E2E-CRIT-2'), { timeout: 60_000 })
        .toContain('critical.escalated');
      await expect
        .poll(() => notificationKinds(consultant, 'E2E-CRIT-2'), { timeout: 60_000 })
        .toContain('critical.escalated_supervisors');
      // The assistant is told once, whatever the number of sweeps since.
      expect(
        (await notificationKinds(assistant, 'E2E-CRIT-2')).filter(
          (k) => k === 'critical.escalated',
        ),
      ).toHaveLength(1);

      const staff = await signedIn(browser, baseUrl, 'assistant');
      await staff.getByRole('button', { name: /Notifications/ }).click();
      await staff.getByText('Critical result not acknowledged: DEMO1 E2E-CRIT-2').waitFor();
      await shotsAtBothWidths(staff, 'critical-escalated-assistant', {
        ready: async () => {
          if (!(await staff.getByText(/Critical result not acknowledged: DEMO1/).isVisible()))
            await staff.getByRole('button', { name: /Notifications/ }).click();
        },
      });
      await staff.context().close();
    } finally {
      await apiCall(baseUrl, admin, 'PUT', '/api/settings/critical', {
        assistantsAfterMinutes: 15,
        supervisorsAfterMinutes: 30,
      });
      // Leave no alert open for the other tests' clinic pages.
      for (const a of await openAlerts(c1))
        await apiCall(baseUrl, c1, 'POST', `/api/critical-results/${a.id}/acknowledge`);
    }
  });
});
