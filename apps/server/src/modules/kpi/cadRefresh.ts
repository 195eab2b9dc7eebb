import { CAD_CALIBRATION_BINS, PROGRAMMES } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { resultKinds } from './refresh';

/** What one CAD refresh did. */
export interface CadRefresh {
  /** The UTC result days rebuilt. */
  days: string[];
  /** Studies scored on those days now (one per study and product version). */
  results: number;
}

/**
 * Rebuilds the CAD calibration facts (`kpi_cad_reads`, `kpi_cad_bins`) of every result day
 * marked stale, and clears the marks, in one transaction under its own advisory lock: the same
 * mechanism as the KPI facts (docs/adr/0024), keyed by the day a result arrived
 * (docs/adr/0045). A new result, a report's release or change, and a programme chosen for a
 * study mark their study's result days in their own transaction (migration 0059). Nothing
 * stale: one indexed probe, no write.
 */
export async function refreshCadStaleDays(db: Db): Promise<CadRefresh> {
  const pending = await db
    .selectFrom('kpi_cad_stale_days')
    .select('day')
    .limit(1)
    .executeTakeFirst();
  if (!pending) return { days: [], results: 0 };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kpi_cad_refresh'))`.execute(trx);
    const taken = await trx.deleteFrom('kpi_cad_stale_days').returning('day').execute();
    const days = taken.map((d) => d.day).sort();
    if (days.length === 0) return { days, results: 0 };
    await trx.deleteFrom('kpi_cad_reads').where('day', 'in', days).execute();
    await trx.deleteFrom('kpi_cad_bins').where('day', 'in', days).execute();
    const kinds = JSON.stringify(resultKinds());
    let results = 0;
    // A day at a time with its bounds as values, as the KPI refresh does, so the planner walks
    // the range index on cad_results.
    for (const day of days) {
      const start = new Date(`${day}T00:00:00Z`);
      results += await insertDay(trx, day, start, new Date(start.getTime() + 86_400_000), kinds);
    }
    await sql`
      insert into kpi_cad_bins (day, product_id, programme, clinic_id, bin, abnormal, normal, unread)
      select day, product_id, programme, clinic_id, bin,
             (count(*) filter (where abnormal))::int, (count(*) filter (where not abnormal))::int,
             (count(*) filter (where abnormal is null))::int
      from kpi_cad_reads where day = any(${days}::date[])
      group by 1, 2, 3, 4, 5`.execute(trx);
    return { days, results };
  });
}

/**
 * Inserts the facts of the results received on UTC `day`: per study and product version its
 * latest scored result (an error code has no score; a later result of the same version
 * replaces an earlier one), the programme whose thresholds apply (docs/adr/0027: the one chosen
 * for the study, else the clinic's only programme, else GENERAL — as `cadProgrammes`), the
 * score normalised to 0–1 with higher more abnormal and its bin (`scoreBin` in contracts), and
 * the study's final read: its latest released report, abnormal exactly as the KPI facts class
 * it (any result kind but `normal`; without a kind, any finding).
 */
async function insertDay(
  trx: Db,
  day: string,
  start: Date,
  end: Date,
  kinds: string,
): Promise<number> {
  const bins = CAD_CALIBRATION_BINS;
  const { rows } = await sql<{ n: number }>`
    with latest as (
      select cr.id, cr.study_id, cr.product_id, cr.clinic_id, cr.score, cr.received_at,
             case when p.higher_is_abnormal
                  then (cr.score - p.score_min) / (p.score_max - p.score_min)
                  else (p.score_max - cr.score) / (p.score_max - p.score_min) end as normalised
      from cad_results cr join cad_products p on p.id = cr.product_id
      where cr.received_at >= ${start} and cr.received_at < ${end} and cr.score is not null
        and not exists (select 1 from cad_results n
                        where n.study_id = cr.study_id and n.product_id = cr.product_id
                          and n.score is not null
                          and (n.received_at, n.id) > (cr.received_at, cr.id))
    ), facts as (
      select l.*,
             coalesce(sr.programme,
                      case when cardinality(own.programmes) = 1 then own.programmes[1] else 'GENERAL' end)
               as programme,
             r.id as report_id,
             case when r.id is null then null
                  when (${kinds}::jsonb ->> (r.form_id || '@' || r.form_version || '#' || (r.content ->> 'result'))) is null
                    then jsonb_array_length(coalesce(r.content -> 'findings', '[]'::jsonb)) > 0
                  else (${kinds}::jsonb ->> (r.form_id || '@' || r.form_version || '#' || (r.content ->> 'result'))) <> 'normal'
             end as abnormal
      from latest l
      join clinics c on c.id = l.clinic_id
      cross join lateral (select array(select x from unnest(c.programmes) x
                                       where x = any(${[...PROGRAMMES]}::text[])) as programmes) own
      left join study_requests sr on sr.study_id = l.study_id
      left join lateral (select e.id, e.form_id, e.form_version, e.content from reports e
                         where e.study_id = l.study_id and e.released_at is not null
                         order by e.released_at desc limit 1) r on true
    ), ins as (
      insert into kpi_cad_reads (result_id, study_id, product_id, day, received_at, clinic_id,
        programme, score, normalised, bin, report_id, abnormal)
      select id, study_id, product_id, ${day}::date, received_at, clinic_id, programme, score,
             normalised,
             least(${bins - 1}, greatest(0, floor(normalised * ${bins} + 1e-9)))::smallint,
             report_id, abnormal
      from facts
      returning 1
    )
    select count(*)::int as n from ins`.execute(trx);
  return rows[0]?.n ?? 0;
}
