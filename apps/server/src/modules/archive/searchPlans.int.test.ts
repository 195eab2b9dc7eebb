import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db';
import { seedDemo } from '../demo';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { findStudies } from './repo';

/**
 * The plans of two study searches that a million studies made slow (bench/scale.ts,
 * docs/adr/0051): a clinic user's newest studies, and a patient-name wildcard matching few
 * studies spread over the years. Each statement the archive sends is captured and EXPLAINed on
 * 40,000 studies over 40 clinics and two years.
 */
let tdb: TestDb;
let pool: pg.Pool;
let db: Kysely<Database>;
const sent: { sql: string; parameters: readonly unknown[] }[] = [];
let demo1: string;

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  await sql`
    insert into clinics (code, name, country, time_zone, home_centre_id, programmes, status)
    select 'PLAN' || g, 'Plan Clinic ' || g, d.country, d.time_zone, d.home_centre_id,
           d.programmes, 'live'
    from clinics d, generate_series(1, 40 - (select count(*) from clinics)::int) g
    where d.code = 'DEMO1'`.execute(tdb.db);
  // 1,000 studies a name (RARE0 … RARE39) and a clinic, each spread over 730 days.
  await sql`
    with ids as (select array_agg(id order by code) as a, count(*)::int as n from clinics)
    insert into studies (study_uid, clinic_id, patient_id, patient_name, patient_name_norm,
      study_date, accession_number, modalities, first_received_at, last_received_at, stable_at)
    select '2.25.77' || g, ids.a[1 + g % ids.n], 'P' || g, 'RARE' || (g * 7 % 40) || '^ANA',
      'RARE' || (g * 7 % 40) || ' ANA', current_date - (g % 730), 'A' || g, array['CR'],
      now(), now() - g * interval '1 second', now()
    from ids, generate_series(1, 40000) g`.execute(tdb.db);
  await sql`vacuum analyze studies`.execute(tdb.db);
  demo1 = (
    await tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
  pool = new pg.Pool({ connectionString: tdb.url, max: 2 });
  db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') sent.push(e.query);
    },
  });
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await tdb?.drop();
});

/** The plan of the last statement the archive sent, as text. */
async function lastPlan(): Promise<string> {
  const q = sent.at(-1)!;
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain ${q.sql}`, [
    ...q.parameters,
  ]);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('study searches over many studies', () => {
  it("walks a clinic's own date index in order for a clinic user's newest studies", async () => {
    const rows = await findStudies(db, [demo1], { limit: 51, offset: 0 });
    expect(rows).toHaveLength(51);
    expect(rows.every((r) => r.clinic_id === demo1)).toBe(true);
    const plan = await lastPlan();
    expect(plan).toMatch(/Index Scan using studies_clinic_date_received/);
    expect(plan).not.toMatch(/Sort|Filter: \(clinic_id = ANY/);
  });

  it('fetches the few matches of a name wildcard by the name index and sorts them', async () => {
    const rows = await findStudies(db, 'all', { patientName: 'RARE17*', limit: 51, offset: 0 });
    expect(rows).toHaveLength(51);
    expect(rows.every((r) => r.patient_name_norm === 'RARE17 ANA')).toBe(true);
    const key = (r: (typeof rows)[number]) =>
      `${r.study_date} ${new Date(r.last_received_at).toISOString()}`;
    expect(rows.map(key)).toEqual(rows.map(key).sort().reverse());
    const plan = await lastPlan();
    expect(plan).toMatch(/studies_name_prefix/);
    expect(plan).not.toMatch(/studies_date_received/);
  });
});
