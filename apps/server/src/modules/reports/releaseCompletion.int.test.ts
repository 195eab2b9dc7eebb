import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppDeps } from '../../app';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { setTaskEventSink } from '../worklist';
import { REPORT_RELEASED_QUEUE, type ReportReleasedJob } from '.';
import { releaseFaults } from './release';
import { cavityRead, claim, claimSaveSign, newTask, normalRead, save } from './testSupport';

let fx: AppFixture;
const client: Record<string, TestClient> = {};
/** Each published task event, with the task's state as a fresh connection saw it then. */
const published: { type: string; taskId: string; stateSeen: string }[] = [];

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'consultant']) client[name] = await signIn(fx.app, name);
  setTaskEventSink(async (e) => {
    const t = await fx.tdb.db
      .selectFrom('reading_tasks')
      .select('state')
      .where('id', '=', e.taskId)
      .executeTakeFirstOrThrow();
    published.push({ ...e, stateSeen: t.state });
  });
});
afterEach(() => {
  releaseFaults.afterRelease = null;
});
afterAll(async () => {
  setTaskEventSink(null);
  await fx?.close();
});

/** Arms the fault: the release's transaction fails after the report is released. */
const failBetweenReleaseAndCompletion = () => {
  releaseFaults.afterRelease = () => {
    throw new Error('injected fault between release and task completion');
  };
};

/** The report of a primary read: state, released version and release time. */
const reportOf = (taskId: string) =>
  fx.tdb.db
    .selectFrom('reports')
    .select(['id', 'state', 'current_version', 'released_at'])
    .where('task_id', '=', taskId)
    .executeTakeFirstOrThrow();

const taskOf = (id: string) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select(['state', 'assignee_id', 'completed_at', 'turnaround_minutes'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** How many `task.complete` audit events a task has. */
const completions = async (taskId: string) =>
  (
    await fx.tdb.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'task.complete')
      .where('resource_id', '=', taskId)
      .execute()
  ).length;

/** The `report.released` jobs waiting in the queue for `reportId` (fetching takes them). */
async function releasedJobs(reportId: string): Promise<ReportReleasedJob[]> {
  const got = await fx.jobs.fetch<ReportReleasedJob>(REPORT_RELEASED_QUEUE, { batchSize: 50 });
  return got.map((j) => j.data).filter((j) => j.reportId === reportId);
}

const completedEvents = (taskId: string) =>
  published.filter((e) => e.type === 'task.completed' && e.taskId === taskId);

describe('release and task completion commit together', () => {
  it('a failure between them leaves neither; the retry releases and completes once', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const r = client.radiologist!;
    await claim(r, taskId);
    const saved = await save(r, taskId, normalRead(), 0);
    const revision = saved.json().report.revision as number;
    const sign = () =>
      r.request({ method: 'POST', url: `/api/tasks/${taskId}/report/sign`, payload: { revision } });

    failBetweenReleaseAndCompletion();
    expect((await sign()).statusCode).toBe(500);
    const report = await reportOf(taskId);
    // Neither step stays: the draft is as it was, the read still the signer's, no job, no event.
    expect(report).toMatchObject({ state: 'draft', current_version: 0, released_at: null });
    expect(await taskOf(taskId)).toMatchObject({ state: 'in_progress', completed_at: null });
    expect(await completions(taskId)).toBe(0);
    expect(await releasedJobs(report.id)).toEqual([]);
    expect(completedEvents(taskId)).toEqual([]);

    releaseFaults.afterRelease = null;
    const retried = await sign();
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().outcome).toBe('released');
    expect(await reportOf(taskId)).toMatchObject({ state: 'final', current_version: 1 });
    const done = await taskOf(taskId);
    expect(done.state).toBe('completed');
    expect(done.turnaround_minutes).not.toBeNull();
    expect(await completions(taskId)).toBe(1);
    expect(await releasedJobs(report.id)).toEqual([{ reportId: report.id, version: 1 }]);
    // Published after the commit: the event's listener already sees the task completed.
    expect(completedEvents(taskId)).toEqual([
      { type: 'task.completed', taskId, stateSeen: 'completed' },
    ]);

    // Signing again changes nothing: the task is closed and completed once.
    const again = await sign();
    expect(again.json().error.code).toBe('TASK_CLOSED');
    expect(await completions(taskId)).toBe(1);
    expect((await taskOf(taskId)).completed_at).toEqual(done.completed_at);
  });

  it('a consultant’s concur: a failure leaves the report held and both tasks open', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, taskId, cavityRead());
    expect(signed.json().outcome).toBe('pending_consultation');
    const consultId = signed.json().consultationTaskId as string;
    const c = client.consultant!;
    await claim(c, consultId);
    const concur = () =>
      c.request({ method: 'POST', url: `/api/consultations/${consultId}/concur`, payload: {} });

    failBetweenReleaseAndCompletion();
    expect((await concur()).statusCode).toBe(500);
    const report = await reportOf(taskId);
    expect(report).toMatchObject({ state: 'pending_consultation', current_version: 0 });
    expect((await taskOf(taskId)).state).toBe('in_progress');
    expect((await taskOf(consultId)).state).toBe('in_progress');
    expect(await releasedJobs(report.id)).toEqual([]);

    releaseFaults.afterRelease = null;
    const retried = await concur();
    expect(retried.statusCode, retried.body).toBe(200);
    expect(await reportOf(taskId)).toMatchObject({ state: 'final', current_version: 2 });
    for (const id of [taskId, consultId]) {
      expect((await taskOf(id)).state).toBe('completed');
      expect(await completions(id)).toBe(1);
      expect(completedEvents(id)).toEqual([
        { type: 'task.completed', taskId: id, stateSeen: 'completed' },
      ]);
    }
    expect(await releasedJobs(report.id)).toEqual([{ reportId: report.id, version: 2 }]);
  });
});

describe('a process that releases reports', () => {
  it('is refused at build without a job queue, instead of releasing with no delivery', async () => {
    const deps = {
      config: {
        dataDir: fx.dataDir,
        secureCookies: false,
        webDir: '/nonexistent',
        archive: { minFreeBytes: 0, maxObjectBytes: 1 << 20, stableSeconds: 1 },
      },
      db: fx.tdb.db,
      storage: fx.storage,
    };
    // The type already requires `jobs`; a caller that gets past it (plain JS, a cast) fails here.
    await expect(buildApp(deps as unknown as AppDeps)).rejects.toThrow(
      'buildApp needs the started job queue',
    );
  });
});
