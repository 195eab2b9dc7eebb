import { z } from 'zod';
import { Programme } from './org';

/**
 * The CAD calibration page (QA): per product version and programme, against final reads, the ROC
 * curve and its area, sensitivity and specificity at the thresholds in force and at 90 %
 * sensitivity, and the share flagged by clinic and month across the product's versions. Every
 * figure comes from 100 bins of the product's normalised score (`rocBinned.ts` says what binning
 * costs), and every figure lists its reads (`CadCalibrationReadsQuery`).
 */

/** How many bins the normalised 0–1 score is counted in. */
export const CAD_CALIBRATION_BINS = 100;

/** Query of `GET /api/kpi/cad`. The period is UTC days of the results' arrival. */
export const CadCalibrationQuery = z
  .object({
    productId: z.uuid(),
    programme: Programme,
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    centreId: z.uuid().optional(),
    clinicId: z.uuid().optional(),
  })
  .strict();
export type CadCalibrationQuery = z.infer<typeof CadCalibrationQuery>;

/** A product version as the page names it. */
export const CadCalibrationProduct = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.string(),
  scoreMin: z.number(),
  scoreMax: z.number(),
  higherIsAbnormal: z.boolean(),
});
export type CadCalibrationProduct = z.infer<typeof CadCalibrationProduct>;

/** One ROC point: calling positive the scores at or past `threshold` (the product's scale). */
export const CadRocPoint = z.object({
  /** The bin whose lower edge the threshold is (100: nothing positive). */
  bin: z.number().int(),
  threshold: z.number(),
  tpr: z.number(),
  fpr: z.number(),
  truePositives: z.number().int(),
  falsePositives: z.number().int(),
});
export type CadRocPoint = z.infer<typeof CadRocPoint>;

/** Which threshold a performance row is for. */
export const CadThresholdKind = z.enum(['operating', 'triage', 'sensitivity90']);
export type CadThresholdKind = z.infer<typeof CadThresholdKind>;

/** Sensitivity and specificity at one threshold, with its counts and binning bounds. */
export const CadThresholdPerformance = z.object({
  kind: CadThresholdKind,
  /** On the product's own scale. */
  threshold: z.number(),
  /** The lowest bin called positive: the drill-down's bins. */
  fromBin: z.number().int(),
  sensitivity: z.number(),
  specificity: z.number(),
  truePositives: z.number().int(),
  falsePositives: z.number().int(),
  trueNegatives: z.number().int(),
  falseNegatives: z.number().int(),
  sensitivityBound: z.number(),
  specificityBound: z.number(),
});
export type CadThresholdPerformance = z.infer<typeof CadThresholdPerformance>;

/** The share flagged in one clinic and month, every version judged by its own operating threshold. */
export const CadFlaggedCell = z.object({
  /** `YYYY-MM` (UTC). */
  month: z.string(),
  clinicId: z.uuid(),
  clinicName: z.string(),
  /** Studies scored by any version of the product. */
  scored: z.number().int(),
  /** Of those, scored by a version with thresholds for the programme. */
  calibrated: z.number().int(),
  /** Of those, at or past their version's operating threshold. */
  flagged: z.number().int(),
});
export type CadFlaggedCell = z.infer<typeof CadFlaggedCell>;

/** When a version of the product first scored in the period: marked on the drift chart. */
export const CadVersionStart = z.object({
  productId: z.uuid(),
  version: z.string(),
  month: z.string(),
  /** The version's operating threshold in force for the programme, if any. */
  operatingThreshold: z.number().nullable(),
});

/** Answer of `GET /api/kpi/cad`. */
export const CadCalibration = z.object({
  product: CadCalibrationProduct,
  programme: Programme,
  period: z.object({ from: z.string(), to: z.string() }),
  bins: z.number().int(),
  counts: z.object({
    scored: z.number().int(),
    abnormal: z.number().int(),
    normal: z.number().int(),
    unread: z.number().int(),
  }),
  roc: z.array(CadRocPoint),
  /** Null without both abnormal and normal final reads. */
  auc: z.number().nullable(),
  /** The raw scores' area lies within this of `auc`. */
  aucBound: z.number().nullable(),
  /** Whether the version has thresholds in force for the programme. */
  calibrated: z.boolean(),
  thresholds: z.array(CadThresholdPerformance),
  flagged: z.array(CadFlaggedCell),
  versions: z.array(CadVersionStart),
});
export type CadCalibration = z.infer<typeof CadCalibration>;

/** Which final reads a drill-down lists. */
export const CadReadOutcome = z.enum(['abnormal', 'normal', 'unread']);
export type CadReadOutcome = z.infer<typeof CadReadOutcome>;

/**
 * Query of `GET /api/kpi/cad/reads`: the studies behind a figure. `fromBin`/`toBin` bound the
 * bins (a threshold's positives are `fromBin` up); `month` and `family` (every version of the
 * product's name, each `flagged` by its own operating threshold) serve the drift chart.
 */
export const CadCalibrationReadsQuery = CadCalibrationQuery.extend({
  fromBin: z.coerce.number().int().min(0).max(CAD_CALIBRATION_BINS).optional(),
  toBin: z.coerce
    .number()
    .int()
    .min(0)
    .max(CAD_CALIBRATION_BINS - 1)
    .optional(),
  outcome: CadReadOutcome.optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  family: z.enum(['true', 'false']).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
}).strict();
export type CadCalibrationReadsQuery = z.infer<typeof CadCalibrationReadsQuery>;

/** One study behind a figure. */
export const CadCalibrationRead = z.object({
  studyId: z.uuid(),
  studyUid: z.string(),
  accession: z.string().nullable(),
  patientId: z.string().nullable(),
  clinicName: z.string(),
  version: z.string(),
  score: z.number(),
  bin: z.number().int(),
  receivedAt: z.iso.datetime(),
  outcome: CadReadOutcome,
});
export type CadCalibrationRead = z.infer<typeof CadCalibrationRead>;

/** A page of the studies behind a figure, newest result first; `total` counts them all. */
export const CadCalibrationReads = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  reads: z.array(CadCalibrationRead),
});
export type CadCalibrationReads = z.infer<typeof CadCalibrationReads>;
