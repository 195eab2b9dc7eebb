import { FINDINGS, REPORT_FORMS } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/**
 * The kind of every result option of every report form, keyed `formId@version#resultId`: the
 * forms are data (packages/contracts), so the refresh passes this map to SQL rather than copying
 * the forms into a table that could drift from them.
 */
export function resultKinds(): Record<string, string> {
  const kinds: Record<string, string> = {};
  for (const form of REPORT_FORMS)
    for (const option of form.results)
      kinds[`${form.id}@${form.version}#${option.id}`] = option.kind;
  return kinds;
}

/** The finding codes that suggest TB (the vocabulary's `tbSuggestive`). */
export const TB_FINDING_CODES: readonly string[] = FINDINGS.filter((f) => f.tbSuggestive).map(
  (f) => f.code,
);

/** What one refresh did. */
export interface Refresh {
  /** The UTC days rebuilt. */
  days: string[];
  /** Released reads in those days now. */
  reads: number;
}

/**
 * Rebuilds the KPI facts of every day marked stale (a release, addendum or amendment on that day
 * marked it in its own transaction; migration 0031) and clears the marks, in one transaction under
 * an advisory lock so two refreshes never interleave. A day is rebuilt whole from reports and
 * reading_tasks, so a refresh is idempotent and its cost is that of the changed days only
 * (docs/adr/0024-kpi-aggregates.md). Nothing stale: one indexed probe, no write.
 */
export async function refreshStaleDays(db: Db): Promise<Refresh> {
  const pending = await db.selectFrom('kpi_stale_days').select('day').limit(1).executeTakeFirst();
  if (!pending) return { days: [], reads: 0 };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kpi_refresh'))`.execute(trx);
    const taken = await trx.deleteFrom('kpi_stale_days').returning('day').execute();
    const days = taken.map((d) => d.day).sort();
    if (days.length === 0) return { days, reads: 0 };
    await trx.deleteFrom('kpi_reads').where('day', 'in', days).execute();
    await trx.deleteFrom('kpi_daily').where('day', 'in', days).execute();
    await trx.deleteFrom('kpi_turnaround').where('day', 'in', days).execute();
    await trx.deleteFrom('kpi_arrivals').where('day', 'in', days).execute();
    // A result of kind `tb`, or any finding that suggests TB (as the report's view says).
    const kinds = JSON.stringify(resultKinds());
    // A day at a time, its bounds as values: the planner then sees one day's few thousand
    // releases and walks the indexes, where a join over a list of days plans for a large share
    // of the table and scans reading_tasks, studies and reports whole.
    let reads = 0;
    for (const day of days) {
      const start = new Date(`${day}T00:00:00Z`);
      reads += await insertDay(trx, day, start, new Date(start.getTime() + 86_400_000), kinds);
    }
    await sql`
      insert into kpi_daily (day, centre_id, clinic_id, reader_id, programme, reads, abnormal, tb_suggestive)
      select day, centre_id, clinic_id, reader_id, programme, count(*)::int,
             (count(*) filter (where abnormal))::int, (count(*) filter (where tb_suggestive))::int
      from kpi_reads where day = any(${days}::date[])
      group by 1, 2, 3, 4, 5`.execute(trx);
    // Raw and service-hours turnaround into the same minute rows (either may be absent).
    await sql`
      insert into kpi_turnaround (day, centre_id, clinic_id, reader_id, programme, minute, raw, service)
      select day, centre_id, clinic_id, reader_id, programme, minute,
             (count(*) filter (where basis = 'raw'))::int, (count(*) filter (where basis = 'service'))::int
      from kpi_reads k
      cross join lateral (values ('raw', ceil(k.turnaround_minutes)::int),
                                 ('service', ceil(k.service_turnaround_minutes)::int)) as b(basis, minute)
      where k.day = any(${days}::date[]) and b.minute is not null
      group by 1, 2, 3, 4, 5, 6`.execute(trx);
    await sql`
      insert into kpi_arrivals (day, centre_id, clinic_id, weekday, hour, reads, timed, minutes)
      select day, centre_id, clinic_id, arrival_weekday, arrival_hour,
             count(*)::int, count(turnaround_minutes)::int, coalesce(sum(turnaround_minutes), 0)
      from kpi_reads
      where day = any(${days}::date[]) and arrival_weekday is not null
      group by 1, 2, 3, 4, 5`.execute(trx);
    return { days, reads };
  });
}

/** Inserts the facts of the reads first released on UTC `day`, [start, end); answers how many. */
async function insertDay(
  trx: Db,
  day: string,
  start: Date,
  end: Date,
  kinds: string,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
      with facts as (
        select r.id as report_id, r.study_id, ${day}::date as day, r.released_at,
               coalesce(t.first_queued_at, t.queued_at) as arrived_at,
               t.centre_id, r.clinic_id, r.signed_by as reader_id, r.programme,
               t.turnaround_minutes, t.service_turnaround_minutes,
               st.first_received_at as received_at,
               not exists (select 1 from reports e where e.study_id = r.study_id
                           and e.released_at < r.released_at) as first_of_study,
               extract(isodow from coalesce(t.first_queued_at, t.queued_at) at time zone c.time_zone)::smallint as arrival_weekday,
               extract(hour from coalesce(t.first_queued_at, t.queued_at) at time zone c.time_zone)::smallint as arrival_hour,
               (${kinds}::jsonb ->> (r.form_id || '@' || r.form_version || '#' || (r.content ->> 'result'))) as kind,
               jsonb_array_length(coalesce(r.content -> 'findings', '[]'::jsonb)) as findings,
               exists (select 1 from jsonb_array_elements(coalesce(r.content -> 'findings', '[]'::jsonb)) f
                       where f ->> 'code' = any(${TB_FINDING_CODES}::text[])) as tb_finding
        from reports r
        join reading_tasks t on t.id = r.task_id
        join studies st on st.id = r.study_id
        left join centres c on c.id = t.centre_id
        where r.released_at >= ${start} and r.released_at < ${end}
      ), ins as (
        insert into kpi_reads (report_id, study_id, day, released_at, arrived_at, centre_id,
          clinic_id, reader_id, programme, turnaround_minutes, service_turnaround_minutes,
          arrival_weekday, arrival_hour, abnormal, tb_suggestive, received_at, first_of_study)
        select report_id, study_id, day, released_at, arrived_at, centre_id, clinic_id, reader_id,
               programme, turnaround_minutes, service_turnaround_minutes, arrival_weekday,
               arrival_hour,
               case when kind is null then findings > 0 else kind <> 'normal' end,
               coalesce(kind = 'tb', false) or tb_finding, received_at, first_of_study
        from facts
        returning 1
      )
      select count(*)::int as n from ins`.execute(trx);
  return rows[0]?.n ?? 0;
}
