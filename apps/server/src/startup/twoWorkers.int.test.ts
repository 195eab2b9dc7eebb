import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../platform/db';
import { createTestDb, type TestDb } from '../testing/testDb';
import { seedDemo } from '../modules/demo';
import { STUDY_STABLE_QUEUE, sweepStableStudies, type StudyStableEvent } from '../modules/ingest';
import { startStudyIntake, sweepTasks, type StudyIntake } from '../modules/worklist';
import {
  demoIds,
  insertStudy,
  newTask,
  resetWorklist,
  type DemoIds,
} from '../modules/worklist/testSupport';

/**
 * Two worker nodes over one backlog (docs/adr/0047): each "node" has its own connection pool and
 * its own pg-boss, as two processes would; only the database is shared. The sweeps of both run
 * at the same moment, round after round, and every piece of work must be done exactly once.
 */
let tdb: TestDb;
let ids: DemoIds;
let nodes: { db: Db; boss: PgBoss; intake?: StudyIntake }[];
const extraPools: { db: Db }[] = [];

async function startBoss(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 3 });
  boss.on('error', () => undefined);
  await boss.start();
  return boss;
}

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  ids = await demoIds(tdb.db);
  const other = createDb(tdb.url, 10);
  extraPools.push(other);
  nodes = [
    { db: tdb.db, boss: await startBoss(tdb.url) },
    { db: other.db, boss: await startBoss(tdb.url) },
  ];
});
afterAll(async () => {
  for (const n of nodes ?? []) {
    await n.intake?.stop();
    await n.boss.stop({ graceful: true, timeout: 5000 });
  }
  for (const p of extraPools) await p.db.destroy();
  await tdb?.drop();
});
beforeEach(async () => {
  await resetWorklist(tdb.db);
});

/** Waits (bounded) until `cond` holds; the assertions come after, never on time. */
async function until(what: string, cond: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `sweep` on both nodes at once, `rounds` times; returns what each round gave each node. */
async function together<T>(rounds: number, sweep: (db: Db, boss: PgBoss) => Promise<T>) {
  const results: T[] = [];
  for (let i = 0; i < rounds; i++)
    results.push(...(await Promise.all(nodes.map((n) => sweep(n.db, n.boss)))));
  return results;
}

describe('two worker nodes on one database', () => {
  it('a quiet study is marked stable once, queued once and gets one primary read', async () => {
    const at = new Date(Date.now() - 60_000);
    const studies: string[] = [];
    for (let i = 0; i < 40; i++) studies.push(await insertStudy(tdb.db, ids.clinic.DEMO1!, at));
    await tdb.db
      .updateTable('studies')
      .set({ stable_at: null })
      .where('id', 'in', studies)
      .execute();

    // Both nodes work the queue and take the fast path, as startWorkerRole wires them.
    const log = pino({ level: 'silent' });
    for (const n of nodes)
      n.intake = await startStudyIntake({
        db: n.db,
        boss: n.boss,
        log,
        reconcileIntervalMs: 3_600_000,
      });
    const marked: StudyStableEvent[] = [];
    await together(5, async (db, boss) => {
      const events = await sweepStableStudies({ db, boss, quietSeconds: 1 });
      marked.push(...events);
      nodes.find((n) => n.boss === boss)!.intake!.onStable(events);
    });

    const ours = (ids: readonly string[]) => ids.filter((id) => studies.includes(id));
    expect(ours(marked.map((e) => e.studyId)).sort()).toEqual([...studies].sort());
    const jobs = async () =>
      (
        await sql<{ study_id: string; state: string }>`
          select data->>'studyId' as study_id, state from pgboss.job
          where name = ${STUDY_STABLE_QUEUE}`.execute(tdb.db)
      ).rows.filter((j) => studies.includes(j.study_id));
    await until('every study.stable job worked', async () =>
      (await jobs()).every((j) => j.state === 'completed'),
    );
    expect((await jobs()).length).toBe(studies.length);
    const tasks = await tdb.db
      .selectFrom('reading_tasks')
      .select(['study_id'])
      .where('study_id', 'in', studies)
      .where('type', '=', 'primary_read')
      .execute();
    expect(tasks.map((t) => t.study_id).sort()).toEqual([...studies].sort());
    for (const n of nodes) {
      await n.intake?.stop();
      n.intake = undefined;
    }
  });

  it('the task sweep returns each lapsed claim once and raises each escalation once', async () => {
    // Wednesday 10:00 in Manila: DEMO1's reads queue at the Global Centre, due at 11:00.
    const open = new Date('2026-03-04T02:00:00Z');
    const tasks: string[] = [];
    for (let i = 0; i < 12; i++) tasks.push(await newTask(tdb.db, ids.clinic.DEMO1!, open));
    const lapsed = tasks.slice(0, 6);
    await tdb.db
      .updateTable('reading_tasks')
      .set({
        state: 'in_progress',
        assignee_id: ids.user.radiologist!,
        claimed_at: open,
        heartbeat_at: open,
      })
      .where('id', 'in', lapsed)
      .execute();

    // 52 minutes on: the claims lapsed long ago, and every read is due within the 10-minute lead.
    const now = new Date(open.getTime() + 52 * 60_000);
    const swept = await together(3, (db) => sweepTasks(db, { now, claimTimeoutSeconds: 120 }));

    const expired = swept.flatMap((r) => r.expired).filter((id) => lapsed.includes(id));
    expect(expired.sort()).toEqual([...lapsed].sort());
    const escalations = swept.flatMap((r) => r.escalations).filter((e) => tasks.includes(e.taskId));
    expect(escalations.map((e) => e.taskId).sort()).toEqual([...tasks].sort());
    expect(new Set(escalations.map((e) => e.level))).toEqual(new Set(['due_soon']));

    // One alert per task per person: what the sweeps said they sent is what was stored.
    const alerts = await tdb.db
      .selectFrom('notifications')
      .select(['task_id', 'user_id', 'kind'])
      .where('task_id', 'in', tasks)
      .execute();
    const distinct = new Set(alerts.map((a) => `${a.task_id}|${a.user_id}|${a.kind}`));
    expect(distinct.size).toBe(alerts.length);
    expect(alerts.length).toBe(escalations.reduce((n, e) => n + e.alerted, 0));
    expect(alerts.length).toBeGreaterThanOrEqual(tasks.length);
  });
});
