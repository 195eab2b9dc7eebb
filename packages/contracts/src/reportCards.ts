import { z } from 'zod';
import { Id, IsoDate } from './common';
import { RadpeerScore } from './peerReview';

/**
 * The period a report card covers: whole UTC days from `from` to `to`, both included. Without
 * them, the last 90 days up to today.
 */
export const ReportCardQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();
export type ReportCardQuery = z.infer<typeof ReportCardQuery>;

/** The days a card covers, as the server settled them. */
export const ReportCardPeriod = z.object({ from: IsoDate, to: IsoDate });
export type ReportCardPeriod = z.infer<typeof ReportCardPeriod>;

/**
 * Where a reader's rate falls on the funnel plot of every reader's rates around the pooled rate
 * (Spiegelhalter 2005): within the 95 % limits, between the 95 % and 99.8 % limits (watch), or
 * outside the 99.8 % limits (look at it).
 */
export const FunnelPosition = z.enum(['within', 'above95', 'below95', 'above998', 'below998']);
export type FunnelPosition = z.infer<typeof FunnelPosition>;

/** A proportion against the pooled rate of all readers in the period. */
export const RateAgainstPeers = z.object({
  /** Reads counted (the denominator). */
  n: z.number().int(),
  /** Reads with the property (the numerator). */
  count: z.number().int(),
  /** count / n; null with no reads. */
  rate: z.number().nullable(),
  /** Every reader's reads pooled: the funnel's centre line; null when nobody read. */
  pooledRate: z.number().nullable(),
  lower95: z.number().nullable(),
  upper95: z.number().nullable(),
  lower998: z.number().nullable(),
  upper998: z.number().nullable(),
  /** Null with no reads (no position to give). */
  position: FunnelPosition.nullable(),
});
export type RateAgainstPeers = z.infer<typeof RateAgainstPeers>;

/** Turnaround of a reader's primary reads, raw and in service hours, in minutes. */
export const CardTurnaround = z.object({
  n: z.number().int(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
  serviceMedian: z.number().nullable(),
  serviceP90: z.number().nullable(),
  /** Share of reads within `targetMinutes` (raw); null with none. */
  withinTarget: z.number().nullable(),
  targetMinutes: z.number().int(),
});
export type CardTurnaround = z.infer<typeof CardTurnaround>;

/** RADPEER scores given to the reader's reads in the period. */
export const CardPeerReview = z.object({
  scored: z.number().int(),
  distribution: z.record(RadpeerScore, z.number().int()),
  /** Share of scored reads with any discrepancy (score 2 or 3); null with none scored. */
  discrepancyRate: z.number().nullable(),
  /** Share that opened a discrepancy case (score 3 or any "b"); null with none scored. */
  significantRate: z.number().nullable(),
});
export type CardPeerReview = z.infer<typeof CardPeerReview>;

/**
 * The reader's QC re-reads of clinic reads in the period, by agreement class (DOMAIN.md §5):
 * how often their blind re-read disagreed with the clinic's, against every centre re-reader.
 */
export const CardQc = z.object({
  reread: z.number().int(),
  concordant: z.number().int(),
  minor: z.number().int(),
  major: z.number().int(),
  /** Minor or major discordance among the reader's re-reads; null with none. */
  discordanceRate: z.number().nullable(),
  /** Every centre re-reader's re-reads pooled; null when nobody re-read. */
  pooledDiscordanceRate: z.number().nullable(),
});
export type CardQc = z.infer<typeof CardQc>;

/** One peer's point on the funnel plot: volume and rate, named by nobody. */
export const FunnelPoint = z.object({ n: z.number().int(), rate: z.number() });
export type FunnelPoint = z.infer<typeof FunnelPoint>;

/** The funnel's limits at one volume. */
export const FunnelStep = z.object({
  n: z.number().int(),
  lower95: z.number(),
  upper95: z.number(),
  lower998: z.number(),
  upper998: z.number(),
});
export type FunnelStep = z.infer<typeof FunnelStep>;

/** A reader's report card over a period. */
export const ReportCard = z.object({
  reader: z.object({ id: Id, name: z.string() }),
  period: ReportCardPeriod,
  /** Primary reads the reader signed and released in the period. */
  volume: z.number().int(),
  /** Reads per week of the period, oldest first: the card's volume chart. */
  weekly: z.array(z.object({ week: IsoDate, reads: z.number().int() })),
  turnaround: CardTurnaround,
  peerReview: CardPeerReview,
  /** Share of the reader's reads sent to a consultant. */
  consultation: RateAgainstPeers,
  /** QC re-reads of clinic reads and how often they disagreed. */
  qc: CardQc,
  /** Share of the reader's reads with any result but normal, against every reader's. */
  abnormal: RateAgainstPeers,
  /** Every reader's abnormal rate in the period, without names: the funnel plot's points. */
  peers: z.array(FunnelPoint),
  /** The abnormal-rate limits from one read to the largest volume, for drawing the funnel. */
  funnel: z.array(FunnelStep),
});
export type ReportCard = z.infer<typeof ReportCard>;

/** A reader's key figures, one row of QA's list. */
export const ReportCardSummary = z.object({
  reader: z.object({ id: Id, name: z.string() }),
  volume: z.number().int(),
  turnaroundMedian: z.number().nullable(),
  turnaroundP90: z.number().nullable(),
  scored: z.number().int(),
  discrepancyRate: z.number().nullable(),
  consultationRate: z.number().nullable(),
  abnormalRate: z.number().nullable(),
  abnormalPosition: FunnelPosition.nullable(),
});
export type ReportCardSummary = z.infer<typeof ReportCardSummary>;

export const ReportCardList = z.object({
  period: ReportCardPeriod,
  /** Every reader's reads pooled: the centre line readers are compared against. */
  pooledAbnormalRate: z.number().nullable(),
  items: z.array(ReportCardSummary),
});
export type ReportCardList = z.infer<typeof ReportCardList>;
