import { randomUUID } from 'node:crypto';
import type { ReportContentInput } from '@telerad/contracts';
import { expect } from 'vitest';
import type { AppFixture } from '../../testing/appFixture';
import type { TestClient } from '../../testing/http';
import { createPrimaryReadTask } from '../worklist';

/** Wednesday 10:00 in Manila: the Global Centre is open, so tasks queue at once. */
export const OPEN = new Date('2026-03-04T02:00:00Z');

/** US DS-3030 content (clinic DEMO1 serves US first). */
export const US_FORM = { formId: 'us-ds3030', formVersion: '2026.1' } as const;

/** A complete normal read. */
export const normalRead = (over: Partial<ReportContentInput> = {}): ReportContentInput => ({
  ...US_FORM,
  result: 'normal',
  quality: { grade: 1, reasons: [] },
  comparison: 'no_prior',
  impression: 'No active lung disease.',
  ...over,
});

/** A cavity: matches the default "cavity or miliary" consultation rule. */
export const cavityRead = (): ReportContentInput => ({
  ...US_FORM,
  result: 'abnormal',
  findings: [{ code: 'cavity', formItem: 'cavity', side: 'right', zones: ['upper'] }],
  quality: { grade: 1, reasons: [] },
  comparison: 'no_prior',
  recommendations: ['sputum_testing'],
  impression: 'Right upper zone cavity, suspicious of active TB.',
});

/** Unreadable: quality grade 4 with a reason and a retake. */
export const unreadableRead = (): ReportContentInput => ({
  ...US_FORM,
  quality: { grade: 4, reasons: ['motion', 'cut_off_anatomy'] },
  recommendations: ['retake'],
  remarks: 'Please repeat the PA view with the apices included.',
});

/** Inserts a stable study of clinic `code` and its queued primary read; returns both ids. */
export async function newTask(
  fx: AppFixture,
  clinicCode: string,
  opts: { birthDate?: string } = {},
): Promise<{ taskId: string; studyId: string; studyUid: string }> {
  const db = fx.tdb.db;
  const clinic = await db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', clinicCode)
    .executeTakeFirstOrThrow();
  const studyUid = `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`)}`;
  const study = await db
    .insertInto('studies')
    .values({
      study_uid: studyUid,
      clinic_id: clinic.id,
      patient_id: `P-${clinicCode}-${randomUUID().slice(0, 6)}`,
      patient_name: `${clinicCode}^REPORTPATIENT`,
      patient_birth_date: opts.birthDate ?? '1990-01-01',
      patient_sex: 'F',
      study_date: '2026-03-04',
      study_time: null,
      accession_number: null,
      study_id: null,
      study_description: 'CHEST PA',
      referring_physician: null,
      patient_name_norm: `${clinicCode} REPORTPATIENT`,
      last_received_at: OPEN,
      stable_at: OPEN,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const r = await createPrimaryReadTask(
    db,
    { studyId: study.id, stableAt: OPEN.toISOString(), numInstances: 1 },
    OPEN,
  );
  if (r.outcome !== 'created') throw new Error(r.outcome);
  return { taskId: r.taskId, studyId: study.id, studyUid };
}

/** Claims a task through the API and expects success. */
export async function claim(c: TestClient, taskId: string): Promise<void> {
  const res = await c.request({ method: 'POST', url: `/api/tasks/${taskId}/claim` });
  expect(res.statusCode, res.body).toBe(200);
}

/** Autosaves content as `revision`; returns the response. */
export function save(c: TestClient, taskId: string, content: ReportContentInput, revision: number) {
  return c.request({
    method: 'PUT',
    url: `/api/tasks/${taskId}/report`,
    payload: {
      formId: content.formId,
      formVersion: content.formVersion,
      content,
      annotations: [],
      revision,
    },
  });
}

/** Claims, saves and signs; returns the sign response. */
export async function claimSaveSign(c: TestClient, taskId: string, content: ReportContentInput) {
  await claim(c, taskId);
  const saved = await save(c, taskId, content, 0);
  expect(saved.statusCode, saved.body).toBe(200);
  return c.request({
    method: 'POST',
    url: `/api/tasks/${taskId}/report/sign`,
    payload: { revision: saved.json().report.revision },
  });
}

/** The release's test-only fault points, for other modules' tests of what commits with it. */
export { releaseFaults } from './release';
