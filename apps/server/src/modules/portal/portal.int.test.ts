import type { ApplicantPage, ApplicantRow } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { installAuditRefusal } from '../../testing/auditRefusal';
import { signIn, type TestClient } from '../../testing/http';
import { claim, claimSaveSign, newTask, normalRead } from '../reports/testSupport';

/**
 * The clinic portal: today's applicants of the caller's clinics in the clinic's words (audited,
 * scoped, searchable), the clinical note and the programme a clinic sets for the reader, and
 * the form the reader gets following that programme until the read starts.
 */
let fx: AppFixture;
let audit: Awaited<ReturnType<typeof installAuditRefusal>>;
const client: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  audit = await installAuditRefusal(fx.tdb.db);
  for (const name of ['radiologist', 'clinic1', 'clinic2', 'assistant', 'admin'])
    client[name] = await signIn(fx.app, name);
});
afterAll(async () => fx?.close());

const list = async (who: string, query = '') => {
  const res = await client[who]!.request({ method: 'GET', url: `/api/portal/applicants${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ApplicantPage;
};
const rowOf = async (who: string, studyUid: string): Promise<ApplicantRow | undefined> =>
  (await list(who)).rows.find((r) => r.studyUid === studyUid);
const eventsOf = (requestId: unknown) =>
  fx.tdb.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'clinic_id', 'details'])
    .where('request_id', '=', String(requestId))
    .execute();

describe("today's applicants", () => {
  it("lists the caller's clinics' studies of today, each in the clinic's words, and audits the read", async () => {
    const own = await newTask(fx, 'DEMO1');
    const other = await newTask(fx, 'DEMO2');
    const res = await client.clinic1!.request({ method: 'GET', url: '/api/portal/applicants' });
    const page = res.json() as ApplicantPage;
    expect(page.rows.map((r) => r.studyUid)).toContain(own.studyUid);
    expect(page.rows.map((r) => r.studyUid)).not.toContain(other.studyUid);
    expect(res.body).not.toContain(other.studyUid);
    const row = page.rows.find((r) => r.studyUid === own.studyUid)!;
    expect(row).toMatchObject({
      state: 'received',
      clinicCode: 'DEMO1',
      clinicTimeZone: 'Asia/Manila',
      taskId: own.taskId,
      priority: 'routine',
      reportId: null,
      readStarted: false,
      clinicProgrammes: ['US', 'CA', 'AUNZ'],
    });
    expect(row.dueAt).not.toBeNull();
    const [event] = await eventsOf(res.headers['x-request-id']);
    expect(event).toMatchObject({ action: 'portal.applicants.list', outcome: 'success' });
    expect((event!.details as { studies: string[] }).studies).toContain(own.studyUid);
    // Centre staff see every clinic's.
    expect((await rowOf('assistant', other.studyUid))?.clinicCode).toBe('DEMO2');
  });

  it('follows the read: being read, then reported with the report to open', async () => {
    const { taskId, studyUid } = await newTask(fx, 'DEMO1');
    await claim(client.radiologist!, taskId);
    expect((await rowOf('clinic1', studyUid))?.state).toBe('being_read');
    expect((await rowOf('clinic1', studyUid))?.readStarted).toBe(true);
    await client.radiologist!.request({ method: 'POST', url: `/api/tasks/${taskId}/release` });
    const signed = await claimSaveSign(client.radiologist!, taskId, normalRead());
    expect(signed.statusCode, signed.body).toBe(200);
    const row = await rowOf('clinic1', studyUid);
    expect(row).toMatchObject({
      state: 'reported',
      reportId: signed.json().report.id,
      dueAt: null,
    });
  });

  it('shows a study without an applicant ID as needing attention', async () => {
    const { studyUid, studyId } = await newTask(fx, 'DEMO1');
    await fx.tdb.db
      .updateTable('studies')
      .set({ patient_id: '' })
      .where('id', '=', studyId)
      .execute();
    expect((await rowOf('clinic1', studyUid))?.state).toBe('needs_attention');
  });

  it('shows an open retake request as a retake requested, whatever the read', async () => {
    const { studyUid, studyId, taskId } = await newTask(fx, 'DEMO1');
    const [clinic, reader] = await Promise.all([
      fx.tdb.db
        .selectFrom('clinics')
        .select('id')
        .where('code', '=', 'DEMO1')
        .executeTakeFirstOrThrow(),
      fx.tdb.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'radiologist')
        .executeTakeFirstOrThrow(),
    ]);
    // The request alone, the read still queued: the clinic state reads the request.
    await fx.tdb.db
      .insertInto('retake_requests')
      .values({
        report_id: null,
        task_id: taskId,
        study_id: studyId,
        clinic_id: clinic.id,
        kind: 'extra_view',
        reasons: [],
        views: ['lateral'],
        note: null,
        requested_by: reader.id,
        requested_by_name: 'Dr Rosa Reyes',
        requested_at: new Date(),
      })
      .execute();
    expect((await rowOf('clinic1', studyUid))?.state).toBe('retake_requested');
  });

  it('searches by applicant ID or name across days, and by the day of arrival', async () => {
    const { studyUid, studyId } = await newTask(fx, 'DEMO1');
    const patientId = `SEARCH-${studyId.slice(0, 6)}`;
    await fx.tdb.db
      .updateTable('studies')
      .set({ patient_id: patientId, first_received_at: new Date('2026-03-04T02:00:00Z') })
      .where('id', '=', studyId)
      .execute();
    expect((await list('clinic1')).rows.map((r) => r.studyUid)).not.toContain(studyUid);
    const byId = await list('clinic1', `?q=${patientId.toLowerCase()}`);
    expect(byId.rows.map((r) => r.studyUid)).toEqual([studyUid]);
    expect(byId.total).toBe(1);
    // 02:00 UTC is 10:00 on the 4th in Manila.
    const byDay = await list('clinic1', '?date=2026-03-04');
    expect(byDay.rows.map((r) => r.studyUid)).toEqual([studyUid]);
    expect((await list('clinic1', '?date=2026-03-03')).rows).toEqual([]);
    expect((await list('clinic2', `?q=${patientId}`)).rows).toEqual([]);
    const paged = await list('clinic1', '?limit=1');
    expect(paged.rows).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
  });
});

describe('what a clinic asks of the reader', () => {
  it('keeps the clinical note, audited in its transaction, and shows it to the reader', async () => {
    const { studyUid } = await newTask(fx, 'DEMO1');
    const note = 'Cough for three weeks; treated for TB in 2019.';
    const res = await client.clinic1!.request({
      method: 'PUT',
      url: `/api/studies/${studyUid}/clinical-note`,
      payload: { note },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await eventsOf(res.headers['x-request-id'])).toMatchObject([
      { action: 'study.clinical_note', outcome: 'success' },
    ]);
    const seen = await client.radiologist!.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/request`,
    });
    expect(seen.json()).toMatchObject({ clinicalNote: note, priority: 'routine' });
    expect((await rowOf('clinic1', studyUid))?.clinicalNote).toBe(note);
  });

  it('shows the reader why the clinic marked the study urgent', async () => {
    const { studyUid, taskId } = await newTask(fx, 'DEMO1');
    const res = await client.clinic1!.request({
      method: 'PATCH',
      url: `/api/tasks/${taskId}`,
      payload: { priority: 'urgent', reason: 'Haemoptysis this morning' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const seen = await client.radiologist!.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/request`,
    });
    expect(seen.json()).toMatchObject({
      priority: 'urgent',
      priorityReason: 'Haemoptysis this morning',
    });
    const wl = await client.radiologist!.request({ method: 'GET', url: '/api/worklist' });
    const task = (wl.json().tasks as { id: string; priorityReason: string }[]).find(
      (t) => t.id === taskId,
    );
    expect(task?.priorityReason).toBe('Haemoptysis this morning');
  });

  it('gives the reader the chosen programme’s form, and refuses a change once the read started', async () => {
    const { studyUid, taskId } = await newTask(fx, 'DEMO1');
    const choose = (programme: string) =>
      client.clinic1!.request({
        method: 'PUT',
        url: `/api/studies/${studyUid}/programme`,
        payload: { programme },
      });
    expect((await choose('UK')).json().error.code).toBe('PROGRAMME_NOT_SERVED');
    const chosen = await choose('CA');
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ programme: 'CA' });
    await claim(client.radiologist!, taskId);
    const open = await client.radiologist!.request({
      method: 'GET',
      url: `/api/tasks/${taskId}/report`,
    });
    expect((open.json().forms as { programme: string }[]).map((f) => f.programme)).toEqual(['CA']);
    const late = await choose('US');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('PROGRAMME_READ_STARTED');
    expect((await rowOf('clinic1', studyUid))?.programme).toBe('CA');
  });

  it('times the read by the chosen programme’s SLA target, in the same transaction', async () => {
    const routing = (payload?: object) =>
      client.admin!.request({
        method: payload ? 'PUT' : 'GET',
        url: '/api/settings/routing',
        payload,
      });
    const saved = (await routing()).json();
    const put = await routing({
      ...saved,
      slaMinutes: { ...saved.slaMinutes, byProgramme: { US: 240, CA: 120, AUNZ: 600 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const { studyUid, taskId } = await newTask(fx, 'DEMO1');
      const task = () =>
        fx.tdb.db
          .selectFrom('reading_tasks')
          .select(['queued_at', 'due_at'])
          .where('id', '=', taskId)
          .executeTakeFirstOrThrow();
      const minutesDue = async () => {
        const t = await task();
        return (t.due_at!.getTime() - t.queued_at!.getTime()) / 60_000;
      };
      // Before any choice the strictest of the clinic's programmes applies (CA).
      expect(await minutesDue()).toBe(120);
      const choose = (programme: string) =>
        client.clinic1!.request({
          method: 'PUT',
          url: `/api/studies/${studyUid}/programme`,
          payload: { programme },
        });
      const us = await choose('US');
      expect(us.statusCode, us.body).toBe(200);
      expect(await minutesDue()).toBe(240);
      const [event] = await eventsOf(us.headers['x-request-id']);
      expect(event?.details).toMatchObject({
        from: null,
        to: 'US',
        dueAt: (await task()).due_at!.toISOString(),
      });
      expect((await choose('AUNZ')).statusCode).toBe(200);
      expect(await minutesDue()).toBe(600);
      // The portal's row shows the new due time.
      expect((await rowOf('clinic1', studyUid))?.dueAt).toBe((await task()).due_at!.toISOString());

      // A choice whose audit event cannot be written moves nothing.
      await audit.refuse('study.programme');
      try {
        expect((await choose('CA')).statusCode).toBe(503);
      } finally {
        await audit.allowAll();
      }
      expect(await minutesDue()).toBe(600);
    } finally {
      expect((await routing(saved)).statusCode).toBe(200);
    }
  });

  it("refuses another clinic's study as if it did not exist", async () => {
    const { studyUid } = await newTask(fx, 'DEMO2');
    for (const [method, url, payload] of [
      ['PUT', `/api/studies/${studyUid}/clinical-note`, { note: 'x' }],
      ['PUT', `/api/studies/${studyUid}/programme`, { programme: 'US' }],
      ['GET', `/api/studies/${studyUid}/request`, undefined],
    ] as const) {
      const res = await client.clinic1!.request({ method, url, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const stored = await fx.tdb.db.selectFrom('study_requests').selectAll().execute();
    expect(stored.map((r) => r.clinic_id)).not.toContain(
      (
        await fx.tdb.db
          .selectFrom('clinics')
          .select('id')
          .where('code', '=', 'DEMO2')
          .executeTakeFirstOrThrow()
      ).id,
    );
  });
});

describe('audit fails closed', () => {
  it('sends no applicant when the list’s read cannot be audited', async () => {
    const { studyUid } = await newTask(fx, 'DEMO1');
    await audit.refuse('portal.applicants.list');
    try {
      const res = await client.clinic1!.request({ method: 'GET', url: '/api/portal/applicants' });
      expect(res.statusCode).toBe(503);
      expect(res.body).not.toContain(studyUid);
    } finally {
      await audit.allowAll();
    }
  });

  it('keeps no note whose event cannot be written', async () => {
    const { studyUid, studyId } = await newTask(fx, 'DEMO1');
    await audit.refuse('study.clinical_note');
    try {
      const res = await client.clinic1!.request({
        method: 'PUT',
        url: `/api/studies/${studyUid}/clinical-note`,
        payload: { note: 'Night sweats.' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('AUDIT_UNAVAILABLE');
    } finally {
      await audit.allowAll();
    }
    const kept = await fx.tdb.db
      .selectFrom('study_requests')
      .select('clinical_note')
      .where('study_id', '=', studyId)
      .executeTakeFirst();
    expect(kept).toBeUndefined();
  });
});
