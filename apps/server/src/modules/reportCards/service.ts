import type { ReportCard, ReportCardList, ReportCardQuery } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import {
  byReader,
  funnelPoints,
  funnelSteps,
  peerReviewOf,
  rateAgainstPeers,
  summaryOf,
  turnaroundOf,
} from './figures';
import { periodOf, weekOf, weeksOf } from './period';
import { readerOf, readers, readsIn, scoresIn } from './queries';

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
  const [all, scores] = await Promise.all([readsIn(ctx.db, p), scoresIn(ctx.db, p)]);
  const groups = byReader(all);
  const names = await readers(ctx.db, [...groups.keys()]);
  const scoresBy = new Map<string, string[]>();
  for (const s of scores) scoresBy.set(s.readerId, [...(scoresBy.get(s.readerId) ?? []), s.score]);
  const items = [...names.entries()]
    .map(([id, name]) => summaryOf({ id, name }, groups.get(id) ?? [], all, scoresBy.get(id) ?? []))
    .sort((a, b) => b.volume - a.volume || a.reader.name.localeCompare(b.reader.name));
  return {
    period: { from: p.from, to: p.to },
    pooledAbnormalRate: all.length ? all.filter((r) => r.abnormal).length / all.length : null,
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
  const [all, scores] = await Promise.all([readsIn(ctx.db, p), scoresIn(ctx.db, p, readerId)]);
  const groups = byReader(all);
  const mine = groups.get(readerId) ?? [];
  const perWeek = new Map(weeksOf(p).map((w) => [w, 0]));
  for (const r of mine) {
    const w = weekOf(r.signedAt);
    perWeek.set(w, (perWeek.get(w) ?? 0) + 1);
  }
  const abnormal = rateAgainstPeers(mine, all, (r) => r.abnormal);
  const peers = funnelPoints(groups);
  return {
    reader,
    period: { from: p.from, to: p.to },
    volume: mine.length,
    weekly: [...perWeek.entries()].map(([week, reads]) => ({ week, reads })),
    turnaround: turnaroundOf(mine),
    peerReview: peerReviewOf(scores.map((s) => s.score)),
    consultation: rateAgainstPeers(mine, all, (r) => r.consulted),
    abnormal,
    peers,
    funnel: funnelSteps(abnormal.pooledRate, Math.max(mine.length, ...peers.map((x) => x.n), 0)),
  };
}
