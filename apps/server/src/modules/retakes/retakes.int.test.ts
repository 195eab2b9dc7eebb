import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { writeClinicSr } from '../../testing/dicom/clinicSr';
import { signIn, type TestClient } from '../../testing/http';
import { markStableStudies } from '../ingest';
import { claim, normalRead, OPEN, save } from '../reports/testSupport';
import { createPrimaryReadTask, reconcileStableStudies } from '../worklist';
import { chaseRetake, listRetakeDeskItems, retakeRates } from '.';

/**
 * Retakes and extra views end to end on the server: the reader asks from the reading screen, the
 * clinic is told and acknowledges by name, an assistant chases, new images join the same study
 * through the one ingest path, and the stable-study hand-off (or the reconciliation sweep, when
 * it was missed) queues the read again, which keeps its first arrival for turnaround.
 */
let fx: AppFixture;
const client: Record<string, TestClient> = {};
let demo1: string;
let demo2: string;
let seq = 0;

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'radiologist2', 'assistant', 'qa', 'clinic1', 'clinic2'])
    client[name] = await signIn(fx.app, name);
  const clinics = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  demo1 = clinics.find((c) => c.code === 'DEMO1')!.id;
  demo2 = clinics.find((c) => c.code === 'DEMO2')!.id;
});
afterAll(async () => fx?.close());

const task = (id: string) =>
  fx.tdb.db.selectFrom('reading_tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** One more image of a study (or of a new one), stored through the one ingest path as DEMO1. */
async function store(studyUid?: string) {
  seq++;
  const file = await writeCxr(path.join(fx.dataDir, `retake-${seq}.dcm`), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'RETAKE^APPLICANT', id: 'RETAKE-1' },
    ...(studyUid ? { study: { studyInstanceUid: studyUid } } : {}),
  });
  return fx.storeAs('DEMO1', file.path);
}

/** A DEMO1 study stored and read: its primary read queued at OPEN, claimed by the radiologist. */
async function claimedRead(): Promise<{ taskId: string; studyId: string; studyUid: string }> {
  const stored = await store();
  const r = await createPrimaryReadTask(
    fx.tdb.db,
    { studyId: stored.studyId, stableAt: OPEN.toISOString(), numInstances: 1 },
    OPEN,
  );
  if (r.outcome !== 'created') throw new Error(r.outcome);
  await claim(client.radiologist!, r.taskId);
  return { taskId: r.taskId, studyId: stored.studyId, studyUid: stored.studyUid };
}

const ask = (c: TestClient, taskId: string, payload: object) =>
  c.request({ method: 'POST', url: `/api/tasks/${taskId}/retake-requests`, payload });

const openRetake = async (studyId: string) =>
  (
    await sql<{ open: boolean }>`select study_has_open_retake(${studyId}::uuid) as open`.execute(
      fx.tdb.db,
    )
  ).rows[0]!.open;

/** Notifications of `kind` about `taskId`, by recipient username. */
const told = async (kind: string, taskId: string) =>
  (
    await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title', 'n.body'])
      .where('n.kind', '=', kind)
      .where('n.task_id', '=', taskId)
      .execute()
  ).sort((a, b) => a.username.localeCompare(b.username));

/** New images arrive and the study becomes stable: the sweep marks it, its event is returned. */
async function newImagesStable(studyUid: string, studyId: string) {
  const again = await store(studyUid);
  expect(again).toMatchObject({ outcome: 'stored', studyId });
  const [event] = (await markStableStudies(fx.tdb.db, -5)).filter((e) => e.studyId === studyId);
  expect(event).toBeDefined();
  return event!;
}

describe('a retake asked from the reading screen', () => {
  it('holds the read, tells the clinic, is acknowledged by name, and re-queues on new images keeping the first arrival', async () => {
    const { taskId, studyId, studyUid } = await claimedRead();
    const first = await task(taskId);
    expect(first.queued_at).toEqual(OPEN);

    // Only the claimant asks; a retake needs a reason.
    const other = await ask(client.radiologist2!, taskId, { kind: 'retake', reasons: ['motion'] });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('RETAKE_NOT_CLAIMANT');
    const empty = await ask(client.radiologist!, taskId, { kind: 'retake', reasons: [] });
    expect(empty.statusCode).toBe(400);

    const asked = await ask(client.radiologist!, taskId, {
      kind: 'retake',
      reasons: ['under_exposed', 'motion'],
      note: 'Too dark, and the applicant moved.',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const request = asked.json().request;
    expect(request).toMatchObject({
      kind: 'retake',
      reportId: null,
      studyUid,
      reasonLabels: ['Under-exposed', 'Motion'],
      note: 'Too dark, and the applicant moved.',
      requestedBy: 'Dr Rosa Reyes',
      acknowledgedAt: null,
      fulfilledAt: null,
    });
    expect(await task(taskId)).toMatchObject({ state: 'awaiting_images', assignee_id: null });
    expect(await openRetake(studyId)).toBe(true);
    // The clinic and its assistant are told, in the same transaction as the request.
    const notices = await told('retake.requested', taskId);
    expect(notices.map((n) => n.username)).toEqual(['assistant', 'clinic1']);
    expect(notices[0]!.body).toContain('under-exposed, motion');

    // The clinic sees it on the study page; the other clinic does not.
    const shown = await client.clinic1!.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/reports`,
    });
    expect(shown.json().retakes[0]).toMatchObject({ id: request.id, acknowledgedBy: null });

    // The desk: not acknowledged, in DEMO1's list only.
    const now = new Date(Date.now() + 1000);
    let desk = await listRetakeDeskItems(fx.tdb.db, { clinicIds: [demo1], now });
    expect(desk.find((d) => d.id === request.id)).toMatchObject({
      kind: 'retake',
      studyUid,
      patientId: 'RETAKE-1',
      title: 'Retake not acknowledged: under-exposed, motion',
      link: `/studies/${studyUid}`,
    });
    expect(
      (await listRetakeDeskItems(fx.tdb.db, { clinicIds: [demo2], now })).map((d) => d.id),
    ).not.toContain(request.id);

    // The assistant chases: the clinic is reminded, once per chase.
    const chased = await client.assistant!.request({
      method: 'POST',
      url: `/api/retake-requests/${request.id}/chase`,
    });
    expect(chased.statusCode, chased.body).toBe(200);
    expect(chased.json().request.chaseCount).toBe(1);
    expect((await told('retake.reminder', taskId)).map((n) => n.username)).toEqual(['clinic1']);

    // Another clinic's user cannot acknowledge it; its own clinic user can, by name.
    const foreign = await client.clinic2!.request({
      method: 'POST',
      url: `/api/retake-requests/${request.id}/acknowledge`,
    });
    expect(foreign.statusCode).toBe(404);
    const ack = await client.clinic1!.request({
      method: 'POST',
      url: `/api/retake-requests/${request.id}/acknowledge`,
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().request.acknowledgedBy).toBe('Clinic One Technician');
    expect(ack.json().request.acknowledgedAt).not.toBeNull();
    desk = await listRetakeDeskItems(fx.tdb.db, { clinicIds: [demo1], now: new Date() });
    expect(desk.find((d) => d.id === request.id)?.title).toBe(
      'Retake acknowledged, no new images yet: under-exposed, motion',
    );

    // New images join the same study through the one ingest path; the study becomes stable and
    // its stable event reaches the worklist: the read is queued again.
    const event = await newImagesStable(studyUid, studyId);
    const requeuedAt = new Date(Date.now() + 2000);
    expect(await createPrimaryReadTask(fx.tdb.db, event, requeuedAt)).toEqual({
      outcome: 'exists',
      taskId,
    });
    const back = await task(taskId);
    expect(back).toMatchObject({ state: 'queued', first_queued_at: OPEN });
    expect(back.queued_at).toEqual(requeuedAt);
    expect(await openRetake(studyId)).toBe(false);
    desk = await listRetakeDeskItems(fx.tdb.db, { clinicIds: [demo1], now: new Date() });
    expect(desk.map((d) => d.id)).not.toContain(request.id);
    const settled = await client.assistant!.request({
      method: 'POST',
      url: `/api/retake-requests/${request.id}/chase`,
    });
    expect(settled.json().error.code).toBe('RETAKE_SETTLED');

    // Read and signed: turnaround runs from the first arrival, not from the re-queue.
    await claim(client.radiologist2!, taskId);
    const saved = await save(client.radiologist2!, taskId, normalRead(), 0);
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await client.radiologist2!.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/report/sign`,
      payload: { revision: saved.json().report.revision },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const done = await task(taskId);
    expect(done.state).toBe('completed');
    const fromFirst = (done.completed_at!.getTime() - OPEN.getTime()) / 60_000;
    expect(Number(done.turnaround_minutes)).toBeCloseTo(fromFirst, 1);
    expect(Number(done.turnaround_minutes)).toBeGreaterThan(
      (done.completed_at!.getTime() - requeuedAt.getTime()) / 60_000 + 60,
    );
  });

  it('asks for extra views as its own request type', async () => {
    const { taskId } = await claimedRead();
    const asked = await ask(client.radiologist!, taskId, {
      kind: 'extra_view',
      views: ['lateral', 'decubitus'],
      note: 'Effusion or thickening?',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().request).toMatchObject({
      kind: 'extra_view',
      views: ['lateral', 'decubitus'],
      viewLabels: ['Lateral', 'Decubitus'],
      reasons: [],
    });
    const [n] = await told('extra_view.requested', taskId);
    expect(n!.body).toContain('send it with the same study: lateral, decubitus.');
    expect((await task(taskId)).state).toBe('awaiting_images');
  });

  it('does not take a clinic’s SR for the images it asked for', async () => {
    const { taskId, studyId, studyUid } = await claimedRead();
    expect(
      (await ask(client.radiologist!, taskId, { kind: 'retake', reasons: ['motion'] })).statusCode,
    ).toBe(200);
    // The clinic sends its own read of the study as an SR: the study is stable again, the read
    // stays held, by the hand-off and by the repair sweep alike.
    seq++;
    const image = await writeCxr(path.join(fx.dataDir, `retake-${seq}.dcm`), 'explicitLE', {
      rows: 16,
      columns: 16,
      patient: { name: 'RETAKE^APPLICANT', id: 'RETAKE-1' },
      study: { studyInstanceUid: studyUid },
    });
    const sr = path.join(fx.dataDir, `retake-${seq}-sr.dcm`);
    writeClinicSr(image.path, sr, { impression: 'Clinic read.' });
    expect(await fx.storeAs('DEMO1', sr)).toMatchObject({ outcome: 'stored', studyId });
    const [event] = (await markStableStudies(fx.tdb.db, -5)).filter((e) => e.studyId === studyId);
    expect(await createPrimaryReadTask(fx.tdb.db, event!, new Date())).toMatchObject({
      outcome: 'exists',
      taskId,
    });
    const log = pino({ level: 'silent' });
    const r = await reconcileStableStudies(fx.tdb.db, { cursor: null, log, graceSeconds: -5 });
    expect(r.requeued).not.toContain(taskId);
    expect((await task(taskId)).state).toBe('awaiting_images');
    expect(await openRetake(studyId)).toBe(true);
    // The images come: the read is queued again.
    const images = await newImagesStable(studyUid, studyId);
    await createPrimaryReadTask(fx.tdb.db, images, new Date());
    expect((await task(taskId)).state).toBe('queued');
  });

  it('is re-queued by the reconciliation sweep when the re-queue after new images was missed', async () => {
    const { taskId, studyId, studyUid } = await claimedRead();
    expect(
      (await ask(client.radiologist!, taskId, { kind: 'retake', reasons: ['artefacts'] }))
        .statusCode,
    ).toBe(200);
    // New images, the study stable again, but its event never reached the worklist.
    await newImagesStable(studyUid, studyId);
    expect((await task(taskId)).state).toBe('awaiting_images');
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(s) });
    const r = await reconcileStableStudies(fx.tdb.db, { cursor: null, log, graceSeconds: -5 });
    expect(r.requeued).toContain(taskId);
    expect(await task(taskId)).toMatchObject({ state: 'queued', first_queued_at: OPEN });
    expect(lines.join('')).toMatch(/not queued again when they arrived/);
    // Once repaired, a second pass finds nothing to do.
    const again = await reconcileStableStudies(fx.tdb.db, { cursor: null, log, graceSeconds: -5 });
    expect(again.requeued).not.toContain(taskId);
  });

  it('rolls the request back when its audit event cannot be written', async () => {
    const { taskId } = await claimedRead();
    await sql`create or replace function retake_audit_refuse() returns trigger language plpgsql as $$
      begin
        if new.action = 'retake.request' and new.outcome = 'success' then
          raise exception 'audit refused for test';
        end if;
        return new;
      end $$`.execute(fx.tdb.db);
    await sql`create trigger retake_audit_refuse before insert on audit_events
      for each row execute function retake_audit_refuse()`.execute(fx.tdb.db);
    const res = await ask(client.radiologist!, taskId, { kind: 'retake', reasons: ['motion'] });
    await sql`drop trigger retake_audit_refuse on audit_events`.execute(fx.tdb.db);
    expect(res.statusCode).toBe(503);
    expect(await task(taskId)).toMatchObject({ state: 'in_progress' });
    const rows = await fx.tdb.db
      .selectFrom('retake_requests')
      .select('id')
      .where('task_id', '=', taskId)
      .execute();
    expect(rows).toEqual([]);
    expect(await told('retake.requested', taskId)).toEqual([]);

    // Written, the event commits with the request in one transaction.
    const ok = await ask(client.radiologist!, taskId, { kind: 'retake', reasons: ['motion'] });
    expect(ok.statusCode, ok.body).toBe(200);
    const { same } = (
      await sql<{ same: boolean }>`
        select (select xmin from retake_requests where id = ${ok.json().request.id})::text
          = (select xmin from audit_events where request_id = ${String(ok.headers['x-request-id'])}
             and action = 'retake.request')::text as same`.execute(fx.tdb.db)
    ).rows[0]!;
    expect(same).toBe(true);
  });
});

describe('chasing from the desk', () => {
  it('reminds the clinic and writes its own audit event in the same transaction', async () => {
    const { taskId } = await claimedRead();
    const asked = await ask(client.radiologist!, taskId, { kind: 'retake', reasons: ['motion'] });
    const id = asked.json().request.id as string;
    const assistant = await fx.tdb.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name'])
      .where('username', '=', 'assistant')
      .executeTakeFirstOrThrow();
    // The desk's own context: no route-planned event.
    const chased = await chaseRetake(
      {
        actor: {
          userId: assistant.id,
          username: assistant.username,
          displayName: assistant.display_name,
          roles: ['assistant'],
          clinicIds: [],
          via: 'session',
        },
        requestId: 'desk-chase-test',
        ip: null,
        db: fx.tdb.db,
      },
      id,
    );
    expect(chased.chaseCount).toBe(1);
    expect((await told('retake.reminder', taskId)).map((n) => n.username)).toEqual(['clinic1']);
    const { rows } = await sql<{ same: boolean; action: string; clinic: string }>`
      select e.action, e.clinic_id::text as clinic,
        (select xmin from retake_requests where id = ${id})::text = e.xmin::text as same
      from audit_events e where e.request_id = 'desk-chase-test'`.execute(fx.tdb.db);
    expect(rows).toEqual([{ action: 'retake.chase', clinic: demo1, same: true }]);
  });
});

describe('the retake rate', () => {
  it('counts requests per clinic, reason and day over the studies received that day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const rates = await retakeRates(fx.tdb.db, { scope: 'all', from: today, to: today });
    const { rows } = await sql<{ requests: number; studies: number }>`
      select
        (select count(*)::int from retake_requests
          where clinic_id = ${demo1} and kind = 'retake' and 'motion' = any(reasons)
            and (requested_at at time zone 'UTC')::date = ${today}::date) as requests,
        (select count(*)::int from studies
          where clinic_id = ${demo1}
            and (first_received_at at time zone 'UTC')::date = ${today}::date) as studies`.execute(
      fx.tdb.db,
    );
    const motion = rates.find(
      (r) => r.clinicId === demo1 && r.kind === 'retake' && r.reason === 'motion',
    );
    expect(rows[0]!.requests).toBeGreaterThan(0);
    expect(motion).toMatchObject({
      day: today,
      clinicCode: 'DEMO1',
      requests: rows[0]!.requests,
      studies: rows[0]!.studies,
    });
    expect(motion!.rate).toBeCloseTo(rows[0]!.requests / rows[0]!.studies, 3);
    expect(rates.find((r) => r.kind === 'extra_view' && r.reason === 'lateral')).toBeDefined();

    // Through the API, a clinic user's scope: none of DEMO1's rows reach DEMO2.
    const res = await client.qa!.request({
      method: 'GET',
      url: `/api/retake-rates?from=${today}&to=${today}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rates.length).toBe(rates.length);
  });
});
