/**
 * A primary read held for consultation, as every list shows it: one status derived by the
 * worklist (`held_for_consultation`), one row per study for the clinic, and a claim refusal
 * that says why.
 */
import type { StudySummary, WorklistTask } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { cavityRead, claim, claimSaveSign, newTask } from './testSupport';

let fx: AppFixture;
const client: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'consultant', 'clinic1'])
    client[name] = await signIn(fx.app, name);
});
afterAll(async () => fx?.close());

async function worklistOf(c: TestClient, studyUid: string): Promise<WorklistTask[]> {
  const res = await c.request({ method: 'GET', url: '/api/worklist?state=all' });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().tasks as WorklistTask[]).filter((t) => t.studyUid === studyUid);
}

async function studyOf(c: TestClient, studyUid: string): Promise<StudySummary> {
  const res = await c.request({ method: 'GET', url: `/api/studies/${studyUid}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().study as StudySummary;
}

async function listedStudy(c: TestClient, studyUid: string): Promise<StudySummary | undefined> {
  const res = await c.request({ method: 'GET', url: '/api/studies?limit=200' });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().studies as StudySummary[]).find((s) => s.studyUid === studyUid);
}

describe('a read held for consultation', () => {
  it('reads as held everywhere, is one row for the clinic, and refuses a claim with its reason', async () => {
    const { taskId, studyUid } = await newTask(fx, 'DEMO1');
    // Before the read: queued on every list.
    expect((await studyOf(client.clinic1!, studyUid)).readingStatus).toBe('queued');
    const signed = await claimSaveSign(client.radiologist!, taskId, cavityRead());
    expect(signed.json().outcome).toBe('pending_consultation');
    const consultId = signed.json().consultationTaskId as string;

    // Staff: two rows, each with its type; the primary read is held, not in progress.
    const staff = await worklistOf(client.consultant!, studyUid);
    const byId = new Map(staff.map((t) => [t.id, t]));
    expect(byId.get(taskId)).toMatchObject({
      type: 'primary_read',
      state: 'in_progress',
      status: 'held_for_consultation',
    });
    expect(byId.get(consultId)).toMatchObject({
      type: 'consultation',
      state: 'queued',
      status: 'queued',
    });
    // A held read keeps its due time: the SLA clock runs on until the report is released.
    expect(byId.get(taskId)!.dueAt).not.toBeNull();

    // Held is not "In progress": the in-progress filter and count leave it out.
    const busy = await client.consultant!.request({
      method: 'GET',
      url: '/api/worklist?state=in_progress',
    });
    expect(busy.json().tasks.map((t: WorklistTask) => t.id)).not.toContain(taskId);
    const before = busy.json().counts.inProgress as number;
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ state: 'cancelled' })
      .where('id', '=', consultId)
      .execute();
    const unheld = await client.consultant!.request({ method: 'GET', url: '/api/worklist' });
    expect(unheld.json().counts.inProgress).toBe(before + 1);
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ state: 'queued' })
      .where('id', '=', consultId)
      .execute();

    // The clinic: one row for the study, its primary read, held.
    const clinic = await worklistOf(client.clinic1!, studyUid);
    expect(clinic.map((t) => [t.id, t.status])).toEqual([[taskId, 'held_for_consultation']]);

    // The study page and the studies list say the same.
    expect((await studyOf(client.clinic1!, studyUid)).readingStatus).toBe('held_for_consultation');
    expect((await listedStudy(client.consultant!, studyUid))?.readingStatus).toBe(
      'held_for_consultation',
    );

    // Opening the held read: refused with a reason of its own, naming its reader.
    const refused = await client.consultant!.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/claim`,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'TASK_HELD_FOR_CONSULTATION',
      details: { readerName: 'Dr Rosa Reyes' },
    });

    // Settled: the consultant concurs, and every list shows the study as completed.
    await claim(client.consultant!, consultId);
    const concur = await client.consultant!.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/concur`,
      payload: {},
    });
    expect(concur.statusCode, concur.body).toBe(200);
    expect((await studyOf(client.clinic1!, studyUid)).readingStatus).toBe('completed');
    expect((await worklistOf(client.clinic1!, studyUid)).map((t) => t.status)).toEqual([
      'completed',
    ]);
  });
});
