/**
 * The CAD calibration page at 1,000,000 scored studies with final reads (target: the page and a
 * drill-down under 1 s at p95), and the time to take in a day of new results.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:cad-calibration
 *
 * Seeds a scratch database with generate_series: 1M studies over the last 333 days (about 3,000
 * a day), each with a completed primary read, a released report (20 % abnormal) and a CAD4TB
 * score (abnormal reads score higher), from three versions of the product in turn (the latest
 * scoring higher, so the drift chart has something to show) with thresholds for every
 * programme; builds the CAD facts once (the backfill), then times the page for one version over
 * the whole year, for one clinic, and a drill-down page. `CAD_BENCH_RESULTS` changes the volume.
 */
import { PROGRAMMES } from '@telerad/contracts';
import { sql } from 'kysely';
import { seedDemo } from '../apps/server/src/modules/demo';
import {
  cadCalibration,
  cadCalibrationReads,
  refreshCadStaleDays,
} from '../apps/server/src/modules/kpi';
import type { ServiceContext } from '../apps/server/src/platform/context';
import { scratchDatabase, seconds, timed } from './lib/scratchDb';

const N = Number(process.env.CAD_BENCH_RESULTS ?? 1_000_000);
const PER_DAY = 3_000;
const DAYS = Math.ceil(N / PER_DAY);
const scratch = await scratchDatabase('cadcal');
const { db } = scratch;

/**
 * `count` scored studies numbered from `first`, arriving at `dayExpr`: a study, its completed
 * read, its released report and its CAD result each, through one staging table. Version by
 * thirds of the history.
 */
async function seedResults(first: number, count: number, dayExpr: string): Promise<void> {
  await sql`drop table if exists seed`.execute(db);
  await sql`
    create unlogged table seed as
    select g, gen_random_uuid() as study_id, gen_random_uuid() as task_id,
      gen_random_uuid() as report_id,
      (select array_agg(id order by code) from clinics)[1 + g % (select count(*) from clinics)::int] as clinic_id,
      (select id from users where username = 'radiologist') as reader_id,
      ${sql.raw(dayExpr)} as arrived_at,
      random() < 0.2 as abnormal, random() as r
    from generate_series(${first}::int, ${first + count - 1}::int) g`.execute(db);
  await sql`
    insert into studies (id, study_uid, clinic_id, patient_id, patient_name, patient_name_norm,
                         first_received_at, last_received_at, stable_at)
    select study_id, '2.25.' || g, clinic_id, 'P' || g, 'PATIENT^' || g, 'PATIENT ' || g,
           arrived_at - interval '1 minute', arrived_at - interval '1 minute', arrived_at
    from seed`.execute(db);
  await sql`
    insert into reading_tasks (id, study_id, clinic_id, type, state, priority, centre_id,
      assignee_id, queued_at, due_at, completed_at, created_at, turnaround_minutes)
    select s.task_id, s.study_id, s.clinic_id, 'primary_read', 'completed', 'routine',
      c.home_centre_id, s.reader_id, s.arrived_at, s.arrived_at + interval '1 hour',
      s.arrived_at + interval '20 minutes', s.arrived_at, 20
    from seed s join clinics c on c.id = s.clinic_id`.execute(db);
  await sql`
    insert into reports (id, task_id, study_id, clinic_id, programme, form_id, form_version,
      state, content, author_id, signed_by, signed_at, signer_name, released_at, current_version)
    select s.report_id, s.task_id, s.study_id, s.clinic_id, 'US', 'us-ds3030', '2026.1', 'final',
      case when s.abnormal
           then '{"result":"abnormal","findings":[{"code":"consolidation","formItem":"infiltrate"}]}'
           else '{"result":"normal","findings":[]}' end::jsonb,
      s.reader_id, s.reader_id, s.arrived_at + interval '20 minutes', 'Reader',
      s.arrived_at + interval '20 minutes', 1
    from seed s`.execute(db);
  // Abnormal reads score higher (a binormal-ish mix); the latest version scores higher still.
  await sql`
    insert into cad_results (study_id, clinic_id, product_id, result_key, score, source, received_at)
    select s.study_id, s.clinic_id, v.id, 'study',
      least(100, greatest(0, round((case when s.abnormal then 62 else 28 end
        + 18 * sqrt(-2 * ln(greatest(s.r, 1e-9))) * cos(2 * pi() * random())
        + case when v.version = '7.1.0' then 6 else 0 end)::numeric, 1)))::float8,
      'webhook', s.arrived_at + interval '2 minutes'
    from seed s
    join cad_products v on v.name = 'CAD4TB' and v.version = (case
      when s.arrived_at < now() - ${Math.round((DAYS * 2) / 3)} * interval '1 day' then '6.0.0'
      when s.arrived_at < now() - ${Math.round(DAYS / 3)} * interval '1 day' then '7.0.0'
      else '7.1.0' end)`.execute(db);
}

try {
  await seedDemo(db);
  const versions = ['6.0.0', '7.0.0', '7.1.0'];
  for (const [i, version] of versions.entries()) {
    const p = await sql<{ id: string }>`
      insert into cad_products (name, vendor, version, score_min, score_max, created_at)
      values ('CAD4TB', 'Delft Imaging', ${version}, 0, 100, now() - ${versions.length - i} * interval '1 year')
      returning id`.execute(db);
    for (const programme of PROGRAMMES)
      await sql`
        insert into cad_thresholds (product_id, programme, operating_threshold, triage_threshold, effective_from)
        values (${p.rows[0]!.id}::uuid, ${programme}, 50, 80, now() - interval '2 years')`.execute(
        db,
      );
  }
  let t = performance.now();
  // The history goes in with the stale-day triggers off; its days are then marked at once.
  for (const [table, trigger] of [
    ['reports', 'reports_kpi_stale'],
    ['reports', 'reports_kpi_cad_stale'],
    ['cad_results', 'cad_results_kpi_stale'],
  ] as const)
    await sql`alter table ${sql.table(table)} disable trigger ${sql.ref(trigger)}`.execute(db);
  await seedResults(
    1,
    N,
    `date_trunc('day', now()) - ((g / ${PER_DAY}) + 1) * interval '1 day' + (g % ${PER_DAY}) * interval '28 seconds'`,
  );
  for (const [table, trigger] of [
    ['reports', 'reports_kpi_stale'],
    ['reports', 'reports_kpi_cad_stale'],
    ['cad_results', 'cad_results_kpi_stale'],
  ] as const)
    await sql`alter table ${sql.table(table)} enable trigger ${sql.ref(trigger)}`.execute(db);
  await sql`drop table seed`.execute(db);
  await sql`analyze`.execute(db);
  console.log(
    `seeded ${N.toLocaleString('en')} scored and read studies over ${DAYS} days in ${seconds(t)}`,
  );

  t = performance.now();
  await sql`
    insert into kpi_cad_stale_days (day)
    select distinct (received_at at time zone 'UTC')::date from cad_results
    on conflict do nothing`.execute(db);
  const backfill = await refreshCadStaleDays(db);
  await sql`analyze kpi_cad_reads`.execute(db);
  await sql`analyze kpi_cad_bins`.execute(db);
  console.log(
    `built the CAD facts of ${backfill.days.length} days (${backfill.results.toLocaleString('en')} studies) in ${seconds(t)}`,
  );
  const rows = await sql<{ n: number }>`select count(*)::int as n from kpi_cad_bins`.execute(db);
  console.log(`kpi_cad_bins rows: ${rows.rows[0]!.n.toLocaleString('en')}`);

  const qa = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', 'qa')
    .executeTakeFirstOrThrow();
  const ctx: ServiceContext = {
    actor: {
      userId: qa.id,
      username: qa.username,
      displayName: qa.display_name,
      roles: ['qa'],
      clinicIds: [],
      via: 'session',
    },
    requestId: 'bench',
    ip: null,
    db,
  };
  const v7 = await db
    .selectFrom('cad_products')
    .select('id')
    .where('version', '=', '7.0.0')
    .executeTakeFirstOrThrow();
  const clinic = await db
    .selectFrom('clinics')
    .select('id')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const from = new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10);
  const base = { productId: v7.id, programme: 'GENERAL' as const, from };
  const first = await cadCalibration(ctx, base);
  console.log(
    `\nCAD4TB 7.0.0, GENERAL, whole year: ${first.counts.scored.toLocaleString('en')} scored, AUC ${first.auc?.toFixed(4)} ± ${first.aucBound?.toFixed(4)}; ` +
      first.thresholds
        .map(
          (x) =>
            `${x.kind} ${x.threshold}: sens ${x.sensitivity.toFixed(3)} spec ${x.specificity.toFixed(3)} (± ${x.sensitivityBound.toFixed(3)} / ${x.specificityBound.toFixed(3)})`,
        )
        .join('; '),
  );
  const runs = Number(process.env.CAD_BENCH_RUNS ?? 20);
  const cases: Record<string, () => Promise<unknown>> = {
    'page, whole year': () => cadCalibration(ctx, base),
    'page, whole year, one clinic': () => cadCalibration(ctx, { ...base, clinicId: clinic.id }),
    'page, last 30 days': () =>
      cadCalibration(ctx, {
        ...base,
        from: new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10),
      }),
    'drill: true positives, page 1': () =>
      cadCalibrationReads(ctx, { ...base, fromBin: 50, outcome: 'abnormal', page: 1 }),
    'drill: true positives, page 100': () =>
      cadCalibrationReads(ctx, { ...base, fromBin: 50, outcome: 'abnormal', page: 100 }),
    'drill: a clinic-month flagged': () =>
      cadCalibrationReads(ctx, {
        ...base,
        clinicId: clinic.id,
        month: first.flagged[0]!.month,
        flagged: 'true',
        family: 'true',
        page: 1,
      }),
  };
  console.log(`\n${runs} runs each:\n  answer                              p50 ms    p95 ms`);
  for (const [label, run] of Object.entries(cases)) {
    const r = await timed(run, runs);
    console.log(
      `  ${label.padEnd(34)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(9)}`,
    );
  }

  // A day of new results: ~3,000 arrivals today mark today stale; the next refresh takes them in.
  t = performance.now();
  await seedResults(
    N + 1,
    PER_DAY,
    `date_trunc('day', now()) + (g % ${PER_DAY}) * interval '1 second'`,
  );
  await sql`drop table seed`.execute(db);
  const inserted = seconds(t);
  t = performance.now();
  const day = await refreshCadStaleDays(db);
  console.log(
    `\na day of ${day.results.toLocaleString('en')} new results (inserted in ${inserted}): refresh ${(performance.now() - t).toFixed(0)} ms`,
  );
  const idle = await timed(() => refreshCadStaleDays(db), 20);
  console.log(`refresh with nothing stale: p95 ${idle.p95.toFixed(2)} ms`);
} finally {
  await scratch.drop();
}
