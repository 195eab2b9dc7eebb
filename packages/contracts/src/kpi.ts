import { z } from 'zod';

/**
 * The KPI dashboard's filters (DOMAIN.md §6): a period of UTC days, inclusive, and optionally one
 * centre, clinic, radiologist and programme. With no period the dashboard shows the last 30 days.
 */
export const KpiFilters = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  centreId: z.uuid().optional(),
  clinicId: z.uuid().optional(),
  readerId: z.uuid().optional(),
  programme: z.string().trim().min(1).max(40).optional(),
  /** The turnaround target the "% within target" figures count against (DOMAIN.md: 60 minutes). */
  targetMinutes: z.coerce.number().int().min(1).max(10_080).default(60),
});
export type KpiFilters = z.infer<typeof KpiFilters>;

/**
 * Median, p90 and p95 (Hyndman–Fan type 7, as `percentile` in qa/stats, over whole-minute
 * histograms: within one minute of exact) and the share within target (exact).
 */
export const TurnaroundFigures = z.object({
  median: z.number().nullable(),
  p90: z.number().nullable(),
  p95: z.number().nullable(),
  /** Fraction (0–1) of reads completed within the target; null with no reads. */
  withinTarget: z.number().nullable(),
});
export type TurnaroundFigures = z.infer<typeof TurnaroundFigures>;

/** One histogram bar: reads whose turnaround lies in (fromMinutes, toMinutes] (from 0 inclusive); open-ended when toMinutes is null. */
export const TurnaroundBin = z.object({
  fromMinutes: z.number(),
  toMinutes: z.number().nullable(),
  raw: z.number().int(),
  service: z.number().int(),
});

/** One heatmap cell: reads that arrived on an ISO weekday (1 = Monday) and hour, in the centre's time, and their mean turnaround. */
export const TurnaroundCell = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  reads: z.number().int(),
  meanMinutes: z.number().nullable(),
});

/** A clinic or radiologist with its volume and findings, placed on the funnel plot. */
export const KpiUnit = z.object({
  id: z.string(),
  name: z.string(),
  reads: z.number().int(),
  abnormal: z.number().int(),
  tbSuggestive: z.number().int(),
  /** Where the abnormal rate falls against the funnel limits around the overall rate. */
  abnormalZone: z.enum(['within', 'above95', 'below95', 'above998', 'below998']),
  tbZone: z.enum(['within', 'above95', 'below95', 'above998', 'below998']),
});
export type KpiUnit = z.infer<typeof KpiUnit>;

/** A point of the funnel's control limits at volume `n`. */
export const KpiFunnelLimit = z.object({
  n: z.number(),
  lower95: z.number(),
  upper95: z.number(),
  lower998: z.number(),
  upper998: z.number(),
});

/** `GET /api/kpi`: every panel of the dashboard for the filters. */
export const KpiDashboard = z.object({
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  targetMinutes: z.number().int(),
  turnaround: z.object({
    reads: z.number().int(),
    raw: TurnaroundFigures,
    service: TurnaroundFigures,
    histogram: z.array(TurnaroundBin),
    heatmap: z.array(TurnaroundCell),
  }),
  volumes: z.object({
    perDay: z.array(z.object({ day: z.iso.date(), reads: z.number().int() })),
    perClinic: z.array(KpiUnit),
    perReader: z.array(KpiUnit),
  }),
  queue: z.object({
    /** Studies received in the period, and how many of them have a released report. */
    received: z.number().int(),
    read: z.number().int(),
    readRate: z.number().nullable(),
    /** Primary reads waiting or open now, and when the oldest of them arrived. */
    backlog: z.number().int(),
    oldestUnreadAt: z.iso.datetime().nullable(),
  }),
  findings: z.object({
    reads: z.number().int(),
    abnormalRate: z.number().nullable(),
    tbRate: z.number().nullable(),
    abnormalFunnel: z.array(KpiFunnelLimit),
    tbFunnel: z.array(KpiFunnelLimit),
  }),
  retakes: z.array(
    z.object({
      kind: z.enum(['retake', 'extra_view']),
      reason: z.string(),
      requests: z.number().int(),
    }),
  ),
  /** Studies received in the period (the retake rates' denominator). */
  retakeDenominator: z.number().int(),
  peerReview: z.object({
    scores: z.array(
      z.object({ score: z.enum(['1', '2a', '2b', '3a', '3b']), count: z.number().int() }),
    ),
    discrepancyCases: z.number().int(),
  }),
  consultations: z.object({
    count: z.number().int(),
    medianMinutes: z.number().nullable(),
    p90Minutes: z.number().nullable(),
  }),
  incidents: z.array(
    z.object({ severity: z.string(), count: z.number().int(), open: z.number().int() }),
  ),
  /** QC re-reads per week (Monday, UTC) of the period: Cohen's kappa and the discordance rates. */
  qc: z.array(
    z.object({
      week: z.iso.date(),
      pairs: z.number().int(),
      kappa: z.number().nullable(),
      discordant: z.number().int(),
      major: z.number().int(),
    }),
  ),
});
export type KpiDashboard = z.infer<typeof KpiDashboard>;

/** What a drill-down lists: the studies behind one figure of a panel. */
export const KpiDrillPanel = z.enum(['reads', 'peerReview', 'retakes', 'consultations']);
export type KpiDrillPanel = z.infer<typeof KpiDrillPanel>;

/**
 * `GET /api/kpi/studies`: the dashboard's filters, the panel, and the figure's own coordinates (a
 * day, a weekday and hour, a turnaround range (min, max], a finding, a score, a retake reason).
 */
export const KpiDrillQuery = KpiFilters.extend({
  panel: KpiDrillPanel.default('reads'),
  day: z.iso.date().optional(),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  hour: z.coerce.number().int().min(0).max(23).optional(),
  basis: z.enum(['raw', 'service']).default('raw'),
  minMinutes: z.coerce.number().min(0).optional(),
  maxMinutes: z.coerce.number().min(0).optional(),
  finding: z.enum(['abnormal', 'tb']).optional(),
  score: z.enum(['1', '2a', '2b', '3a', '3b']).optional(),
  reason: z.string().trim().min(1).max(60).optional(),
});
export type KpiDrillQuery = z.infer<typeof KpiDrillQuery>;

/** One study behind a figure. */
export const KpiStudy = z.object({
  studyId: z.uuid(),
  studyUid: z.string(),
  accession: z.string().nullable(),
  patientId: z.string().nullable(),
  clinicName: z.string(),
  readerName: z.string().nullable(),
  at: z.iso.datetime(),
  turnaroundMinutes: z.number().nullable(),
  detail: z.string().nullable(),
});
export type KpiStudy = z.infer<typeof KpiStudy>;

/** The studies behind a figure, newest first, at most 500; `total` counts them all. */
export const KpiStudyList = z.object({ total: z.number().int(), studies: z.array(KpiStudy) });
export type KpiStudyList = z.infer<typeof KpiStudyList>;
