import type { KpiDashboard, KpiFilters } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { settle } from './filters';
import { consultations, incidents, peerReview, queue, retakes } from './live';
import { qcTrend } from './qcTrend';
import { refreshStaleDays } from './refresh';
import { turnaround, turnaroundHeatmap } from './turnaround';
import { readsPerDay, volumesAndFindings } from './volumes';

/**
 * Every panel of the dashboard for the filters. The days changed since the last refresh are
 * rebuilt first, so a release is on the dashboard as soon as it committed; then the panels run
 * side by side, each over the facts of the period alone.
 */
export async function kpiDashboard(
  db: Db,
  filters: KpiFilters,
  now: Date = new Date(),
): Promise<KpiDashboard> {
  await refreshStaleDays(db);
  const s = settle(filters, now);
  const [ta, heatmap, perDay, vf, q, rt, pr, co, inc, qc] = await Promise.all([
    turnaround(db, s),
    turnaroundHeatmap(db, s),
    readsPerDay(db, s),
    volumesAndFindings(db, s),
    queue(db, s),
    retakes(db, s),
    peerReview(db, s),
    consultations(db, s),
    incidents(db, s),
    qcTrend(db, s),
  ]);
  return {
    period: { from: s.from, to: s.to },
    targetMinutes: s.targetMinutes,
    turnaround: { ...ta, heatmap },
    volumes: { perDay, ...vf.volumes },
    queue: q,
    findings: vf.findings,
    retakes: rt,
    retakeDenominator: q.received,
    peerReview: pr,
    consultations: co,
    incidents: inc,
    qc,
  };
}
