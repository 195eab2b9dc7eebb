import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo';
import { STUDY_STABLE_QUEUE, type StudyStableEvent } from '../ingest';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { createPrimaryReadTask, ROUTING_RULES_KEY, startStableStudyConsumer } from '.';

let tdb: TestDb;
const clinic: Record<string, string> = {};
const centre: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  for (const c of await tdb.db.selectFrom('clinics').select(['id', 'code']).execute()) {
    clinic[c.code] = c.id;
  }
  for (const c of await tdb.db.selectFrom('centres').select(['id', 'name']).execute()) {
    centre[c.name] = c.id;
  }
});
afterAll(async () => {
  await tdb?.drop();
});

/** A stable study of `code`, inserted directly: routing needs only its row. */
async function stableStudy(code: string): Promise<StudyStableEvent> {
  const row = await tdb.db
    .insertInto('studies')
    .values({
      study_uid: `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`)}`,
      clinic_id: clinic[code]!,
      patient_id: `P-${randomUUID().slice(0, 8)}`,
      patient_name: 'DOE^JANE',
      patient_birth_date: '1990-01-01',
      patient_sex: 'F',
      study_date: '2026-03-04',
      study_time: null,
      accession_number: null,
      study_id: null,
      study_description: 'CHEST PA',
      referring_physician: null,
      patient_name_norm: 'DOE JANE',
      last_received_at: new Date(),
      stable_at: new Date(),
    })
    .returning(['id', 'study_uid', 'clinic_id'])
    .executeTakeFirstOrThrow();
  return {
    studyId: row.id,
    studyUid: row.study_uid,
    clinicId: row.clinic_id,
    numInstances: 1,
    stableAt: new Date().toISOString(),
  };
}

const tasksOf = (studyId: string) =>
  tdb.db.selectFrom('reading_tasks').selectAll().where('study_id', '=', studyId).execute();
const decisionsOf = (taskId: string) =>
  tdb.db
    .selectFrom('routing_decisions')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();

async function putRules(value: unknown): Promise<void> {
  await tdb.db
    .insertInto('settings')
    .values({ key: ROUTING_RULES_KEY, value: JSON.stringify(value), updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
    .execute();
}
const clearRules = () =>
  tdb.db.deleteFrom('settings').where('key', '=', ROUTING_RULES_KEY).execute();

describe('primary-read tasks from stable studies', () => {
  it('routes to the open home centre and records the decision with its reason', async () => {
    const e = await stableStudy('DEMO1');
    // Wednesday 10:00 in Manila.
    const now = new Date('2026-03-04T02:00:00Z');
    const r = await createPrimaryReadTask(tdb.db, e, now);
    expect(r.outcome).toBe('created');

    const [task, ...more] = await tasksOf(e.studyId);
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({
      clinic_id: clinic.DEMO1,
      type: 'primary_read',
      state: 'queued',
      priority: 'routine',
      centre_id: centre['Global Centre'],
      assignee_id: null,
      created_at: now,
      queued_at: now,
      due_at: new Date('2026-03-04T03:00:00Z'),
      routing_reason: 'Home centre Global Centre is open',
      flags: [],
    });
    const decisions = await decisionsOf(task!.id);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      at: now,
      centre_id: centre['Global Centre'],
      decision: 'home_open',
      reason: 'Home centre Global Centre is open',
    });
    expect(decisions[0]!.details).toMatchObject({
      priority: 'routine',
      slaMinutes: 60,
      state: 'queued',
      dueAt: '2026-03-04T03:00:00.000Z',
      rules: 'defaults',
      numInstances: 1,
    });
  });

  it('is idempotent: a second event while the primary read is open changes nothing', async () => {
    const e = await stableStudy('DEMO1');
    const first = await createPrimaryReadTask(tdb.db, e, new Date('2026-03-04T02:00:00Z'));
    // The study re-stabilises an hour later, after new images: it keeps its task.
    const again = await createPrimaryReadTask(tdb.db, e, new Date('2026-03-04T03:00:00Z'));
    expect(first.outcome).toBe('created');
    expect(again).toEqual({
      outcome: 'exists',
      taskId: first.outcome === 'created' && first.taskId,
    });
    const tasks = await tasksOf(e.studyId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.due_at).toEqual(new Date('2026-03-04T03:00:00Z'));
    expect(await decisionsOf(tasks[0]!.id)).toHaveLength(1);
  });

  it('makes exactly one task when several workers take the same study at once', async () => {
    const e = await stableStudy('DEMO2');
    const now = new Date('2026-03-04T10:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => createPrimaryReadTask(tdb.db, e, now)),
    );
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    const tasks = await tasksOf(e.studyId);
    expect(tasks).toHaveLength(1);
    for (const r of results) {
      if (r.outcome === 'created' || r.outcome === 'exists') expect(r.taskId).toBe(tasks[0]!.id);
    }
    expect(await decisionsOf(tasks[0]!.id)).toHaveLength(1);
  });

  it('creates a new primary read once the earlier one is completed', async () => {
    const e = await stableStudy('DEMO1');
    const first = await createPrimaryReadTask(tdb.db, e, new Date('2026-03-04T02:00:00Z'));
    await tdb.db
      .updateTable('reading_tasks')
      .set({ state: 'completed', completed_at: new Date('2026-03-04T02:20:00Z') })
      .where('study_id', '=', e.studyId)
      .execute();
    const second = await createPrimaryReadTask(tdb.db, e, new Date('2026-03-04T04:00:00Z'));
    expect(first.outcome).toBe('created');
    expect(second.outcome).toBe('created');
    expect(await tasksOf(e.studyId)).toHaveLength(2);
  });

  it('follows the sun: DEMO2 goes to the Global Centre while Nairobi is closed', async () => {
    const e = await stableStudy('DEMO2');
    // Wednesday 05:00 in Nairobi (closed), 10:00 in Manila (open).
    const now = new Date('2026-03-04T02:00:00Z');
    const r = await createPrimaryReadTask(tdb.db, e, now);
    expect(r.outcome).toBe('created');
    const [task] = await tasksOf(e.studyId);
    expect(task).toMatchObject({
      state: 'queued',
      centre_id: centre['Global Centre'],
      queued_at: now,
      due_at: new Date('2026-03-04T03:00:00Z'),
    });
    const [d] = await decisionsOf(task!.id);
    expect(d).toMatchObject({ decision: 'follow_the_sun', centre_id: centre['Global Centre'] });
    expect(d!.reason).toBe(
      'The home centre Regional Centre is closed; Global Centre is open until 2026-03-04T14:00:00.000Z',
    );
    expect(d!.details).toMatchObject({ homeCentreId: centre['Regional Centre'] });
  });

  it('waits for the earliest opening when every centre is closed (Christmas Day)', async () => {
    const e = await stableStudy('DEMO1');
    // Friday 25 December 2026: 09:00 in Manila (closed all day), 04:00 in Nairobi.
    const r = await createPrimaryReadTask(tdb.db, e, new Date('2026-12-25T01:00:00Z'));
    expect(r.outcome).toBe('created');
    const [task] = await tasksOf(e.studyId);
    expect(task).toMatchObject({
      state: 'waiting',
      centre_id: centre['Regional Centre'],
      queued_at: new Date('2026-12-25T04:00:00Z'), // 07:00 in Nairobi
      due_at: new Date('2026-12-25T05:00:00Z'),
    });
    const [d] = await decisionsOf(task!.id);
    expect(d).toMatchObject({ decision: 'wait_for_opening', centre_id: centre['Regional Centre'] });
    expect(d!.reason).toContain('All centres are closed; Regional Centre opens first');
  });

  it('applies stored rules: a pinned clinic and its SLA', async () => {
    await putRules({
      pinnedCentreByClinic: { [clinic.DEMO2!]: centre['Regional Centre'] },
      slaMinutes: { byClinic: { [clinic.DEMO2!]: 40 } },
    });
    try {
      const e = await stableStudy('DEMO2');
      // Nairobi closed, Manila open: the pin holds and the task waits for 07:00 in Nairobi.
      await createPrimaryReadTask(tdb.db, e, new Date('2026-03-04T02:00:00Z'));
      const [task] = await tasksOf(e.studyId);
      expect(task).toMatchObject({
        state: 'waiting',
        centre_id: centre['Regional Centre'],
        queued_at: new Date('2026-03-04T04:00:00Z'),
        due_at: new Date('2026-03-04T04:40:00Z'),
      });
      const [d] = await decisionsOf(task!.id);
      expect(d).toMatchObject({ decision: 'pinned' });
      expect(d!.reason).toContain('Clinic DEMO2 is pinned to Regional Centre; it is closed');
      expect(d!.details).toMatchObject({ rules: 'settings', slaMinutes: 40 });
    } finally {
      await clearRules();
    }
  });

  it('falls back to the default rules when the stored ones do not parse', async () => {
    await putRules({ pinnedCentreByClinic: 'everything to Manila' });
    try {
      const e = await stableStudy('DEMO1');
      await createPrimaryReadTask(tdb.db, e, new Date('2026-03-04T02:00:00Z'));
      const [task] = await tasksOf(e.studyId);
      const [d] = await decisionsOf(task!.id);
      expect(d).toMatchObject({ decision: 'home_open' });
      expect(d!.details).toMatchObject({ rules: 'invalid_settings' });
    } finally {
      await clearRules();
    }
  });

  it('skips a study that no longer exists', async () => {
    const r = await createPrimaryReadTask(
      tdb.db,
      { studyId: randomUUID(), numInstances: 1, stableAt: new Date().toISOString() },
      new Date('2026-03-04T02:00:00Z'),
    );
    expect(r).toEqual({ outcome: 'study_missing' });
  });
});

describe('startStableStudyConsumer', () => {
  it('turns study.stable jobs into routed tasks, once per study', async () => {
    const boss = new PgBoss({ connectionString: tdb.url, schema: 'pgboss', max: 2 });
    boss.on('error', () => undefined);
    await boss.start();
    const consumer = await startStableStudyConsumer({
      db: tdb.db,
      boss,
      log: pino({ level: 'silent' }),
      now: () => new Date('2026-03-04T02:00:00Z'),
    });
    try {
      await boss.createQueue(STUDY_STABLE_QUEUE);
      const e = await stableStudy('DEMO2');
      await boss.send(STUDY_STABLE_QUEUE, e);
      await boss.send(STUDY_STABLE_QUEUE, e);
      const end = Date.now() + 30_000;
      let tasks = await tasksOf(e.studyId);
      while (tasks.length === 0 && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
        tasks = await tasksOf(e.studyId);
      }
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ state: 'queued', centre_id: centre['Global Centre'] });
      // Let the duplicate job run too: still one task, one decision.
      const settled = Date.now() + 30_000;
      while (Date.now() < settled) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pgboss.job
          where name = ${STUDY_STABLE_QUEUE} and state <> 'completed'`.execute(tdb.db);
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await tasksOf(e.studyId)).toHaveLength(1);
      expect(await decisionsOf(tasks[0]!.id)).toHaveLength(1);
    } finally {
      await consumer.stop();
      await boss.stop({ graceful: true, timeout: 5000 });
    }
  });
});
