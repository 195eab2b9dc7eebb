import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn } from '../../testing/http';
import { seedSampleReports } from '../demo';
import { REPORT_RELEASED_QUEUE, reportReleaseQueue, type ReportReleasedJob } from '.';

let fx: AppFixture;
beforeAll(async () => {
  fx = await appWithDemo();
});
afterAll(async () => fx?.close());

describe('demo sample reports', () => {
  it('signs the sample prior through the real services, once, with no task left open and its delivery queued', async () => {
    const db = fx.tdb.db;
    const demo2 = await db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO2')
      .executeTakeFirstOrThrow();
    const study = await db
      .insertInto('studies')
      .values({
        study_uid: '2.25.424242424242',
        clinic_id: demo2.id,
        patient_id: 'KE-77120',
        patient_name: 'MWANGI^WANJIKU',
        patient_name_norm: 'MWANGI WANJIKU',
        patient_birth_date: '1992-06-30',
        patient_sex: 'F',
        study_date: '2025-11-07',
        study_time: null,
        accession_number: null,
        study_id: null,
        study_description: 'Chest PA',
        referring_physician: null,
        last_received_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const releases = await reportReleaseQueue(fx.jobs);
    expect(await seedSampleReports(db, releases)).toBe(1);
    expect(await seedSampleReports(db, releases)).toBe(0);
    const tasks = await db
      .selectFrom('reading_tasks')
      .select('state')
      .where('study_id', '=', study.id)
      .execute();
    expect(tasks).toEqual([{ state: 'completed' }]);
    const c2 = await signIn(fx.app, 'clinic2');
    const res = await c2.request({ method: 'GET', url: '/api/studies/2.25.424242424242/reports' });
    expect(res.statusCode).toBe(200);
    expect(res.json().reports[0]).toMatchObject({
      state: 'final',
      signerName: 'Dr Rosa Reyes',
      currentVersion: 1,
    });
    // Its delivery is queued like any release's (the demo once signed before a queue existed).
    const jobs = await fx.jobs.fetch<ReportReleasedJob>(REPORT_RELEASED_QUEUE, { batchSize: 10 });
    expect(jobs.map((j) => j.data)).toEqual([{ reportId: res.json().reports[0].id, version: 1 }]);
  });
});
