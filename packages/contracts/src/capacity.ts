import { z } from 'zod';
import { Id, TimeZone, text } from './common';

/**
 * The capacity planner as data: what a plan is asked (the SLA on turnaround, the weeks of history
 * it learns from, and the what-ifs), and what it answers per reading centre and hour of the week.
 * The queueing model behind it is ADR 0029.
 */
export const CAPACITY = {
  /** Fewer days of arrivals than this leave hours of the week never seen: no plan is made. */
  minHistoryDays: 7,
  /** The share of reads to report within the SLA time, unless the request says otherwise. */
  defaultSlaTarget: 0.95,
  defaultWeeks: 8,
  maxWeeks: 26,
  /**
   * Minutes a read takes at a centre whose readers have not signed one yet (claim to sign, a
   * chest X-ray); replaced by the measured mean as soon as there is one.
   */
  defaultReadMinutes: 8,
  /** A claim held longer than this before signing is a read left open, not reading time. */
  maxReadMinutes: 120,
} as const;

/** What-if: the centre opens every day from `open` to `close` o'clock, its own time. */
export const CapacityHoursWhatIf = z
  .object({
    centreId: Id,
    open: z.number().int().min(0).max(23),
    close: z.number().int().min(1).max(24),
  })
  .strict()
  .refine((h) => h.open < h.close, { message: 'open must be before close' });
export type CapacityHoursWhatIf = z.infer<typeof CapacityHoursWhatIf>;

/** What-if: a new clinic sends `dailyVolume` studies a day from `timeZone` to its home centre. */
export const CapacityClinicWhatIf = z
  .object({
    name: text(80),
    dailyVolume: z.number().int().min(1).max(5000),
    timeZone: TimeZone,
    homeCentreId: Id,
  })
  .strict();
export type CapacityClinicWhatIf = z.infer<typeof CapacityClinicWhatIf>;

/** A plan request. The SLA minutes default to the routing rules' default SLA target. */
export const CapacityPlanBody = z
  .object({
    weeks: z.number().int().min(1).max(CAPACITY.maxWeeks).default(CAPACITY.defaultWeeks),
    slaMinutes: z.number().int().min(5).max(1440).optional(),
    slaTarget: z.number().min(0.5).max(0.995).default(CAPACITY.defaultSlaTarget),
    hours: CapacityHoursWhatIf.optional(),
    newClinic: CapacityClinicWhatIf.optional(),
  })
  .strict();
export type CapacityPlanBody = z.input<typeof CapacityPlanBody>;

/** One hour of the week at a centre, in the centre's own time. */
export const CapacityCell = z.object({
  /** ISO weekday, 1 = Monday. */
  day: z.number().int(),
  hour: z.number().int(),
  open: z.boolean(),
  /** Reads expected to start that hour: arrivals routed there, and those held for its opening. */
  arrivals: z.number(),
  /** Readers needed to reach the target; null when no number can (reads too long for the SLA). */
  recommended: z.number().int().nullable(),
  /** Readers on the roster: the centre's readers whose shift choice is on, while it is open. */
  actual: z.number().int(),
  /** Predicted share within the SLA with the actual readers; null with no arrivals. */
  level: z.number().nullable(),
  atRisk: z.boolean(),
});
export type CapacityCell = z.infer<typeof CapacityCell>;

/** A reader's measured reading time at a centre. */
export const CapacityReader = z.object({
  userId: Id,
  name: z.string(),
  reads: z.number().int(),
  readMinutes: z.number(),
  onShift: z.boolean(),
});
export type CapacityReader = z.infer<typeof CapacityReader>;

/** The weekly totals of one centre's plan. */
export const CapacitySummary = z.object({
  centreId: Id,
  weeklyArrivals: z.number(),
  readerHoursRecommended: z.number().int(),
  readerHoursActual: z.number().int(),
  hoursAtRisk: z.number().int(),
});
export type CapacitySummary = z.infer<typeof CapacitySummary>;

export const CapacityCentrePlan = CapacitySummary.extend({
  name: z.string(),
  timeZone: z.string(),
  /** Mean minutes from claim to sign; the default when nobody here has signed a read yet. */
  readMinutes: z.number(),
  readMinutesMeasured: z.boolean(),
  readers: z.array(CapacityReader),
  /** 168 cells, Monday 00:00 first. */
  cells: z.array(CapacityCell),
});
export type CapacityCentrePlan = z.infer<typeof CapacityCentrePlan>;

export const CapacityPlanAnswer = z.object({
  /** Days of arrival history the plan learnt from. */
  historyDays: z.number(),
  minHistoryDays: z.number().int(),
  /** False when the history is too short: `centres` is then empty. */
  enough: z.boolean(),
  from: z.string(),
  to: z.string(),
  slaMinutes: z.number().int(),
  slaTarget: z.number(),
  clinics: z.array(
    z.object({ clinicId: Id, code: z.string(), name: z.string(), weeklyArrivals: z.number() }),
  ),
  centres: z.array(CapacityCentrePlan),
  /** Each centre's totals without the what-ifs, when the request had any. */
  baseline: z.array(CapacitySummary).nullable(),
});
export type CapacityPlanAnswer = z.infer<typeof CapacityPlanAnswer>;
