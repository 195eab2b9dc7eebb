import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { writeCxr } from '../../apps/server/src/testing/dicomFixtures';
import { newPage } from './browser';
import { apiCall, apiLogin } from './api';
import { LoginPage, navigate } from './pages';

/** Sends one synthetic adult CXR with storescu from `aet` (a demo clinic's AE title). */
export async function sendCxr(
  dicomPort: number,
  aet: string,
  patient: { name: string; id: string; birthDate?: string },
  /** Study attributes to pin (an empty accession number, today's date). */
  study?: { accessionNumber?: string; studyDate?: string },
): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-e2e-rep-'));
  const f = await writeCxr(path.join(dir, 'cxr.dcm'), 'explicitLE', {
    rows: 256,
    columns: 256,
    patient: { birthDate: '19900101', ...patient },
    ...(study ? { study } : {}),
  });
  execFileSync('storescu', [
    '-aet',
    aet,
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(dicomPort),
    f.path,
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
  return f.studyInstanceUid;
}

/**
 * Sends a CXR as DEMO1 (patient `DELIVERY^<patientId>`), and has the radiologist sign a normal
 * DS-3030 read of it by API, which releases it; answers the Study Instance UID.
 */
export async function releaseNormalRead(
  baseUrl: string,
  dicomPort: number,
  patientId: string,
): Promise<string> {
  const studyUid = await sendCxr(dicomPort, 'DEMO1', {
    name: `DELIVERY^${patientId}`,
    id: patientId,
  });
  await signNormalReadByApi(baseUrl, studyUid);
  return studyUid;
}

/**
 * Waits for the study's primary read on the radiologist's worklist, then has the radiologist
 * claim it and sign a normal DS-3030 read by API (or `over`'s result, findings and impression),
 * which releases it.
 */
export async function signNormalReadByApi(
  baseUrl: string,
  studyUid: string,
  over: Record<string, unknown> = {},
): Promise<void> {
  const reader = await apiLogin(baseUrl, 'radiologist');
  let taskId: string | undefined;
  const end = Date.now() + 60_000;
  while (!taskId && Date.now() < end) {
    const page = await apiCall<{ tasks: { id: string; type: string; studyUid: string }[] }>(
      baseUrl,
      reader,
      'GET',
      '/api/worklist?limit=200',
    );
    taskId = page.tasks.find((t) => t.studyUid === studyUid && t.type === 'primary_read')?.id;
    if (!taskId) await new Promise((r) => setTimeout(r, 250));
  }
  if (!taskId) throw new Error('the study never reached the worklist');
  await apiCall(baseUrl, reader, 'POST', `/api/tasks/${taskId}/claim`);
  const content = {
    formId: 'us-ds3030',
    formVersion: '2026.1',
    result: 'normal',
    quality: { grade: 1, reasons: [] },
    comparison: 'no_prior',
    impression: 'No active lung disease.',
    ...over,
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
    { revision: saved.report.revision },
  );
  expect(signed.outcome).toBe('released');
}

/** The worklist row of a patient (name as the worklist shows it: "FAMILY, GIVEN"). */
export const worklistRow = (page: Page, name: RegExp) =>
  page.getByRole('table', { name: 'Worklist' }).getByRole('row', { name });

/** The report panel of the reading screen, driven by its labels. */
export class ReportPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('report-panel');
  }

  async ready(): Promise<this> {
    await this.root.waitFor({ timeout: 30_000 });
    return this;
  }

  async pickForm(title: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Report form' }).click();
    await this.page.getByRole('option', { name: title }).click();
  }

  async quality(label: string): Promise<void> {
    await this.root.getByRole('region', { name: 'Image quality' }).getByText(label).click();
  }

  async result(label: string): Promise<void> {
    await this.root.getByRole('radio', { name: label, exact: true }).check();
  }

  async tick(item: string): Promise<void> {
    await this.root.getByRole('checkbox', { name: item, exact: true }).check();
  }

  /** Side and zones of a ticked located item, by the words the editor shows. */
  async locate(
    item: string,
    side: 'Right' | 'Left' | 'Both',
    zones: ('Upper' | 'Middle' | 'Lower')[],
  ) {
    await this.root.getByLabel(`Side of ${item}`).getByText(side, { exact: true }).click();
    const group = this.root.getByRole('group', { name: `Zones of ${item}` });
    for (const z of zones) await group.getByText(z, { exact: true }).click();
  }

  async comparison(label: string): Promise<void> {
    await this.root
      .getByRole('radiogroup', { name: 'Comparison with prior' })
      .getByText(label)
      .click();
  }

  async recommend(label: string): Promise<void> {
    await this.root.getByRole('checkbox', { name: label, exact: true }).check();
  }

  async impression(text: string): Promise<void> {
    await this.root.getByRole('textbox', { name: 'Impression' }).fill(text);
  }

  /** Waits for the autosave line to say "Saved". */
  async saved(): Promise<void> {
    await this.root
      .getByRole('status', { name: 'Save status' })
      .getByText(/^Saved \d/)
      .waitFor({ timeout: 15_000 });
  }

  /** Opens the sign dialog, checks the summary shows `expectText`, and signs. */
  async sign(expectText: string): Promise<string> {
    await this.root.getByRole('button', { name: 'Sign', exact: true }).click();
    return this.confirmSign(expectText);
  }

  async confirmSign(expectText: string): Promise<string> {
    const dialog = this.page.getByRole('dialog', { name: 'Sign report' });
    await dialog.getByText(expectText).first().waitFor();
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    const done = this.page.getByTestId('report-signed');
    await done.waitFor({ timeout: 20_000 });
    return (await done.getAttribute('data-state')) ?? '';
  }
}

/** Opens the clinic's Reports page and the report of `name`; returns the report region. */
export async function openClinicReport(page: Page, name: RegExp): Promise<Locator> {
  await page.getByRole('navigation').getByRole('link', { name: 'Reports', exact: true }).click();
  await page.getByRole('table', { name: 'Reports' }).getByRole('row', { name }).click();
  const region = page.getByRole('region', { name: 'Report', exact: true });
  await region.getByTestId('report-view').waitFor();
  return region;
}

/**
 * Fetches the "Download PDF" link in the page's session; checks it is a PDF sent as an
 * attachment under the clinic's file name, and that "View" shows the same version inline.
 */
export async function expectPdf(page: Page, region: Locator, version = 1): Promise<void> {
  const href = await region.getByRole('link', { name: /Download PDF/ }).getAttribute('href');
  expect(href).toMatch(new RegExp(`/api/reports/[0-9a-f-]+/pdf\\?version=${version}&download=1$`));
  const view = await region.getByRole('link', { name: 'View', exact: true }).getAttribute('href');
  expect(view).toBe(href!.replace('&download=1', ''));
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/pdf');
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+-report/);
  expect((await res.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

/** A fresh browser context signed in as `username`. */
export async function signedIn(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const { page } = await newPage(browser, baseUrl);
  await new LoginPage(page).open().then((l) => l.signIn(username));
  return page;
}

/** The reader takes the study from the worklist onto the reading screen. */
export async function claimFromWorklist(page: Page, name: RegExp): Promise<ReportPanel> {
  await navigate(page, 'Worklist');
  await worklistRow(page, name).waitFor({ timeout: 30_000 });
  await worklistRow(page, name).click();
  await page.waitForURL(/\/read\//);
  return new ReportPanel(page).ready();
}

/**
 * Fills and signs a UK-form read with a cavity in the left upper zone, which the demo's
 * consultation rule ("Any cavity or miliary finding") holds for a consultant; returns the
 * report state the signature left ("pending_consultation").
 */
export async function signCavityRead(panel: ReportPanel): Promise<string> {
  await panel.pickForm('UK Pre-entry TB Screening — Chest X-ray Report');
  await panel.quality('1 Good');
  await panel.result('Old or active TB');
  const cavity = '4.7 Any cavitating lesion, or "fluffy"/"soft" lesions likely to be active TB';
  await panel.tick(cavity);
  await panel.locate(cavity.slice(4), 'Left', ['Upper']);
  await panel.recommend('Sputum testing');
  await panel.comparison('No prior available');
  await panel.impression('Cavitating lesion left upper zone: active TB likely.');
  await panel.saved();
  return panel.sign('left, upper zone');
}
