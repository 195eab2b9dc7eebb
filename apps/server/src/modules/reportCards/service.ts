import type { ReportCard, ReportCardList, ReportCardQuery } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import {
  funnelPoints,
  funnelSteps,
  peerReviewOf,
  qcOf,
  rateAgainstPeers,
  summaryOf,
  turnaroundOf,
} from './figures';
import { periodOf, weeksOf } from './period';
import { qcAgreementIn, readerOf, readers, scoresIn, totalsIn, weeklyReads } from './queries';

/**
 * `GET /api/report-cards`: every reader's key figures over the period (QA, consultants,
 * administrators), those who read first, most reads first; readers with no reads follow so an
 * idle reader is visible too.
 */
export async function listReportCards(
  ctx: ServiceContext,
  q: ReportCardQuery,
  now = new Date(),
): Promise<ReportCardList> {
  const p = periodOf(q, now);
  const [all, scores] = await Promise.all([totalsIn(ctx.db, p), scoresIn(ctx.db, p)]);
  const byId = new Map(all.map((t) => [t.readerId, t]));
  const names = await readers(ctx.db, [...byId.keys()]);
  const scoresBy = new Map<string, string[]>();
  for (const s of scores) scoresBy.set(s.readerId, [...(scoresBy.get(s.readerId) ?? []), s.score]);
  const items = [...names.entries()]
    .map(([id, name]) => summaryOf({ id, name }, byId.get(id), all, scoresBy.get(id) ?? []))
    .sort((a, b) => b.volume - a.volume || a.reader.name.localeCompare(b.reader.name));
  return {
    period: { from: p.from, to: p.to },
    pooledAbnormalRate: rateAgainstPeers(undefined, all, 'abnormal').pooledRate,
    items,
  };
}

/**
 * `GET /api/report-cards/:id`: one reader's card. The scope check has already refused a
 * radiologist another reader's card (their peer-review scores are confidential); a user who
 * reads nothing here has no card.
 */
export async function getReportCard(
  ctx: ServiceContext,
  readerId: string,
  q: ReportCardQuery,
  now = new Date(),
): Promise<ReportCard> {
  const p = periodOf(q, now);
  const reader = await readerOf(ctx.db, readerId);
  if (!reader) throw appError('NOT_FOUND');
  const [all, scores, weekly, qc] = await Promise.all([
    totalsIn(ctx.db, p),
    scoresIn(ctx.db, p, readerId),
    weeklyReads(ctx.db, p, readerId),
    qcAgreementIn(ctx.db, p),
  ]);
  const mine = all.find((t) => t.readerId === readerId);
  const abnormal = rateAgainstPeers(mine, all, 'abnormal');
  const peers = funnelPoints(all);
  return {
    reader,
    period: { from: p.from, to: p.to },
    volume: mine?.reads ?? 0,
    weekly: weeksOf(p).map((week) => ({ week, reads: weekly.get(week) ?? 0 })),
    turnaround: turnaroundOf(mine),
    peerReview: peerReviewOf(scores.map((s) => s.score)),
    consultation: rateAgainstPeers(mine, all, 'consulted'),
    qc: qcOf(readerId, qc),
    abnormal,
    peers,
    funnel: funnelSteps(
      abnormal.pooledRate,
      Math.max(mine?.reads ?? 0, ...peers.map((x) => x.n), 0),
    ),
  };
}
