/**
 * Re-evaluating waiting tasks: how long a change to a centre's hours holds its transaction when
 * WAITING tasks wait (default 1,000; `TELERAD_BENCH_WAITING`). Needs a PostgreSQL server
 * (DATABASE_URL, default the local one); works in a scratch database it drops afterwards.
 *   npx tsx bench/waiting.ts
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { seedDemo } from '../apps/server/src/modules/demo';
import { reevaluateWaitingTasks } from '../apps/server/src/modules/worklist';
import { createDb } from '../apps/server/src/platform/db';
import { migrate } from '../apps/server/src/platform/migrate';

const WAITING = Number(process.env.TELERAD_BENCH_WAITING ?? 1000);
const admin = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = `telerad_bench_waiting_${randomBytes(4).toString('hex')}`;

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

await adminQuery(`create database ${name}`);
const url = new URL(admin);
url.pathname = `/${name}`;
try {
  await migrate(url.toString());
  const { db } = createDb(url.toString(), 4);
  try {
    await seedDemo(db);
    // Studies and their waiting primary reads, straight into the tables: opening in two days.
    await sql`
        with c as (select id from clinics where code = 'DEMO1'),
        g as (select id from centres where name = 'Global Centre'),
        s as (
          insert into studies (study_uid, clinic_id, patient_id, patient_name, patient_birth_date,
            patient_sex, study_date, study_description, patient_name_norm, last_received_at, stable_at)
          select '2.25.77' || n, c.id, 'B-' || n, 'BENCH^' || n, '1990-01-01', 'F', '20261206',
            'CHEST PA', 'BENCH ' || n, now(), now()
          from generate_series(1, ${WAITING}::int) n, c
          returning id, clinic_id)
        insert into reading_tasks (study_id, clinic_id, type, state, priority, centre_id, queued_at,
          due_at, routing_reason)
        select s.id, s.clinic_id, 'primary_read', 'waiting', 'routine', g.id,
          now() + interval '2 days', now() + interval '2 days 1 hour', 'bench'
        from s, g`.execute(db);
    // Every centre open now: each waiting task changes (queued), the costliest case.
    await db
      .updateTable('centres')
      .set({
        exceptions: JSON.stringify(
          [-1, 0, 1].map((o) => ({
            date: new Date(Date.now() + o * 86_400_000).toISOString().slice(0, 10),
            label: 'Open',
            closed: false,
            intervals: [{ open: '00:00', close: '24:00' }],
          })),
        ),
      })
      .execute();
    const t0 = performance.now();
    const r = await db.transaction().execute((trx) => reevaluateWaitingTasks(trx, new Date()));
    const ms = performance.now() - t0;
    console.log(
      `${WAITING} waiting tasks: ${r.queued.length} queued, ${r.moved.length} moved, in ${ms.toFixed(0)} ms (one transaction)`,
    );
  } finally {
    await db.destroy();
  }
} finally {
  await adminQuery(`drop database if exists ${name} with (force)`);
}
