import { z } from 'zod';
import { Finding } from './vocabulary';

/** Image quality grade, ILO-style (DOMAIN.md §4): 4 means unreadable, a retake is needed. */
export const QUALITY_GRADES = [1, 2, 3, 4] as const;
export const QualityGrade = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type QualityGrade = z.infer<typeof QualityGrade>;

export const QUALITY_GRADE_LABELS: Record<QualityGrade, string> = {
  1: 'Good',
  2: 'Acceptable',
  3: 'Poor but readable',
  4: 'Unreadable (retake needed)',
};

export const QUALITY_REASONS = [
  'over_exposed',
  'under_exposed',
  'position_rotation',
  'under_inflation',
  'cut_off_anatomy',
  'poor_contrast',
  'artefacts',
  'motion',
  'processing_fault',
  'wrong_patient_or_marker',
] as const;
export const QualityReason = z.enum(QUALITY_REASONS);
export type QualityReason = z.infer<typeof QualityReason>;

export const QUALITY_REASON_LABELS: Record<QualityReason, string> = {
  over_exposed: 'Over-exposed',
  under_exposed: 'Under-exposed',
  position_rotation: 'Improper position or rotation',
  under_inflation: 'Under-inflation',
  cut_off_anatomy: 'Cut-off anatomy',
  poor_contrast: 'Poor contrast',
  artefacts: 'Artefacts',
  motion: 'Motion',
  processing_fault: 'Processing fault',
  wrong_patient_or_marker: 'Wrong patient or side marker',
};

export const COMPARISONS = ['no_prior', 'new', 'stable', 'improved', 'worse'] as const;
export const Comparison = z.enum(COMPARISONS);
export type Comparison = z.infer<typeof Comparison>;

export const COMPARISON_LABELS: Record<Comparison, string> = {
  no_prior: 'No prior available',
  new: 'New since prior',
  stable: 'Stable',
  improved: 'Improved',
  worse: 'Worse',
};

export const RECOMMENDATIONS = [
  'sputum_testing',
  'extra_views',
  'retake',
  'clinical_correlation',
] as const;
export const Recommendation = z.enum(RECOMMENDATIONS);
export type Recommendation = z.infer<typeof Recommendation>;

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  sputum_testing: 'Sputum testing',
  extra_views: 'Extra views',
  retake: 'Retake',
  clinical_correlation: 'Clinical correlation',
};

/** Extra views a reader may ask for (a separate request type from a retake, DOMAIN.md §4). */
export const EXTRA_VIEWS = ['lateral', 'lordotic', 'decubitus'] as const;
export const ExtraView = z.enum(EXTRA_VIEWS);
export type ExtraView = z.infer<typeof ExtraView>;

/** Flags a reader raises on their own read; "uncertain" may trigger a consultation rule. */
export const READER_FLAGS = ['uncertain'] as const;
export const ReaderFlag = z.enum(READER_FLAGS);
export type ReaderFlag = z.infer<typeof ReaderFlag>;

/** Why no CXR was taken, on forms that ask (UKTBTI). */
export const NOT_TAKEN_REASONS = ['child', 'pregnant', 'other'] as const;
export const NotTakenReason = z.enum(NOT_TAKEN_REASONS);
export type NotTakenReason = z.infer<typeof NotTakenReason>;

/**
 * What a reader records: the same shape for every programme form. Findings are canonical; the
 * form decides which result options and items are offered (see forms). A draft may be
 * incomplete; `validateReport` says what signing still needs.
 */
export const ReportContent = z
  .object({
    formId: z.string().min(1).max(40),
    formVersion: z.string().min(1).max(20),
    result: z.string().max(40).optional(),
    findings: z.array(Finding).max(60).default([]),
    quality: z
      .object({
        grade: QualityGrade.optional(),
        reasons: z.array(QualityReason).max(QUALITY_REASONS.length).default([]),
      })
      .strict()
      .default({ reasons: [] }),
    comparison: Comparison.optional(),
    recommendations: z.array(Recommendation).max(RECOMMENDATIONS.length).default([]),
    extraViews: z.array(ExtraView).max(EXTRA_VIEWS.length).default([]),
    impression: z.string().max(4000).default(''),
    remarks: z.string().max(4000).default(''),
    readerFlags: z.array(ReaderFlag).max(READER_FLAGS.length).default([]),
    notTaken: NotTakenReason.optional(),
  })
  .strict();
export type ReportContent = z.infer<typeof ReportContent>;
export type ReportContentInput = z.input<typeof ReportContent>;
