import {
  RADPEER_SCORES,
  type CardPeerReview,
  type CardQc,
  type CardTurnaround,
  type FunnelPoint,
  type FunnelStep,
  type RadpeerScore,
  type RateAgainstPeers,
  type ReportCardSummary,
} from '@telerad/contracts';
import { funnelLimits, funnelZone, percentile } from '../qa';
import type { ReaderTotals } from './queries';

/** DOMAIN.md §6: the turnaround target a read is counted within, unless a centre sets another. */
export const TURNAROUND_TARGET_MINUTES = 60;

/** Turnaround of one reader's reads: median and 90th percentile, raw and in service hours. */
export function turnaroundOf(t: ReaderTotals | undefined): CardTurnaround {
  const raw = t?.turnaround ?? [];
  const service = t?.serviceTurnaround ?? [];
  return {
    n: raw.length,
    median: percentile(raw, 50),
    p90: percentile(raw, 90),
    serviceMedian: percentile(service, 50),
    serviceP90: percentile(service, 90),
    withinTarget: raw.length
      ? raw.filter((m) => m <= TURNAROUND_TARGET_MINUTES).length / raw.length
      : null,
    targetMinutes: TURNAROUND_TARGET_MINUTES,
  };
}

/** A reader's QC re-reads by agreement class, against every re-reader's pooled discordance. */
export function qcOf(
  readerId: string,
  rows: readonly { readerId: string; agreement: string; n: number }[],
): CardQc {
  const count = (agreement: string, mine: boolean) =>
    rows
      .filter((r) => r.agreement === agreement && (!mine || r.readerId === readerId))
      .reduce((s, r) => s + r.n, 0);
  const [concordant, minor, major] = ['concordant', 'minor', 'major'].map((a) => count(a, true));
  const reread = concordant! + minor! + major!;
  const all = rows.reduce((s, r) => s + r.n, 0);
  return {
    reread,
    concordant: concordant!,
    minor: minor!,
    major: major!,
    discordanceRate: reread ? (minor! + major!) / reread : null,
    pooledDiscordanceRate: all ? (count('minor', false) + count('major', false)) / all : null,
  };
}

/** The RADPEER distribution of `scores`, the share with any discrepancy and the significant share. */
export function peerReviewOf(scores: readonly string[]): CardPeerReview {
  const distribution = Object.fromEntries(RADPEER_SCORES.map((s) => [s, 0])) as Record<
    RadpeerScore,
    number
  >;
  for (const s of scores) if (s in distribution) distribution[s as RadpeerScore]++;
  const n = scores.length;
  const discrepant = n - distribution['1'];
  // Score 3 or any "b" is what opens a discrepancy case (opensDiscrepancy in contracts).
  const significant = distribution['2b'] + distribution['3a'] + distribution['3b'];
  return {
    scored: n,
    distribution,
    discrepancyRate: n ? discrepant / n : null,
    significantRate: n ? significant / n : null,
  };
}

/** The counts a rate is made of: which of a reader's reads have the property. */
export type Counted = 'abnormal' | 'consulted';

/**
 * A reader's rate of `key` among their reads against every reader's pooled rate in `all`,
 * placed on the funnel plot (qa/stats funnelLimits at the reader's volume).
 */
export function rateAgainstPeers(
  mine: ReaderTotals | undefined,
  all: readonly ReaderTotals[],
  key: Counted,
): RateAgainstPeers {
  const n = mine?.reads ?? 0;
  const count = mine?.[key] ?? 0;
  const rate = n ? count / n : null;
  const total = all.reduce((s, r) => s + r.reads, 0);
  const pooledRate = total ? all.reduce((s, r) => s + r[key], 0) / total : null;
  if (rate === null || pooledRate === null)
    return {
      n,
      count,
      rate,
      pooledRate,
      lower95: null,
      upper95: null,
      lower998: null,
      upper998: null,
      position: null,
    };
  const limits = funnelLimits(pooledRate, n);
  return {
    n,
    count,
    rate,
    pooledRate,
    lower95: limits.lower95,
    upper95: limits.upper95,
    lower998: limits.lower998,
    upper998: limits.upper998,
    position: funnelZone(rate, limits),
  };
}

/** Every reader's abnormal rate as an unnamed funnel point, largest volume first. */
export function funnelPoints(all: readonly ReaderTotals[]): FunnelPoint[] {
  return all
    .filter((r) => r.reads > 0)
    .map((r) => ({ n: r.reads, rate: r.abnormal / r.reads }))
    .sort((a, b) => b.n - a.n || a.rate - b.rate);
}

/**
 * The funnel's limits around `p0` at about `steps` volumes from 1 to `maxN` (qa/stats
 * funnelLimits), for the web chart and the PDF to draw; empty with no pooled rate.
 */
export function funnelSteps(p0: number | null, maxN: number, steps = 48): FunnelStep[] {
  if (p0 === null || maxN < 1) return [];
  const ns = [
    ...new Set(
      Array.from({ length: steps + 1 }, (_, i) => Math.max(1, Math.round((i / steps) * maxN))),
    ),
  ];
  return ns.map((n) => {
    const { lower95, upper95, lower998, upper998 } = funnelLimits(p0, n);
    return { n, lower95, upper95, lower998, upper998 };
  });
}

/** One reader's key figures for QA's list. */
export function summaryOf(
  reader: { id: string; name: string },
  mine: ReaderTotals | undefined,
  all: readonly ReaderTotals[],
  scores: readonly string[],
): ReportCardSummary {
  const t = turnaroundOf(mine);
  const pr = peerReviewOf(scores);
  const abnormal = rateAgainstPeers(mine, all, 'abnormal');
  return {
    reader,
    volume: mine?.reads ?? 0,
    turnaroundMedian: t.median,
    turnaroundP90: t.p90,
    scored: pr.scored,
    discrepancyRate: pr.discrepancyRate,
    consultationRate: rateAgainstPeers(mine, all, 'consulted').rate,
    abnormalRate: abnormal.rate,
    abnormalPosition: abnormal.position,
  };
}
