import { QC_CATEGORIES, qcAgreement, type KpiDashboard, type QcCategory } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { cohensKappa } from '../qa';
import { clinicConditions, instants, type Scope } from './filters';

/**
 * The QC trend: the centre's blind re-reads of clinic reads per week of the period, each week's
 * agreement table (clinic category × centre category, DOMAIN.md §5) summarised as Cohen's kappa
 * (`qa/stats`) and its discordant and major-discordant pairs. Clinic filters apply; a re-read
 * has no reader or programme of the KPI kind.
 */
export async function qcTrend(db: Db, s: Scope): Promise<KpiDashboard['qc']> {
  const { start, end } = instants(s);
  const { rows } = await sql<{ week: string; clinic: QcCategory; centre: QcCategory; n: number }>`
    select date_trunc('week', q.reread_at at time zone 'UTC')::date::text as week,
      q.category as clinic, q.centre_category as centre, count(*)::int as n
    from clinic_reads q
    where q.reread_at >= ${start} and q.reread_at < ${end}
      and ${clinicConditions(s, 'q.clinic_id', null)}
    group by 1, 2, 3 order by 1`.execute(db);
  const weeks = [...new Set(rows.map((r) => r.week))];
  return weeks.map((week) => {
    const table = QC_CATEGORIES.map(() => QC_CATEGORIES.map(() => 0));
    let discordant = 0;
    let major = 0;
    for (const r of rows.filter((x) => x.week === week)) {
      table[QC_CATEGORIES.indexOf(r.clinic)]![QC_CATEGORIES.indexOf(r.centre)]! += r.n;
      if (r.clinic !== r.centre) discordant += r.n;
      if (qcAgreement(r.clinic, r.centre) === 'major') major += r.n;
    }
    const k = cohensKappa(table);
    return { week, pairs: k.n, kappa: k.kappa, discordant, major };
  });
}
