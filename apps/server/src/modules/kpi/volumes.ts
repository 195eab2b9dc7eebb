import type { KpiDashboard, KpiUnit } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { funnelLimits, funnelZone } from '../qa';
import { factConditions, type Scope } from './filters';

type Volumes = KpiDashboard['volumes'];
type Findings = KpiDashboard['findings'];

/** Reads per day of the period, every day listed (a day with none shows as 0). */
export async function readsPerDay(db: Db, s: Scope): Promise<Volumes['perDay']> {
  const { rows } = await sql<{ day: string; reads: number }>`
    select g.day::date::text as day, coalesce(sum(d.reads), 0)::int as reads
    from generate_series(${s.from}::date, ${s.to}::date, interval '1 day') as g(day)
    left join kpi_daily d on d.day = g.day::date and ${factConditions(s, 'd', false)}
    group by g.day order by g.day`.execute(db);
  return rows;
}

interface UnitRow {
  id: string;
  name: string;
  reads: number;
  abnormal: number;
  tb: number;
}

const zone = (count: number, n: number, p0: number | null) =>
  p0 === null || n === 0 ? 'within' : funnelZone(count / n, funnelLimits(p0, n));

/** Volume and findings per clinic or per reader, placed against the overall rates' funnel. */
async function units(
  db: Db,
  s: Scope,
  by: 'clinic' | 'reader',
  overall: { abnormal: number | null; tb: number | null },
): Promise<KpiUnit[]> {
  const { rows } =
    by === 'clinic'
      ? await sql<UnitRow>`
          select d.clinic_id as id, min(c.name) as name, sum(d.reads)::int as reads,
            sum(d.abnormal)::int as abnormal, sum(d.tb_suggestive)::int as tb
          from kpi_daily d join clinics c on c.id = d.clinic_id
          where ${factConditions(s, 'd')} group by d.clinic_id order by reads desc`.execute(db)
      : await sql<UnitRow>`
          select d.reader_id as id, min(u.display_name) as name, sum(d.reads)::int as reads,
            sum(d.abnormal)::int as abnormal, sum(d.tb_suggestive)::int as tb
          from kpi_daily d join users u on u.id = d.reader_id
          where ${factConditions(s, 'd')} group by d.reader_id order by reads desc`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    reads: r.reads,
    abnormal: r.abnormal,
    tbSuggestive: r.tb,
    abnormalZone: zone(r.abnormal, r.reads, overall.abnormal),
    tbZone: zone(r.tb, r.reads, overall.tb),
  }));
}

/** The funnel's limits around `p0` from volume 1 to `max`, at points spaced evenly in log n. */
export function funnelCurve(p0: number | null, max: number): Findings['abnormalFunnel'] {
  if (p0 === null || max < 1) return [];
  const points = new Set<number>();
  for (let i = 0; i <= 40; i++) points.add(Math.max(1, Math.round(Math.pow(max, i / 40))));
  return [...points].sort((a, b) => a - b).map((n) => funnelLimits(p0, n));
}

/** Volumes per clinic and reader, and the findings rates with their funnels. */
export async function volumesAndFindings(
  db: Db,
  s: Scope,
): Promise<{ volumes: Omit<Volumes, 'perDay'>; findings: Findings }> {
  const { rows } = await sql<{ reads: number; abnormal: number; tb: number }>`
    select coalesce(sum(d.reads), 0)::int as reads, coalesce(sum(d.abnormal), 0)::int as abnormal,
      coalesce(sum(d.tb_suggestive), 0)::int as tb
    from kpi_daily d where ${factConditions(s, 'd')}`.execute(db);
  const t = rows[0]!;
  const overall = {
    abnormal: t.reads ? t.abnormal / t.reads : null,
    tb: t.reads ? t.tb / t.reads : null,
  };
  const [perClinic, perReader] = await Promise.all([
    units(db, s, 'clinic', overall),
    units(db, s, 'reader', overall),
  ]);
  const max = Math.max(0, ...perClinic.map((u) => u.reads), ...perReader.map((u) => u.reads));
  return {
    volumes: { perClinic, perReader },
    findings: {
      reads: t.reads,
      abnormalRate: overall.abnormal,
      tbRate: overall.tb,
      abnormalFunnel: funnelCurve(overall.abnormal, max),
      tbFunnel: funnelCurve(overall.tb, max),
    },
  };
}
