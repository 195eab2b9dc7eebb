/**
 * The network monitor at a million stored studies across 95 clinics: the monitor's table and a
 * clinic's 7-day history, against the query the last-received table replaces (the newest
 * instance per clinic and door, read from `instances`).
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:monitor
 *
 * Seeds a scratch database with generate_series: 91 clinics besides the demo's four, and
 * `MONITOR_BENCH_STUDIES` (default 1,000,000) studies of one series and one instance each over
 * the last 333 days, with every clinic's last study per door in `clinic_last_received` (what
 * ingest's arrival hook keeps) and 50,000 refusals; then times each read (p50/p95 of 20 runs).
 */
import { sql } from 'kysely';
import { seedDemo } from '../apps/server/src/modules/demo';
import { clinicHistory, networkOverview } from '../apps/server/src/modules/monitor';
import { scratchDatabase, timed } from './lib/scratchDb';

const N = Number(process.env.MONITOR_BENCH_STUDIES ?? 1_000_000);
const scratch = await scratchDatabase('monitor');
const { db } = scratch;

/** `run`'s median and 95th percentile over `n` runs, as printed. */
async function timedText(run: () => Promise<unknown>, n = 20): Promise<string> {
  const { p50, p95 } = await timed(run, n);
  return `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`;
}

try {
  await seedDemo(db);
  const t0 = performance.now();
  await sql`
    insert into clinics (code, name, country, time_zone, home_centre_id, programmes, status)
    select 'B' || g, 'Bench clinic ' || g, (array['PH','KE','VN','UG','NP','BD'])[1 + g % 6],
           'Asia/Manila', (select id from centres limit 1), array['UK'], 'live'
    from generate_series(1, 91) g`.execute(db);
  await sql`
    create unlogged table seed as
    select g, gen_random_uuid() as study_id, gen_random_uuid() as series_id,
      (select array_agg(id order by code) from clinics)[1 + g % (select count(*) from clinics)::int] as clinic_id,
      (array['dimse','stow','upload','gateway'])[1 + g % 4] as door,
      now() - (${N} - g) * (interval '333 days' / ${N}) as at
    from generate_series(1, ${N}) g`.execute(db);
  await sql`
    insert into studies (id, study_uid, clinic_id, patient_id, first_received_at, last_received_at, stable_at)
    select study_id, '2.25.' || g, clinic_id, 'P' || g, at, at, at from seed`.execute(db);
  await sql`
    insert into series (id, study_id, series_uid, modality, num_instances)
    select series_id, study_id, '2.25.1' || g, 'DX', 1 from seed`.execute(db);
  await sql`
    insert into instances (study_id, series_id, sop_uid, sop_class_uid, transfer_syntax_uid,
      size_bytes, sha256, storage_key, metadata, door, received_at)
    select study_id, series_id, '2.25.2' || g, '1.2.840.10008.5.1.4.1.1.1.1', '1.2.840.10008.1.2.1',
      100000, md5(g::text), 'k' || g, '{}', door, at from seed`.execute(db);
  await sql`
    insert into clinic_last_received (clinic_id, door, received_at, study_uid)
    select distinct on (clinic_id, door) clinic_id, door, at, '2.25.' || g
    from seed order by clinic_id, door, at desc`.execute(db);
  await sql`
    insert into inbound_refusals (door, kind, clinic_id, calling_ae, remote_address, code, message,
      minute, first_at, last_at, count)
    select 'dimse', 'association', clinic_id, 'AE' || g, '198.51.100.' || (g % 250), 'DIMSE_BUSY', 'busy',
      date_trunc('minute', at), at, at, 1 + g % 5
    from seed where g % 20 = 0`.execute(db);
  await sql`analyze`.execute(db);
  console.log(
    `seeded ${N.toLocaleString('en')} studies in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );

  const clinic = (
    await db.selectFrom('clinics').select('id').where('code', '=', 'B1').executeTakeFirstOrThrow()
  ).id;
  console.log(
    `network monitor table (95 clinics): ${await timedText(() => networkOverview(db, 'all'))}`,
  );
  console.log(
    `one clinic's 7-day history: ${await timedText(() => clinicHistory(db, clinic, {}))}`,
  );
  console.log(
    `instead, newest instance per clinic and door from instances: ${await timedText(
      () =>
        sql`select s.clinic_id, i.door, max(i.received_at)
              from instances i join studies s on s.id = i.study_id group by 1, 2`.execute(db),
      3,
    )}`,
  );
} finally {
  await scratch.drop();
}
