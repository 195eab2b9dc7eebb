/**
 * Scratch databases for `bench/scale.ts`, and a generated archive index of a million studies
 * (one series each) over ~95 clinics and two years, made with generate_series straight in SQL:
 * study searches read only `studies` (and `series` for series searches), never the files.
 */
import pg from 'pg';
import { seedDemo } from '../../apps/server/src/modules/demo';
import { createDb } from '../../apps/server/src/platform/db';
import { migrate } from '../../apps/server/src/platform/migrate';

/** A fresh database on the cluster of `adminUrl`. */
export interface ScratchDb {
  url: string;
  drop(): Promise<void>;
}

/** Creates database `name` (dropped first if a failed run left it) next to `adminUrl`'s. */
export async function scratchDatabase(adminUrl: string, name: string): Promise<ScratchDb> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return scratchHandle(adminUrl, name);
}

function scratchHandle(adminUrl: string, name: string): ScratchDb {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Database `name` next to `adminUrl`'s, as it is (a kept generated index). */
export function existingDatabase(adminUrl: string, name: string): ScratchDb {
  return scratchHandle(adminUrl, name);
}

const FAMILIES = ['SANTOS', 'NGUYEN', 'KHAN', 'OKAFOR', 'REYES', 'HASSAN', 'MENDOZA', 'PATEL'];
const GIVEN = ['MARIA', 'THI HOA', 'AHMED', 'CHINEDU', 'JOSE', 'AMINA', 'RAVI', 'GRACE'];
const sqlList = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/**
 * Secondary indexes of `table` that back no constraint: dropped before a bulk load and built
 * again after it, which takes a fraction of the time of maintaining them row by row.
 */
async function dropIndexes(c: pg.Client, table: string): Promise<string[]> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index
     where indrelid = $1::regclass
       and not exists (select 1 from pg_constraint where conindid = indexrelid)`,
    [table],
  );
  for (const r of rows) await c.query(`drop index ${r.name}`);
  return rows.map((r) => r.def);
}

/**
 * Migrates `url`, seeds the demo organisation, adds clinics up to `clinics` and inserts
 * `studies` studies with a series each, printing progress; then vacuums and analyses both tables.
 */
export async function generateIndex(url: string, studies: number, clinics = 95): Promise<void> {
  await migrate(url);
  const { db } = createDb(url, 2);
  await seedDemo(db);
  await db.destroy();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`set maintenance_work_mem = '256MB'`);
    await c.query(
      `insert into clinics (code, name, country, time_zone, home_centre_id, programmes, status)
       select 'SCALE' || lpad(g::text, 3, '0'), 'Scale Clinic ' || g, d.country, d.time_zone,
              d.home_centre_id, d.programmes, 'live'
       from clinics d, generate_series(1, $1::int - (select count(*) from clinics)::int) g
       where d.code = 'DEMO1'`,
      [clinics],
    );
    const defs = [...(await dropIndexes(c, 'studies')), ...(await dropIndexes(c, 'series'))];
    const t0 = performance.now();
    const chunk = 200_000;
    for (let first = 1; first <= studies; first += chunk) {
      const last = Math.min(studies, first + chunk - 1);
      // Clinic by a multiplier coprime with the clinic count, so each clinic gets every day;
      // a patient comes back about twice (patient_id repeats), as follow-up films do.
      await c.query(
        `with ids as (select array_agg(id order by code) as a, count(*)::int as n from clinics)
         insert into studies (study_uid, clinic_id, patient_id, patient_name, patient_name_norm,
           patient_birth_date, patient_sex, study_date, study_time, accession_number,
           study_description, modalities, num_series, num_instances, size_bytes,
           first_received_at, last_received_at, stable_at)
         select '2.25.' || (300000000000 + g)::text, ids.a[1 + ((g::bigint * 7919) % ids.n)::int],
           'P' || lpad((g % ${Math.max(1, Math.floor(studies / 2))})::text, 7, '0'),
           f || '^' || gv, f || ' ' || gv, date '1950-01-01' + (g % 25000),
           case when g % 2 = 0 then 'F' else 'M' end, d, '101500', 'A' || g, 'Chest PA',
           array[case when g % 3 = 0 then 'CR' else 'DX' end], 1, 1 + g % 2, 10000000,
           d + time '10:15', d + time '10:16', d + time '10:20'
         from ids, generate_series($1::int, $2::int) g,
           lateral (select current_date - (g % 730) as d,
             (${sqlList(FAMILIES)})[1 + g % ${FAMILIES.length}] || (g % 97)::text as f,
             (${sqlList(GIVEN)})[1 + (g / 8) % ${GIVEN.length}] as gv) n`,
        [first, last],
      );
      console.log(
        `  ${last.toLocaleString()} studies (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
    await c.query(
      `insert into series (study_id, series_uid, modality, series_number, num_instances)
       select id, study_uid || '.1', modalities[1], 1, num_instances from studies`,
    );
    console.log(`  their series (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    for (const def of defs) await c.query(def);
    // Vacuumed as autovacuum keeps a live archive: an index-only scan then skips the heap.
    await c.query('vacuum analyze studies');
    await c.query('vacuum analyze series');
    console.log(
      `  ${defs.length} indexes built again, vacuumed and analysed (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  } finally {
    await c.end();
  }
}
