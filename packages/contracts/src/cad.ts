import { z } from 'zod';
import { Id, text } from './common';
import { Programme } from './org';

/**
 * Computer-aided detection (CAD) results and their thresholds (DOMAIN.md §7, docs/adr/0027).
 * Telerad ships no model: products a centre buys (CAD4TB, qXR, Lunit INSIGHT CXR) or its own
 * model send a score on the product's own scale. A score means something only for one exact
 * product version, so products are registered per version and thresholds belong to a version.
 */

/** A DICOM UID (PS3.5 §9): digits and dots, at most 64 characters. */
export const DicomUid = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'must be a DICOM UID')
  .max(64);

/** Where a result came from: the JSON webhook, a DICOM SR by C-STORE, or the centre's runner. */
export const CAD_SOURCES = ['webhook', 'dicom_sr', 'runner'] as const;
export const CadSource = z.enum(CAD_SOURCES);
export type CadSource = z.infer<typeof CadSource>;

/**
 * What a score means under the thresholds in force: `uncalibrated` (its version has no threshold
 * for the programme, so it never changes priority), `low`, `abnormal` (at or past the operating
 * threshold) or `triage` (at or past the triage threshold: read first).
 */
export const CAD_BANDS = ['uncalibrated', 'low', 'abnormal', 'triage'] as const;
export const CadBand = z.enum(CAD_BANDS);
export type CadBand = z.infer<typeof CadBand>;

/** One error code a product reports instead of a score, e.g. CAD4TB −1 "not a valid PA CXR". */
export const CadErrorCode = z.object({ code: z.number().int(), meaning: text(200) }).strict();
export type CadErrorCode = z.infer<typeof CadErrorCode>;

/** The error codes of CAD4TB (DOMAIN.md §7), offered when registering a CAD4TB version. */
export const CAD4TB_ERROR_CODES: readonly CadErrorCode[] = [
  { code: -1, meaning: 'Not a valid PA chest X-ray' },
  { code: -2, meaning: 'Invalid input' },
  { code: -3, meaning: 'Processing failed' },
];

/** Body of `POST /api/cad/products`: one exact version of a CAD product, as data. */
export const CadProductCreate = z
  .object({
    name: text(100),
    vendor: text(100),
    /** The exact version string the product reports (a threshold belongs to it). */
    version: text(50),
    scoreMin: z.number().finite(),
    scoreMax: z.number().finite(),
    /** True when a higher score means more likely abnormal (every product named in §7). */
    higherIsAbnormal: z.boolean().default(true),
    errorCodes: z.array(CadErrorCode).max(50).default([]),
  })
  .strict()
  .refine((p) => p.scoreMin < p.scoreMax, {
    message: 'the scale must run from a lower to a higher score',
    path: ['scoreMax'],
  })
  .refine((p) => new Set(p.errorCodes.map((e) => e.code)).size === p.errorCodes.length, {
    message: 'each error code once',
    path: ['errorCodes'],
  });
export type CadProductCreate = z.infer<typeof CadProductCreate>;

/** A registered CAD product version. */
export const CadProduct = z.object({
  id: Id,
  name: z.string(),
  vendor: z.string(),
  version: z.string(),
  scoreMin: z.number(),
  scoreMax: z.number(),
  higherIsAbnormal: z.boolean(),
  errorCodes: z.array(CadErrorCode),
  createdAt: z.string(),
});
export type CadProduct = z.infer<typeof CadProduct>;

/** Answer of `GET /api/cad/products`. */
export const CadProductList = z.object({ products: z.array(CadProduct) });

/** A point or a box in image pixel coordinates (column `x`, row `y`, from the top left). */
const Coordinate = z.number().finite().min(0).max(100_000);

/** One finding a product labels, with its probability and, where it gives one, where it is. */
export const CadLabel = z
  .object({
    label: text(100),
    probability: z.number().min(0).max(1),
    box: z
      .object({ x: Coordinate, y: Coordinate, width: Coordinate, height: Coordinate })
      .strict()
      .optional(),
    point: z.object({ x: Coordinate, y: Coordinate }).strict().optional(),
  })
  .strict();
export type CadLabel = z.infer<typeof CadLabel>;

/**
 * Body of `POST /api/cad/results`, the JSON webhook a CAD product (or its integration) calls
 * with an API token of a CAD integration. Exactly one of `score` (on the product's own scale)
 * and `errorCode` (one of the product's codes, e.g. CAD4TB −1). A re-post of the same result
 * changes nothing: the same `resultId`, or with none the same study, image and product version.
 */
export const CadResultPost = z
  .object({
    /** The CAD's own id for this result, when it gives one: the idempotency key. */
    resultId: text(128).optional(),
    studyInstanceUid: DicomUid,
    /** The image scored, when the product scores one image of the study. */
    sopInstanceUid: DicomUid.optional(),
    product: z.object({ name: text(100), version: text(50) }).strict(),
    score: z.number().finite().optional(),
    errorCode: z.number().int().optional(),
    labels: z.array(CadLabel).max(100).default([]),
    /** The heatmap the product sent as a DICOM object (Secondary Capture or GSPS). */
    heatmapSopInstanceUid: DicomUid.optional(),
  })
  .strict()
  .refine((b) => (b.score === undefined) !== (b.errorCode === undefined), {
    message: 'give either a score or an error code',
    path: ['score'],
  });
export type CadResultPost = z.infer<typeof CadResultPost>;

/** One stored CAD result, with its band under the thresholds in force. */
export const CadResult = z.object({
  id: Id,
  studyUid: z.string(),
  sopInstanceUid: z.string().nullable(),
  productId: Id,
  product: z.string(),
  version: z.string(),
  score: z.number().nullable(),
  /** Null for an error result (it has no score to band). */
  band: CadBand.nullable(),
  errorCode: z.number().int().nullable(),
  errorMeaning: z.string().nullable(),
  labels: z.array(CadLabel),
  heatmapSopInstanceUid: z.string().nullable(),
  source: CadSource,
  receivedAt: z.string(),
});
export type CadResult = z.infer<typeof CadResult>;

/** Answer of `POST /api/cad/results`: the result, and whether this post created it. */
export const CadResultAccepted = z.object({
  result: CadResult,
  created: z.boolean(),
  /** What the result did to the study's read: raised for triage, or why not. */
  triage: z.string().nullable(),
});
export type CadResultAccepted = z.infer<typeof CadResultAccepted>;

/** Answer of `GET /api/studies/:studyUid/cad`: the study's results, newest first. */
export const CadResultList = z.object({ results: z.array(CadResult) });

/** Body of `POST /api/cad/thresholds`: a new threshold version for a product version. */
export const CadThresholdSet = z
  .object({
    productId: Id,
    programme: Programme,
    /** At or past it a score reads "abnormal". */
    operatingThreshold: z.number().finite(),
    /** At or past it a score reads "read first" (triage). */
    triageThreshold: z.number().finite(),
    /** Why it changed (the calibration behind it). */
    note: text(500, 0).default(''),
  })
  .strict();
export type CadThresholdSet = z.infer<typeof CadThresholdSet>;

/** One version of a product version's thresholds for a programme. */
export const CadThreshold = z.object({
  id: Id,
  productId: Id,
  programme: Programme,
  operatingThreshold: z.number(),
  triageThreshold: z.number(),
  note: z.string(),
  effectiveFrom: z.string(),
  setBy: Id.nullable(),
  setByName: z.string().nullable(),
  /** True for the version in force (the latest one already effective). */
  current: z.boolean(),
});
export type CadThreshold = z.infer<typeof CadThreshold>;

/** Query of `GET /api/cad/thresholds`. */
export const CadThresholdQuery = z
  .object({ productId: Id.optional(), programme: Programme.optional() })
  .strict();

/** Answer of `GET /api/cad/thresholds`: every version, newest first. */
export const CadThresholdList = z.object({ thresholds: z.array(CadThreshold) });

/** Body of `POST /api/cad/integrations`: a CAD's own service account and token. */
export const CadIntegrationCreate = z
  .object({
    name: text(100),
    /** The clinics whose studies it may write results for (its clinic scope). */
    clinicIds: z.array(Id).min(1).max(500),
  })
  .strict();

/** Answer of `POST /api/cad/integrations`: the token, shown once. */
export const CadIntegrationCreated = z.object({
  id: Id,
  name: z.string(),
  clinicIds: z.array(Id),
  token: z.string(),
});

/** The thresholds `cadBand` compares against. */
export interface CadBandThresholds {
  operating: number;
  triage: number;
  /** Defaults to true: a higher score is more abnormal. */
  higherIsAbnormal?: boolean;
}

/**
 * The band of a score: `uncalibrated` without thresholds (it must never change priority),
 * otherwise `triage` at or past the triage threshold, `abnormal` at or past the operating
 * threshold, `low` below both. "Past" follows the product's direction.
 */
export function cadBand(score: number, t: CadBandThresholds | null): CadBand {
  if (!t) return 'uncalibrated';
  const reached = (threshold: number) =>
    t.higherIsAbnormal === false ? score <= threshold : score >= threshold;
  if (reached(t.triage)) return 'triage';
  if (reached(t.operating)) return 'abnormal';
  return 'low';
}
