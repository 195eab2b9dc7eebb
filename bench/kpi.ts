/**
 * The KPI dashboard at 1,000,000 released reports (target: every panel under 1 s at p95), and
 * the time to take in a day of new reports (~3,000: the refresh of one stale day).
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:kpi
 *
 * Seeds a scratch database with generate_series: 1M studies, their completed primary reads and
 * released reports over the last 333 days (about 3,000 a day), 5 % of them peer-reviewed, 2 %
 * with a retake request, 3 % with a consultation, and some incidents; builds the KPI facts once
 * (the backfill), then times each panel and the whole dashboard over the last 30 days and over
 * the whole year, and finally one day's intake. `KPI_BENCH_REPORTS` changes the volume.
 */
import { sql } from 'kysely';
import { seedDemo } from '../apps/server/src/modules/demo';
import { KPI_PANELS, kpiDashboard, refreshStaleDays, settle } from '../apps/server/src/modules/kpi';
import { scratchDatabase, seconds, timed } from './lib/scratchDb';

const N = Number(process.env.KPI_BENCH_REPORTS ?? 1_000_000);
const PER_DAY = 3_000;
const DAYS = Math.ceil(N / PER_DAY);
const scratch = await scratchDatabase('kpi');
const { db } = scratch;

/**
 * Inserts `count` released reads, numbered from `first`, on the days `dayOffset(g)` before today:
 * a study, its completed primary read and its released report each, through one staging table.
 */
async function seedReads(first: number, count: number, dayExpr: string): Promise<void> {
  await sql`drop table if exists seed`.execute(db);
  await sql`
    create unlogged table seed as
    select g, gen_random_uuid() as study_id, gen_random_uuid() as task_id,
      gen_random_uuid() as report_id,
      (select array_agg(id order by code) from clinics)[1 + g % (select count(*) from clinics)::int] as clinic_id,
      (select array_agg(id order by username) from users where 'radiologist' = any(roles))
        [1 + (g / 7) % (select count(*) from users where 'radiologist' = any(roles))::int] as reader_id,
      ${sql.raw(dayExpr)} as arrived_at,
      round((-ln(1 - random()) * 14 + 1)::numeric, 2) as tat,
      random() as r
    from generate_series(${first}::int, ${first + count - 1}::int) g`.execute(db);
  await sql`
    insert into studies (id, study_uid, clinic_id, patient_id, patient_name, patient_name_norm,
                         first_received_at, last_received_at, stable_at)
    select study_id, '2.25.' || g, clinic_id, 'P' || g, 'PATIENT^' || g, 'PATIENT ' || g,
           arrived_at - interval '1 minute', arrived_at - interval '1 minute', arrived_at
    from seed`.execute(db);
  await sql`
    insert into reading_tasks (id, study_id, clinic_id, type, state, priority, centre_id,
      assignee_id, queued_at, due_at, completed_at, created_at, turnaround_minutes,
      service_turnaround_minutes)
    select s.task_id, s.study_id, s.clinic_id, 'primary_read', 'completed', 'routine',
      c.home_centre_id, s.reader_id, s.arrived_at, s.arrived_at + interval '1 hour',
      s.arrived_at + s.tat * interval '1 minute', s.arrived_at, s.tat,
      case when s.r < 0.1 then round(s.tat * 0.4, 2) else s.tat end
    from seed s join clinics c on c.id = s.clinic_id`.execute(db);
  await sql`
    insert into reports (id, task_id, study_id, clinic_id, programme, form_id, form_version,
      state, content, author_id, signed_by, signed_at, signer_name, released_at, current_version)
    select s.report_id, s.task_id, s.study_id, s.clinic_id, 'US', 'us-ds3030', '2026.1', 'final',
      case when s.r < 0.8 then '{"result":"normal","findings":[]}'
           when s.r < 0.95 then '{"result":"abnormal","findings":[{"code":"cardiac","formItem":"cardiac"}]}'
           else '{"result":"abnormal","findings":[{"code":"consolidation","formItem":"infiltrate"}]}'
      end::jsonb,
      s.reader_id, s.reader_id, s.arrived_at + s.tat * interval '1 minute', 'Reader',
      s.arrived_at + s.tat * interval '1 minute', 1
    from seed s`.execute(db);
}

try {
  await seedDemo(db);
  await sql`
    insert into users (username, display_name, roles, password_hash, password_changed_at)
    select 'bench' || g, 'Bench Reader ' || g, array['radiologist'], 'x', now()
    from generate_series(1, 12) g`.execute(db);
  let t = performance.now();
  // The history goes in with the stale-day trigger off; its days are then marked at once.
  await sql`alter table reports disable trigger reports_kpi_stale`.execute(db);
  await seedReads(
    1,
    N,
    `date_trunc('day', now()) - ((g / ${PER_DAY}) + 1) * interval '1 day' + (g % ${PER_DAY}) * interval '28 seconds'`,
  );
  await sql`alter table reports enable trigger reports_kpi_stale`.execute(db);
  const programme = await sql<{ id: string }>`
    insert into peer_review_programmes (name, rule) values ('Bench', '{}') returning id`.execute(
    db,
  );
  const reviewer = await sql<{ id: string }>`
    select id from users where username = 'consultant'`.execute(db);
  await sql`
    insert into reading_tasks (id, study_id, clinic_id, type, state, created_at)
    select gen_random_uuid(), study_id, clinic_id, 'peer_review', 'completed', arrived_at
    from seed where g % 20 = 0`.execute(db);
  await sql`
    insert into peer_reviews (programme_id, report_id, study_id, clinic_id, task_id, reader_id,
      reason, blind, reviewer_id, score, scored_at)
    select ${programme.rows[0]!.id}::uuid, s.report_id, s.study_id, s.clinic_id, t.id, s.reader_id,
      'random', false, ${reviewer.rows[0]!.id}::uuid,
      (array['1','1','1','1','1','1','2a','2b','3a','3b'])[1 + (s.g / 20) % 10],
      s.arrived_at + interval '1 day'
    from seed s join reading_tasks t on t.study_id = s.study_id and t.type = 'peer_review'
    where s.g % 20 = 0`.execute(db);
  await sql`
    insert into retake_requests (task_id, study_id, clinic_id, reasons, requested_by_name, requested_at)
    select task_id, study_id, clinic_id,
      array[(array['motion','cut_off_anatomy','underexposed','rotation'])[1 + g % 4]],
      'Reader', arrived_at + interval '5 minutes'
    from seed where g % 50 = 1`.execute(db);
  await sql`
    insert into reading_tasks (study_id, clinic_id, type, state, parent_task_id, centre_id,
      queued_at, completed_at, turnaround_minutes, created_at)
    select s.study_id, s.clinic_id, 'consultation', 'completed', s.task_id, c.home_centre_id,
      s.arrived_at, s.arrived_at + interval '40 minutes', 40, s.arrived_at
    from seed s join clinics c on c.id = s.clinic_id where s.g % 33 = 2`.execute(db);
  const qa = await sql<{ id: string }>`select id from users where username = 'qa'`.execute(db);
  await sql`
    insert into incidents (type, severity, title, reported_by, reported_at)
    select 'other', (array['low','medium','high','critical'])[1 + g % 4], 'Bench incident ' || g,
      ${qa.rows[0]!.id}::uuid, now() - (g % ${DAYS}) * interval '1 day'
    from generate_series(1, 2000) g`.execute(db);
  await sql`drop table seed`.execute(db);
  await sql`analyze`.execute(db);
  console.log(
    `seeded ${N.toLocaleString('en')} released reports over ${DAYS} days in ${seconds(t)}`,
  );

  t = performance.now();
  await sql`
    insert into kpi_stale_days (day)
    select distinct (released_at at time zone 'UTC')::date from reports
    on conflict do nothing`.execute(db);
  const backfill = await refreshStaleDays(db);
  await sql`analyze kpi_reads`.execute(db);
  await sql`analyze kpi_daily`.execute(db);
  console.log(
    `built the facts of ${backfill.days.length} days (${backfill.reads.toLocaleString('en')} reads) in ${seconds(t)}`,
  );
  const facts = await sql<{ n: number }>`select count(*)::int as n from kpi_daily`.execute(db);
  console.log(`kpi_daily rows: ${facts.rows[0]!.n.toLocaleString('en')}`);

  const reader = await sql<{ id: string }>`
    select id from users where username = 'bench3'`.execute(db);
  const clinic = await sql<{ id: string }>`select id from clinics order by code limit 1`.execute(
    db,
  );
  const periods = {
    'last 30 days': settle({ targetMinutes: 60 }),
    'whole year': settle({
      targetMinutes: 60,
      from: new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10),
    }),
    'whole year, one clinic and reader': settle({
      targetMinutes: 60,
      from: new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10),
      clinicId: clinic.rows[0]!.id,
      readerId: reader.rows[0]!.id,
    }),
  };
  const runs = Number(process.env.KPI_BENCH_RUNS ?? 20);
  for (const [label, scope] of Object.entries(periods)) {
    console.log(`\n${label} (${scope.from} … ${scope.to}), ${runs} runs each:`);
    console.log('  panel                      p50 ms    p95 ms');
    for (const [panel, run] of Object.entries(KPI_PANELS)) {
      const r = await timed(() => run(db, scope), runs);
      console.log(
        `  ${panel.padEnd(24)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(9)}`,
      );
    }
    const all = await timed(() => kpiDashboard(db, scope), Math.max(5, runs / 2));
    console.log(
      `  ${'whole dashboard'.padEnd(24)} ${all.p50.toFixed(1).padStart(8)} ${all.p95.toFixed(1).padStart(9)}`,
    );
  }

  // A day of new reports: ~3,000 releases today mark today stale; the next refresh takes them in.
  t = performance.now();
  await seedReads(
    N + 1,
    PER_DAY,
    `date_trunc('day', now()) + (g % ${PER_DAY}) * interval '1 second'`,
  );
  await sql`drop table seed`.execute(db);
  const inserted = seconds(t);
  const intake: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sql`insert into kpi_stale_days (day) values (current_date) on conflict do nothing`.execute(
      db,
    );
    t = performance.now();
    const day = await refreshStaleDays(db);
    intake.push(performance.now() - t);
    if (i === 0)
      console.log(
        `\na day of ${day.reads.toLocaleString('en')} new reads (inserted in ${inserted}):`,
      );
  }
  intake.sort((a, b) => a - b);
  console.log(
    `  refresh of that day: first ${intake[0]!.toFixed(0)} ms … median ${intake[2]!.toFixed(0)} ms, max ${intake[4]!.toFixed(0)} ms`,
  );
  const idle = await timed(() => refreshStaleDays(db), 20);
  console.log(`  refresh with nothing stale: p95 ${idle.p95.toFixed(2)} ms`);
} finally {
  await scratch.drop();
}
