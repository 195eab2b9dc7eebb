import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStabilityWatcher, STUDY_STABLE_QUEUE } from '../ingest';
import { reconcileStableStudies, startStudyIntake } from '.';
import { insertStudy, useWorklistDb } from './testSupport';

/**
 * Issue 16 §1, stable study → reading task: the process is killed (SIGKILL, by a fault point in
 * the watcher's sweep) between the two steps of the hand-off. After a restart, a fresh watcher
 * and worklist against the same database give the study exactly one primary read, and the
 * reconciliation sweep finds nothing to repair: the hand-off itself held.
 */
const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const f = useWorklistDb();
let boss: PgBoss;

beforeAll(async () => {
  boss = new PgBoss({ connectionString: f.tdb.url, schema: 'pgboss', max: 2 });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(STUDY_STABLE_QUEUE);
});
afterAll(async () => {
  await boss?.stop({ graceful: true, timeout: 5000 });
});

/** Runs the sweep in its own process, killed at `point`; resolves with how it ended. */
function crashAt(point: 'afterMark' | 'afterCommit'): Promise<{ signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(ROOT, 'node_modules/.bin/node'),
      ['--import', 'tsx', 'apps/server/src/testing/stabilityCrash.ts', f.tdb.url, point],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.on('exit', (_code, signal) => resolve({ signal }));
  });
}

/** A study whose last instance arrived a minute ago and which is not yet stable. */
async function quietStudy(): Promise<string> {
  const at = new Date(Date.now() - 60_000);
  const id = await insertStudy(f.tdb.db, f.ids.clinic.DEMO1!, at);
  await f.tdb.db.updateTable('studies').set({ stable_at: null }).where('id', '=', id).execute();
  return id;
}

async function state(studyId: string) {
  const study = await f.tdb.db
    .selectFrom('studies')
    .select('stable_at')
    .where('id', '=', studyId)
    .executeTakeFirstOrThrow();
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pgboss.job
    where name = ${STUDY_STABLE_QUEUE} and data->>'studyId' = ${studyId}`.execute(f.tdb.db);
  const tasks = await f.tdb.db
    .selectFrom('reading_tasks')
    .select('id')
    .where('study_id', '=', studyId)
    .where('type', '=', 'primary_read')
    .execute();
  return { stable: study.stable_at !== null, jobs: rows[0]!.n, tasks: tasks.length };
}

/**
 * Restarts the hand-off as main.ts wires it (worklist intake, then the watcher), waits until the
 * study has a task and its jobs are all worked, then stops both.
 */
async function restart(studyId: string): Promise<void> {
  const log = pino({ level: 'silent' });
  const errors: Error[] = [];
  const intake = await startStudyIntake({
    db: f.tdb.db,
    boss,
    log,
    reconcileIntervalMs: 3_600_000,
  });
  const watcher = await startStabilityWatcher({
    db: f.tdb.db,
    boss,
    quietSeconds: 1,
    intervalMs: 100,
    onStable: intake.onStable,
    onError: (e) => void errors.push(e),
  });
  try {
    const until = Date.now() + 30_000;
    for (;;) {
      const s = await state(studyId);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job
        where name = ${STUDY_STABLE_QUEUE} and state <> 'completed'`.execute(f.tdb.db);
      if (s.tasks > 0 && rows[0]!.n === 0) break;
      if (Date.now() > until) throw new Error(`no task after restart: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await watcher.stop();
    await intake.stop();
  }
  expect(errors).toEqual([]);
}

/** The reconciliation sweep, over every stable study, finds no hand-off to repair. */
async function expectNothingToRepair(): Promise<void> {
  const log = pino({ level: 'silent' });
  const r = await reconcileStableStudies(f.tdb.db, { cursor: null, log, graceSeconds: 0 });
  expect(r.examined).toBeGreaterThan(0);
  expect(r.repaired).toEqual([]);
}

describe('stable study → reading task survives a crash between its steps', () => {
  it('killed after marking the study stable, before enqueueing: nothing half-committed', async () => {
    const studyId = await quietStudy();
    expect(await crashAt('afterMark')).toEqual({ signal: 'SIGKILL' });
    // The mark died with its transaction: the study is still waiting to be marked.
    expect(await state(studyId)).toEqual({ stable: false, jobs: 0, tasks: 0 });

    await restart(studyId);
    expect(await state(studyId)).toMatchObject({ stable: true, jobs: 1, tasks: 1 });
    await expectNothingToRepair();
  });

  it('killed after the commit, before the fast path: the queued job makes the task', async () => {
    const studyId = await quietStudy();
    expect(await crashAt('afterCommit')).toEqual({ signal: 'SIGKILL' });
    expect(await state(studyId)).toEqual({ stable: true, jobs: 1, tasks: 0 });

    await restart(studyId);
    expect(await state(studyId)).toMatchObject({ stable: true, jobs: 1, tasks: 1 });
    await expectNothingToRepair();
  });
});
