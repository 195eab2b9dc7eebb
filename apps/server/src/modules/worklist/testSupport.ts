import { randomUUID } from 'node:crypto';
import type { Priority, Role } from '@telerad/contracts';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { seedDemo } from '../demo';
import { setTaskEventSink, type TaskChange } from './events';
import { createPrimaryReadTask } from './tasks';

/** Test helpers for the worklist's integration tests (not used by the product). */

/** Ids of the demo organisation by name: clinics by code, centres by name, users by username. */
export interface DemoIds {
  clinic: Record<string, string>;
  centre: Record<string, string>;
  user: Record<string, string>;
}

/** Reads the ids of the seeded demo organisation. */
export async function demoIds(db: Db): Promise<DemoIds> {
  const ids: DemoIds = { clinic: {}, centre: {}, user: {} };
  for (const c of await db.selectFrom('clinics').select(['id', 'code']).execute())
    ids.clinic[c.code] = c.id;
  for (const c of await db.selectFrom('centres').select(['id', 'name']).execute())
    ids.centre[c.name] = c.id;
  for (const u of await db.selectFrom('users').select(['id', 'username']).execute())
    ids.user[u.username] = u.id;
  return ids;
}

/** A stable study of clinic `clinicId`, inserted directly. */
export async function insertStudy(db: Db, clinicId: string, at: Date): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const study = await db
    .insertInto('studies')
    .values({
      study_uid: `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`)}`,
      clinic_id: clinicId,
      patient_id: `P-${tag}`,
      patient_name: `TEST^${tag}`,
      patient_birth_date: '1990-01-01',
      patient_sex: 'F',
      study_date: '2026-03-04',
      study_time: null,
      accession_number: null,
      study_id: null,
      study_description: 'CHEST PA',
      referring_physician: null,
      patient_name_norm: `TEST ${tag}`,
      last_received_at: at,
      stable_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return study.id;
}

/** A primary read of a new study of `clinicId`, routed at `at` (pushed if its centre pushes). */
export async function newTask(
  db: Db,
  clinicId: string,
  at: Date,
  priority: Priority = 'routine',
): Promise<string> {
  const studyId = await insertStudy(db, clinicId, at);
  const r = await createPrimaryReadTask(
    db,
    { studyId, stableAt: at.toISOString(), numInstances: 1 },
    at,
    { priority },
  );
  if (r.outcome !== 'created') throw new Error(`task not created: ${r.outcome}`);
  return r.taskId;
}

/** A service context for `userId` with `roles` (and clinics, for clinic users). */
export function ctxOf(
  db: Db,
  userId: string,
  roles: Role[],
  clinicIds: string[] = [],
): ServiceContext {
  const actor: Actor = {
    userId,
    username: userId,
    displayName: userId,
    roles,
    clinicIds,
    via: 'session',
  };
  return { actor, requestId: randomUUID(), ip: null, db };
}

/** Closes every open task and resets shifts, centres and rules, so each test starts clean. */
export async function resetWorklist(db: Db): Promise<void> {
  await db
    .updateTable('reading_tasks')
    .set({ state: 'cancelled', assignee_id: null })
    .where('state', 'not in', ['completed', 'cancelled'])
    .execute();
  await db
    .updateTable('users')
    .set({ on_shift: false, last_assigned_at: null, centre_id: null })
    .execute();
  await db.updateTable('centres').set({ assignment_mode: 'pull' }).execute();
  await db.deleteFrom('settings').where('key', '=', 'worklist.routing').execute();
}

/** A worklist suite's database: see `useWorklistDb`. */
export interface WorklistDb {
  tdb: TestDb;
  ids: DemoIds;
  /** Every task change since the current test began. */
  events: TaskChange[];
}

/**
 * Registers the suite's hooks: a fresh demo database with every task change recorded; before
 * each test, an empty worklist and no recorded changes. The fields are set once `beforeAll` ran.
 */
export function useWorklistDb(): WorklistDb {
  const f = { events: [] } as unknown as WorklistDb;
  beforeAll(async () => {
    f.tdb = await createTestDb();
    await seedDemo(f.tdb.db);
    f.ids = await demoIds(f.tdb.db);
    setTaskEventSink((e) => void f.events.push(e));
  });
  afterAll(async () => {
    setTaskEventSink(null);
    await f.tdb?.drop();
  });
  beforeEach(async () => {
    await resetWorklist(f.tdb.db);
    f.events.length = 0;
  });
  return f;
}
