import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeskItem, DeskPage } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { writeCxr, writeRealWorld, type RealWorldFile } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { recordingSocket } from '../../testing/realtimeSocket';
import { releasedReport, type Released } from '../delivery/testSupport';
import { createPrimaryReadTask } from '../worklist';

/**
 * The assistant's desk with its real sources: a study without an applicant ID and a flagged one
 * (attention), a reading near its due time (due soon) and a released report the clinic has not
 * opened, merged across the assistant's clinics and sorted by how long each waited; its actions
 * (enter the ID, release a held study) and its live refresh over the WebSocket.
 */
let fx: LiveAppFixture;
let dir: string;
let assistant: TestClient;
let noId: RealWorldFile;
let flagged: RealWorldFile;
let report: Released;
let dueTaskId: string;
let demo3NoIdUid: string;
let retakeUid: string;
let retakeId: string;
const clinicIds: Record<string, string> = {};
const HOUR = 3_600_000;

const db = () => fx.tdb.db;
const studyRow = (uid: string) =>
  db()
    .selectFrom('studies')
    .select(['id', 'stable_at', 'num_instances'])
    .where('study_uid', '=', uid)
    .executeTakeFirstOrThrow();
const ago = (ms: number) => new Date(Date.now() - ms);

beforeAll(async () => {
  fx = await liveAppWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-desk-'));
  for (const c of await db().selectFrom('clinics').select(['id', 'code']).execute())
    clinicIds[c.code] = c.id;
  assistant = await signIn(fx.app, 'assistant');

  // Released five hours ago, never opened by DEMO1.
  report = await releasedReport(fx, await signIn(fx.app, 'radiologist'), 'DEMO1');
  await db()
    .updateTable('reports')
    .set({ released_at: ago(5 * HOUR) })
    .where('id', '=', report.reportId)
    .execute();

  // A DEMO2 reading created four hours ago, due in ten minutes.
  const due = await writeCxr(path.join(dir, 'due.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'OTIENO^JAMES', id: 'DUE-1' },
  });
  const dueStudy = await fx.storeAs('DEMO2', due.path);
  const task = await createPrimaryReadTask(
    db(),
    { studyId: dueStudy.studyId, stableAt: new Date().toISOString(), numInstances: 1 },
    new Date(),
  );
  if (task.outcome !== 'created') throw new Error(`no task: ${task.outcome}`);
  dueTaskId = task.taskId;
  await db()
    .updateTable('reading_tasks')
    .set({
      state: 'queued',
      created_at: ago(4 * HOUR),
      queued_at: ago(4 * HOUR),
      due_at: new Date(Date.now() + 600_000),
    })
    .where('id', '=', dueTaskId)
    .execute();

  // DEMO1: no applicant ID, flagged three hours ago. DEMO2: an incomplete header, two hours ago.
  noId = writeRealWorld(dir, 'no-patient-id');
  flagged = writeRealWorld(dir, 'ct-localizer');
  await fx.storeAs('DEMO1', noId.path);
  await fx.storeAs('DEMO2', flagged.path);
  for (const [uid, hours] of [
    [noId.studyUid, 3],
    [flagged.studyUid, 2],
  ] as const) {
    const s = await studyRow(uid);
    await db()
      .updateTable('study_flags')
      .set({ first_at: ago(hours * HOUR) })
      .where('study_id', '=', s.id)
      .execute();
    await db()
      .updateTable('studies')
      .set({ first_received_at: ago(hours * HOUR), stable_at: new Date() })
      .where('id', '=', s.id)
      .execute();
  }

  // DEMO1: a retake the reader asked for an hour ago, not yet acknowledged by the clinic.
  const retake = await writeCxr(path.join(dir, 'retake.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'KAMAU^PETER', id: 'RTK-1' },
  });
  retakeUid = retake.studyInstanceUid;
  const retakeStudy = await fx.storeAs('DEMO1', retake.path);
  const retakeTask = await createPrimaryReadTask(
    db(),
    { studyId: retakeStudy.studyId, stableAt: new Date().toISOString(), numInstances: 1 },
    new Date(),
  );
  if (retakeTask.outcome !== 'created') throw new Error(`no task: ${retakeTask.outcome}`);
  await db()
    .updateTable('reading_tasks')
    .set({ state: 'queued', queued_at: new Date() })
    .where('id', '=', retakeTask.taskId)
    .execute();
  const reader = await signIn(fx.app, 'radiologist');
  const claim = await reader.request({
    method: 'POST',
    url: `/api/tasks/${retakeTask.taskId}/claim`,
  });
  if (claim.statusCode !== 200) throw new Error(`claim: ${claim.body}`);
  const asked = await reader.request({
    method: 'POST',
    url: `/api/tasks/${retakeTask.taskId}/retake-requests`,
    payload: { kind: 'retake', reasons: ['under_exposed'], note: 'Please repeat the PA view' },
  });
  if (asked.statusCode !== 200) throw new Error(`retake: ${asked.body}`);
  const request = await db()
    .selectFrom('retake_requests')
    .select('id')
    .where('task_id', '=', retakeTask.taskId)
    .executeTakeFirstOrThrow();
  retakeId = request.id;
  await db()
    .updateTable('retake_requests')
    .set({ requested_at: ago(HOUR) })
    .where('id', '=', retakeId)
    .execute();

  // DEMO3, which the demo assistant does not assist: a study without an ID of its own.
  const demo3 = await writeCxr(path.join(dir, 'demo3.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
    patient: { name: 'NOID^DEMOTHREE', id: '' },
  });
  await fx.storeAs('DEMO3', demo3.path);
  demo3NoIdUid = demo3.studyInstanceUid;
});
afterAll(async () => {
  await fx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const desk = async (client: TestClient = assistant, query = '') => {
  const res = await client.request({ method: 'GET', url: `/api/desk${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DeskPage;
};
const keys = (items: DeskItem[]) => items.map((i) => `${i.kind}:${i.studyUid}`);

describe('the desk', () => {
  it("merges every source across the assistant's clinics, oldest first", async () => {
    const page = await desk();
    expect(keys(page.items)).toEqual([
      `report_unopened:${report.studyUid}`,
      `due_soon:${(await db().selectFrom('reading_tasks').innerJoin('studies', 'studies.id', 'reading_tasks.study_id').select('study_uid').where('reading_tasks.id', '=', dueTaskId).executeTakeFirstOrThrow()).study_uid}`,
      `attention:${noId.studyUid}`,
      `attention:${flagged.studyUid}`,
      `retake:${retakeUid}`,
    ]);
    const [opened, due, held, flags, retake] = page.items;
    expect(retake).toMatchObject({ id: retakeId, clinicId: clinicIds.DEMO1, patientId: 'RTK-1' });
    expect(opened).toMatchObject({ clinicId: clinicIds.DEMO1, patientId: `DLV-DEMO1-1` });
    expect(due).toMatchObject({
      clinicId: clinicIds.DEMO2,
      taskId: dueTaskId,
      priority: 'routine',
      patientName: 'OTIENO^JAMES',
      title: 'Reading due soon',
      dueAt: expect.any(String),
    });
    expect(held).toMatchObject({ held: 'identity', patientId: null });
    expect(held!.title).toMatch(/^No applicant ID.*waits outside the worklist$/);
    // Stable, with an ID and never read: held until someone releases it.
    expect(flags).toMatchObject({ held: 'flags', title: expect.stringMatching(/held/) });
    expect(page.counts).toMatchObject({
      attention: 2,
      due_soon: 1,
      report_unopened: 1,
      retake: 1,
    });
    expect(page.clinics.map((c) => c.code)).toEqual(['DEMO1', 'DEMO2']);
    expect(JSON.stringify(page)).not.toContain(demo3NoIdUid);
  });

  it('narrows by kind and by clinic, and refuses a clinic the assistant does not assist', async () => {
    const attention = await desk(assistant, '?kind=attention');
    expect(keys(attention.items)).toEqual([
      `attention:${noId.studyUid}`,
      `attention:${flagged.studyUid}`,
    ]);
    expect(attention.counts.report_unopened).toBe(1);
    const demo1 = await desk(assistant, `?clinicId=${clinicIds.DEMO1}`);
    expect(new Set(demo1.items.map((i) => i.clinicId))).toEqual(new Set([clinicIds.DEMO1]));
    const res = await assistant.request({
      method: 'GET',
      url: `/api/desk?clinicId=${clinicIds.DEMO3}`,
    });
    expect(res.statusCode).toBe(404);
  });

  it('shows support every clinic, narrowed by the clinic filter; clinic staff have no desk', async () => {
    const support = await signIn(fx.app, 'support');
    expect(keys((await desk(support)).items)).toContain(`attention:${demo3NoIdUid}`);
    const demo3 = await desk(support, `?clinicId=${clinicIds.DEMO3}`);
    expect(keys(demo3.items)).toEqual([`attention:${demo3NoIdUid}`]);
    const clinic = await signIn(fx.app, 'clinic1');
    expect((await clinic.request({ method: 'GET', url: '/api/desk' })).statusCode).toBe(403);
  });

  it('audits every look at the desk with the studies it showed', async () => {
    const res = await assistant.request({ method: 'GET', url: '/api/desk?kind=attention' });
    const event = await db()
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'details'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'desk.list', outcome: 'success' });
    expect((event.details as { studies: string[] }).studies).toEqual([
      noId.studyUid,
      flagged.studyUid,
    ]);
  });

  it("shows each clinic's contacts once an administrator recorded them", async () => {
    const admin = await signIn(fx.app, 'admin');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${clinicIds.DEMO1}`,
      payload: {
        contacts: [
          {
            name: 'Grace Wanjiru',
            role: 'Lead technician',
            phone: '+254 20 123 4567',
            email: 'grace@demo1.test',
            preferredHours: 'Mon–Fri 08:00–16:00',
          },
          { name: 'Front desk', phone: '+254 20 765 4321' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const bad = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${clinicIds.DEMO1}`,
      payload: { contacts: [{ name: 'X', phone: 'call me' }] },
    });
    expect(bad.statusCode).toBe(400);
    const demo1 = (await desk()).clinics.find((c) => c.code === 'DEMO1');
    expect(demo1?.contacts).toEqual([
      {
        name: 'Grace Wanjiru',
        role: 'Lead technician',
        phone: '+254 20 123 4567',
        email: 'grace@demo1.test',
        preferredHours: 'Mon–Fri 08:00–16:00',
      },
      { name: 'Front desk', role: '', phone: '+254 20 765 4321', email: null, preferredHours: '' },
    ]);
  });
});

describe('acting from the desk', () => {
  it('refuses to release a study without an applicant ID', async () => {
    const res = await assistant.request({
      method: 'POST',
      url: `/api/studies/${noId.studyUid}/release`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('STUDY_IDENTITY_REQUIRED');
  });

  it('enters the ID: the study leaves the desk for the worklist, and open desks hear of it', async () => {
    const socket = await recordingSocket<{ type: string; clinicId?: string }>(
      fx.wsBase,
      assistant.cookie,
      { label: 'assistant', defaultTimeoutMs: 5000 },
    );
    try {
      await socket.next((m) => m.type === 'hello');
      const res = await assistant.request({
        method: 'POST',
        url: `/api/studies/${noId.studyUid}/identity`,
        payload: { patientId: 'UKTB-4471', familyName: 'MWANGI', givenName: 'GRACE' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().worklist).toBe('created');
      const event = await socket.next((m) => m.type === 'desk.changed');
      expect(event.clinicId).toBe(clinicIds.DEMO1);
    } finally {
      socket.ws.close();
    }
    expect(keys((await desk()).items)).not.toContain(`attention:${noId.studyUid}`);
  });

  it('releases a held study to the worklist, audited, and it leaves the desk', async () => {
    const res = await assistant.request({
      method: 'POST',
      url: `/api/studies/${flagged.studyUid}/release`,
      payload: { note: 'Localizer header checked with the clinic' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ worklist: 'created' });
    const s = await studyRow(flagged.studyUid);
    const tasks = await db()
      .selectFrom('reading_tasks')
      .select('state')
      .where('study_id', '=', s.id)
      .execute();
    expect(tasks).toHaveLength(1);
    const event = await db()
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'clinic_id', 'resource_id'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(event).toEqual([
      {
        action: 'study.release',
        outcome: 'success',
        clinic_id: clinicIds.DEMO2,
        resource_id: flagged.studyUid,
      },
    ]);
    expect(keys((await desk()).items)).not.toContain(`attention:${flagged.studyUid}`);
    const again = await assistant.request({
      method: 'POST',
      url: `/api/studies/${flagged.studyUid}/release`,
      payload: {},
    });
    expect(again.json()).toEqual({ worklist: 'exists' });
  });

  it('raises the priority of a reading near its due time', async () => {
    const res = await assistant.request({
      method: 'PATCH',
      url: `/api/tasks/${dueTaskId}`,
      payload: { priority: 'urgent' },
    });
    expect(res.statusCode, res.body).toBe(200);
    // Its due time follows the new priority's target from when it was queued: long past.
    const due = (await desk(assistant, '?kind=due_soon')).items[0];
    expect(due).toMatchObject({ taskId: dueTaskId, priority: 'urgent', title: 'Reading overdue' });
  });

  it('chases a retake the clinic has not acknowledged', async () => {
    const res = await assistant.request({
      method: 'POST',
      url: `/api/retake-requests/${retakeId}/chase`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const item = (await desk(assistant, '?kind=retake')).items[0];
    expect(item).toMatchObject({ id: retakeId, detail: expect.stringContaining('chased 1×') });
  });

  it('hears of a critical result live: when it reaches the clinic and when the clinic acknowledges it', async () => {
    type Event = { type: string; source?: string };
    const critical = (m: Event) => m.type === 'desk.changed' && m.source === 'critical';
    const reader = await signIn(fx.app, 'radiologist');
    const flagged = await releasedReport(fx, reader, 'DEMO1');
    const socket = await recordingSocket<Event>(fx.wsBase, assistant.cookie, {
      label: 'assistant',
      defaultTimeoutMs: 5000,
    });
    try {
      await socket.next((m) => m.type === 'hello');
      const flag = await reader.request({
        method: 'POST',
        url: `/api/reports/${flagged.reportId}/critical`,
        payload: { category: 'tension_pneumothorax' },
      });
      expect(flag.statusCode, flag.body).toBe(200);
      await socket.next(critical);
      const item = (await desk(assistant, '?kind=critical')).items.find(
        (i) => i.studyUid === flagged.studyUid,
      );
      expect(item).toBeDefined();
      const clinic = await signIn(fx.app, 'clinic1');
      const ack = await clinic.request({
        method: 'POST',
        url: `/api/critical-results/${item!.id}/acknowledge`,
      });
      expect(ack.statusCode, ack.body).toBe(200);
      await socket.next(() => socket.seen.filter(critical).length >= 2);
    } finally {
      socket.ws.close();
    }
    const left = (await desk(assistant, '?kind=critical')).items;
    expect(left.find((i) => i.studyUid === flagged.studyUid)).toBeUndefined();
    // The clinic opens the report too, so it does not wait on the desk as unopened.
    const clinic = await signIn(fx.app, 'clinic1');
    const opened = await clinic.request({ method: 'GET', url: `/api/reports/${flagged.reportId}` });
    expect(opened.statusCode, opened.body).toBe(200);
  });

  it('drops a report from the desk once the clinic opens it, live', async () => {
    const socket = await recordingSocket<{ type: string; source?: string }>(
      fx.wsBase,
      assistant.cookie,
      { label: 'assistant', defaultTimeoutMs: 5000 },
    );
    try {
      await socket.next((m) => m.type === 'hello');
      const clinic = await signIn(fx.app, 'clinic1');
      const res = await clinic.request({ method: 'GET', url: `/api/reports/${report.reportId}` });
      expect(res.statusCode, res.body).toBe(200);
      await socket.next((m) => m.type === 'desk.changed' && m.source === 'report_unopened');
    } finally {
      socket.ws.close();
    }
    expect((await desk()).counts.report_unopened).toBe(0);
  });
});
