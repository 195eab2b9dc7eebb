import { z } from 'zod';
import { QUALITY_REASON_LABELS, QUALITY_REASONS, QualityReason } from './reports/content';

/**
 * Retakes and extra views (DOMAIN.md §4), as data. A retake asks the clinic to take the same view
 * again for a quality reason; an extra view is a separate request type (a lateral or decubitus
 * view to tell effusion from thickening). Both hold the reading until new images arrive.
 */
export const RETAKE_KINDS = ['retake', 'extra_view'] as const;
export const RetakeKind = z.enum(RETAKE_KINDS);
export type RetakeKind = z.infer<typeof RetakeKind>;

/** The kinds in the words of both sides (the reader's dialog and the clinic's notice). */
export const RETAKE_KIND_LABELS: Record<RetakeKind, string> = {
  retake: 'Retake',
  extra_view: 'Extra view',
};

/** The reason codes of a retake: those of the report's image quality (DOMAIN.md §4). */
export const RETAKE_REASONS = QUALITY_REASONS;
export const RETAKE_REASON_LABELS = QUALITY_REASON_LABELS;

/** The views an extra-view request may ask for. */
export const RETAKE_EXTRA_VIEWS = ['lateral', 'decubitus', 'apical_lordotic', 'other'] as const;
export const RetakeExtraView = z.enum(RETAKE_EXTRA_VIEWS);
export type RetakeExtraView = z.infer<typeof RetakeExtraView>;

export const RETAKE_EXTRA_VIEW_LABELS: Record<RetakeExtraView, string> = {
  lateral: 'Lateral',
  decubitus: 'Decubitus',
  apical_lordotic: 'Apical lordotic',
  other: 'Other (see the note)',
};

const Note = z.string().trim().max(2000).default('');

/**
 * `POST /api/tasks/:id/retake-requests`: the reader asks the clinic for a retake (one or more
 * reasons) or for extra views (one or more views), with a note.
 */
export const RetakeRequestBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('retake'),
      reasons: z.array(QualityReason).min(1).max(QUALITY_REASONS.length),
      note: Note,
    })
    .strict(),
  z
    .object({
      kind: z.literal('extra_view'),
      views: z.array(RetakeExtraView).min(1).max(RETAKE_EXTRA_VIEWS.length),
      note: Note,
    })
    .strict(),
]);
export type RetakeRequestBody = z.input<typeof RetakeRequestBody>;

/** A retake or extra-view request as the clinic and the centre see it. */
export const RetakeRequest = z.object({
  id: z.uuid(),
  kind: RetakeKind,
  /** The signed report that asked for it; null when asked from the reading screen. */
  reportId: z.uuid().nullable(),
  studyUid: z.string(),
  reasons: z.array(z.string()),
  /** Reason labels, as the clinic reads them. */
  reasonLabels: z.array(z.string()),
  views: z.array(z.string()),
  viewLabels: z.array(z.string()),
  note: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  /** Who at the clinic acknowledged it, and when. */
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** How often an assistant reminded the clinic, and when last. */
  chaseCount: z.number().int(),
  chasedAt: z.string().nullable(),
  /** When new images arrived and the read was queued again. */
  fulfilledAt: z.string().nullable(),
});
export type RetakeRequest = z.infer<typeof RetakeRequest>;

/** Labels of a request's reasons or views, for lists and notifications. */
export function retakeWhat(r: {
  kind: string;
  reasons: readonly string[];
  views: readonly string[];
}): string[] {
  return r.kind === 'extra_view'
    ? r.views.map((v) => RETAKE_EXTRA_VIEW_LABELS[v as RetakeExtraView] ?? v)
    : r.reasons.map((q) => QUALITY_REASON_LABELS[q as QualityReason] ?? q);
}

/** One row of the retake KPI: a clinic's requests of one kind and reason on one day (UTC). */
export const RetakeRate = z.object({
  clinicId: z.uuid(),
  clinicCode: z.string(),
  day: z.string(),
  kind: RetakeKind,
  /** A reason code, a view, or `unspecified`. */
  reason: z.string(),
  requests: z.number().int(),
  /** Studies the clinic sent that day. */
  studies: z.number().int(),
  /** requests / studies, or null when no study arrived that day. */
  rate: z.number().nullable(),
});
export type RetakeRate = z.infer<typeof RetakeRate>;

/** `GET /api/retake-rates?from=&to=`: days as YYYY-MM-DD, inclusive. */
export const RetakeRatesQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
});
export const RetakeRatesAnswer = z.object({ rates: z.array(RetakeRate) });
export type RetakeRatesAnswer = z.infer<typeof RetakeRatesAnswer>;

/** Answer of the request, acknowledge and chase routes. */
export const RetakeRequestAnswer = z.object({ request: RetakeRequest });
export type RetakeRequestAnswer = z.infer<typeof RetakeRequestAnswer>;
