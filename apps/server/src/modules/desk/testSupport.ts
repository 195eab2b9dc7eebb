import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeskItem, DeskPage } from '@telerad/contracts';
import { expect } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { writeCxr, writeRealWorld, type RealWorldFile } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { releasedReport, type Released } from '../delivery/testSupport';
import { createPrimaryReadTask } from '../worklist';

/**
 * The assistant's desk with its real sources, for the desk's tests: a study without an applicant
 * ID and a flagged one (attention), a reading near its due time (due soon), a released report the
 * clinic has not opened, a retake not yet acknowledged, and a DEMO3 study the demo assistant does
 * not assist.
 */
export interface DeskWorld {
  fx: LiveAppFixture;
  dir: string;
  assistant: TestClient;
  noId: RealWorldFile;
  flagged: RealWorldFile;
  report: Released;
  dueTaskId: string;
  demo3NoIdUid: string;
  retakeUid: string;
  retakeId: string;
  clinicIds: Record<string, string>;
}

export const HOUR = 3_600_000;
export const ago = (ms: number) => new Date(Date.now() - ms);

/** A study's row by its UID. */
export const studyRow = (fx: LiveAppFixture, uid: string) =>
  fx.tdb.db
    .selectFrom('studies')
    .select(['id', 'stable_at', 'num_instances'])
    .where('study_uid', '=', uid)
    .executeTakeFirstOrThrow();

/** The desk as `client` sees it, with `query` (`?kind=…`). */
export async function deskPage(client: TestClient, query = ''): Promise<DeskPage> {
  const res = await client.request({ method: 'GET', url: `/api/desk${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DeskPage;
}

/** Items as `kind:studyUid`, for comparing a desk's order. */
export const deskKeys = (items: DeskItem[]) => items.map((i) => `${i.kind}:${i.studyUid}`);

/** Starts the live demo app and seeds the desk's world. */
export async function seedDeskWorld(): Promise<DeskWorld> {
  const fx = await liveAppWithDemo();
  const db = () => fx.tdb.db;
  const clinicIds: Record<string, string> = {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-desk-'));
  for (const c of await db().selectFrom('clinics').select(['id', 'code']).execute())
    clinicIds[c.code] = c.id;
  const assistant = await signIn(fx.app, 'assistant');

  // Released five hours ago, never opened by DEMO1.
  const report = await releasedReport(fx, await signIn(fx.app, 'radiologist'), 'DEMO1');
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
  const dueTaskId = task.taskId;
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
  const noId = writeRealWorld(dir, 'no-patient-id');
  const flagged = writeRealWorld(dir, 'ct-localizer');
  await fx.storeAs('DEMO1', noId.path);
  await fx.storeAs('DEMO2', flagged.path);
  for (const [uid, hours] of [
    [noId.studyUid, 3],
    [flagged.studyUid, 2],
  ] as const) {
    const s = await studyRow(fx, uid);
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
  const retakeUid = retake.studyInstanceUid;
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
  const retakeId = request.id;
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
  const demo3NoIdUid = demo3.studyInstanceUid;
  return {
    fx,
    dir,
    assistant,
    noId,
    flagged,
    report,
    dueTaskId,
    demo3NoIdUid,
    retakeUid,
    retakeId,
    clinicIds,
  };
}

/** Closes the app and removes the seeded files. */
export async function closeDeskWorld(w: DeskWorld | undefined): Promise<void> {
  await w?.fx.close();
  if (w) fs.rmSync(w.dir, { recursive: true, force: true });
}
