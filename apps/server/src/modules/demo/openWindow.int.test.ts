import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { claimTask, createPrimaryReadTask } from '../worklist';
import { ctxOf, demoIds, insertStudy, type DemoIds } from '../worklist/testSupport';
import { seedDemo } from './seed';

// The hour the demo was first walked through and failed: both centres closed (09:47 Sunday in
// Manila opens at 13:00; 04:47 Sunday in Nairobi opens at 13:00).
const sunday0147 = new Date('2026-03-08T01:47:00Z');
const clock = (now: Date) => ({ now, claimTimeoutSeconds: 120 });

describe('demo seeded at an hour when both centres are closed', () => {
  let tdb: TestDb;
  let ids: DemoIds;
  beforeAll(async () => {
    tdb = await createTestDb();
    await seedDemo(tdb.db, { openFrom: sunday0147 });
    ids = await demoIds(tdb.db);
  });
  afterAll(() => tdb.drop());

  const route = async (clinic: string, at: Date) => {
    const studyId = await insertStudy(tdb.db, ids.clinic[clinic]!, at);
    const r = await createPrimaryReadTask(
      tdb.db,
      { studyId, stableAt: at.toISOString(), numInstances: 1 },
      at,
    );
    if (r.outcome !== 'created') throw new Error(`task not created: ${r.outcome}`);
    return tdb.db
      .selectFrom('reading_tasks')
      .select(['id', 'state'])
      .where('id', '=', r.taskId)
      .executeTakeFirstOrThrow();
  };

  it('queues a sample task of each clinic, and the radiologist claims it at once', async () => {
    for (const clinic of ['DEMO1', 'DEMO2']) {
      const task = await route(clinic, sunday0147);
      expect(task.state).toBe('queued');
      const rad = ctxOf(tdb.db, ids.user['radiologist']!, ['radiologist']);
      const claimed = await claimTask(rad, task.id, clock(sunday0147));
      expect(claimed.state).toBe('in_progress');
    }
  });

  it('routes by service hours again once the window has passed', async () => {
    // A week later at the same hour both centres are closed, so the task waits as before.
    const nextSunday = new Date(sunday0147.getTime() + 7 * 86_400_000);
    expect((await route('DEMO1', nextSunday)).state).toBe('waiting');
    expect((await route('DEMO2', nextSunday)).state).toBe('waiting');
  });
});
