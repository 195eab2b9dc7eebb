import type { KpiDashboard } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { clinicConditions, factConditions, num, type Scope } from './filters';
import { countBetween, histogramPercentile, withinTarget, type MinuteCount } from './histogram';

/** The histogram's bar edges in minutes: bars are (from, to], the first from 0, the last open. */
export const TURNAROUND_EDGES = [0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 480, 1440];

type Turnaround = KpiDashboard['turnaround'];

const figures = (bins: readonly MinuteCount[], target: number) => ({
  median: histogramPercentile(bins, 50),
  p90: histogramPercentile(bins, 90),
  p95: histogramPercentile(bins, 95),
  withinTarget: withinTarget(bins, target),
});

/**
 * Turnaround of the period's released reads, raw and in service hours, from the whole-minute
 * histogram (`kpi_turnaround`): median, p90 and p95 (type 7, within one minute of exact), the
 * share within the target (exact), and the histogram's bars.
 */
export async function turnaround(
  db: Db,
  s: Scope,
): Promise<Pick<Turnaround, 'reads' | 'raw' | 'service' | 'histogram'>> {
  const { rows } = await sql<{ minute: number; raw: number; service: number }>`
    select t.minute, sum(t.raw)::int as raw, sum(t.service)::int as service
    from kpi_turnaround t where ${factConditions(s, 't')}
    group by t.minute order by t.minute`.execute(db);
  const raw = rows.filter((r) => r.raw > 0).map((r) => ({ minute: r.minute, n: r.raw }));
  const service = rows
    .filter((r) => r.service > 0)
    .map((r) => ({ minute: r.minute, n: r.service }));
  const { rows: total } = await sql<{ reads: number }>`
    select coalesce(sum(d.reads), 0)::int as reads from kpi_daily d
    where ${factConditions(s, 'd')}`.execute(db);
  return {
    reads: total[0]!.reads,
    raw: figures(raw, s.targetMinutes),
    service: figures(service, s.targetMinutes),
    histogram: TURNAROUND_EDGES.map((from, i) => {
      const to = TURNAROUND_EDGES[i + 1] ?? null;
      return {
        fromMinutes: from,
        toMinutes: to,
        raw: countBetween(raw, from, to),
        service: countBetween(service, from, to),
      };
    }),
  };
}

/**
 * Reads and their mean raw turnaround by the weekday and hour they arrived, in the centre's time:
 * from the per-clinic arrival counts, or, filtered to one radiologist or programme, from those
 * reads' own facts.
 */
export async function turnaroundHeatmap(db: Db, s: Scope): Promise<Turnaround['heatmap']> {
  const { rows } =
    s.readerId || s.programme
      ? await sql<{ weekday: number; hour: number; reads: number; mean: unknown }>`
          select k.arrival_weekday as weekday, k.arrival_hour as hour, count(*)::int as reads,
            avg(k.turnaround_minutes) as mean
          from kpi_reads k
          where ${factConditions(s, 'k')} and k.arrival_weekday is not null
          group by 1, 2 order by 1, 2`.execute(db)
      : await sql<{ weekday: number; hour: number; reads: number; mean: unknown }>`
          select a.weekday, a.hour, sum(a.reads)::int as reads,
            sum(a.minutes) / nullif(sum(a.timed), 0) as mean
          from kpi_arrivals a
          where a.day between ${s.from}::date and ${s.to}::date
            and ${clinicConditions(s, 'a.clinic_id', 'a.centre_id')}
          group by 1, 2 order by 1, 2`.execute(db);
  return rows.map((r) => ({
    weekday: r.weekday,
    hour: r.hour,
    reads: r.reads,
    meanMinutes: r.mean === null ? null : Math.round(num(r.mean)! * 10) / 10,
  }));
}
