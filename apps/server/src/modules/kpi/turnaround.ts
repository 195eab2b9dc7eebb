import type { KpiDashboard } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { factConditions, num, type Scope } from './filters';

/** The histogram's bar edges in minutes; the last bar is open-ended. */
export const TURNAROUND_EDGES = [0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 480, 1440];

type Turnaround = KpiDashboard['turnaround'];

const figures = (p: unknown, within: unknown) => {
  const a = (p as (number | string | null)[] | null) ?? [null, null, null];
  return { median: num(a[0]), p90: num(a[1]), p95: num(a[2]), withinTarget: num(within) };
};

/**
 * Turnaround of the period's released reads: median, p90 and p95 by `percentile_cont` (the same
 * type-7 interpolation as `percentile` in qa/stats) and the share within the target, raw and in
 * service hours.
 */
export async function turnaroundSummary(
  db: Db,
  s: Scope,
): Promise<Pick<Turnaround, 'reads' | 'raw' | 'service'>> {
  const { rows } = await sql<{
    reads: number;
    raw: unknown;
    service: unknown;
    raw_within: unknown;
    service_within: unknown;
  }>`
    select count(*)::int as reads,
      percentile_cont(array[0.5, 0.9, 0.95]) within group (order by k.turnaround_minutes) as raw,
      percentile_cont(array[0.5, 0.9, 0.95]) within group (order by k.service_turnaround_minutes) as service,
      avg((k.turnaround_minutes <= ${s.targetMinutes})::int) as raw_within,
      avg((k.service_turnaround_minutes <= ${s.targetMinutes})::int) as service_within
    from kpi_reads k where ${factConditions(s, 'k')}`.execute(db);
  const r = rows[0]!;
  return {
    reads: r.reads,
    raw: figures(r.raw, r.raw_within),
    service: figures(r.service, r.service_within),
  };
}

/** The histogram of turnaround, raw and in service hours, over `TURNAROUND_EDGES`. */
export async function turnaroundHistogram(db: Db, s: Scope): Promise<Turnaround['histogram']> {
  const edges = sql`${TURNAROUND_EDGES.slice(1)}::numeric[]`;
  const { rows } = await sql<{ basis: 'raw' | 'service'; bin: number; n: number }>`
    with b as materialized (
      select width_bucket(k.turnaround_minutes, ${edges}) as raw_bin,
             width_bucket(k.service_turnaround_minutes, ${edges}) as service_bin
      from kpi_reads k where ${factConditions(s, 'k')}
    )
    select 'raw' as basis, raw_bin as bin, count(*)::int as n from b
      where raw_bin is not null group by raw_bin
    union all
    select 'service', service_bin, count(*)::int from b
      where service_bin is not null group by service_bin`.execute(db);
  const count = (basis: 'raw' | 'service', i: number) =>
    rows.find((r) => r.basis === basis && r.bin === i)?.n ?? 0;
  return TURNAROUND_EDGES.map((from, i) => ({
    fromMinutes: from,
    toMinutes: TURNAROUND_EDGES[i + 1] ?? null,
    raw: count('raw', i),
    service: count('service', i),
  }));
}

/** Reads and median raw turnaround by the weekday and hour they arrived, in the centre's time. */
export async function turnaroundHeatmap(db: Db, s: Scope): Promise<Turnaround['heatmap']> {
  const { rows } = await sql<{ weekday: number; hour: number; reads: number; median: unknown }>`
    select k.arrival_weekday as weekday, k.arrival_hour as hour, count(*)::int as reads,
      percentile_cont(0.5) within group (order by k.turnaround_minutes) as median
    from kpi_reads k
    where ${factConditions(s, 'k')} and k.arrival_weekday is not null
    group by 1, 2 order by 1, 2`.execute(db);
  return rows.map((r) => ({
    weekday: r.weekday,
    hour: r.hour,
    reads: r.reads,
    medianMinutes: num(r.median),
  }));
}
