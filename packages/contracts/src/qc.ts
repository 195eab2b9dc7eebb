import { z } from 'zod';
import { Id, IsoDate } from './common';
import { findForm, type ReportForm } from './reports/forms';
import { ReportContent } from './reports/content';
import { findingDefinition } from './reports/vocabulary';
import { WorklistTask } from './worklistApi';

/**
 * QC re-reading of clinic-read images (DOMAIN.md §5): a clinic with local radiologists sends its
 * own structured read on the programme's form; sampling rules choose which the centre re-reads,
 * blind; the two reads are compared on one classification and summarised as Cohen's kappa.
 */

/**
 * The classification both reads are compared on: normal; abnormal but not suggestive of TB;
 * suggestive of TB; unreadable (image quality 4). Rows and columns of the agreement table.
 */
export const QC_CATEGORIES = ['normal', 'abnormal', 'tb', 'unreadable'] as const;
export const QcCategory = z.enum(QC_CATEGORIES);
export type QcCategory = z.infer<typeof QcCategory>;

export const QC_CATEGORY_LABELS: Record<QcCategory, string> = {
  normal: 'Normal',
  abnormal: 'Abnormal, not TB',
  tb: 'Suggestive of TB',
  unreadable: 'Unreadable',
};

/** Agreement between the clinic's read and the centre's re-read. */
export const QC_AGREEMENTS = ['concordant', 'minor', 'major'] as const;
export const QcAgreement = z.enum(QC_AGREEMENTS);
export type QcAgreement = z.infer<typeof QcAgreement>;

export const QC_AGREEMENT_LABELS: Record<QcAgreement, string> = {
  concordant: 'Concordant',
  minor: 'Minor discordance',
  major: 'Major discordance',
};

/**
 * Where a read falls: unreadable when graded 4; suggestive of TB when any finding is
 * TB-suggestive or the result is a TB result; normal when the result is the form's normal one
 * (minor findings a form allows with it included); abnormal otherwise. A content on a form this version does not know is judged on its findings.
 */
export function qcCategory(content: ReportContent, form?: ReportForm): QcCategory {
  if (content.quality.grade === 4) return 'unreadable';
  const f = form ?? findForm(content.formId, content.formVersion);
  const kind = f?.results.find((r) => r.id === content.result)?.kind;
  if (kind === 'tb' || content.findings.some((x) => findingDefinition(x.code).tbSuggestive))
    return 'tb';
  if (kind === 'normal' || (kind === undefined && content.findings.length === 0)) return 'normal';
  return 'abnormal';
}

/**
 * The agreement of two reads (DOMAIN.md §5): the same category is concordant; normal against
 * suggestive of TB, either way, is a major discordance (a missed or invented TB case changes
 * what happens to the applicant); any other difference is minor.
 */
export function qcAgreement(clinic: QcCategory, centre: QcCategory): QcAgreement {
  if (clinic === centre) return 'concordant';
  const pair = new Set([clinic, centre]);
  return pair.has('normal') && pair.has('tb') ? 'major' : 'minor';
}

/**
 * Which clinic reads the centre re-reads, as data: none, all, a percentage (a seeded draw per
 * read), or every read the clinic called anything but normal.
 */
export const QcSampling = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }).strict(),
  z.object({ mode: z.literal('all') }).strict(),
  z.object({ mode: z.literal('percent'), percent: z.number().min(0).max(100) }).strict(),
  z.object({ mode: z.literal('abnormal') }).strict(),
]);
export type QcSampling = z.infer<typeof QcSampling>;

/** The QC programme: the default rule and per-clinic rules that replace it. */
export const QcRules = z
  .object({
    default: QcSampling,
    clinics: z.array(z.object({ clinicId: Id, sampling: QcSampling }).strict()).max(500),
  })
  .strict();
export type QcRules = z.infer<typeof QcRules>;

/** The QA page's answer: the rules, and the clinics they may name. */
export const QcRulesAnswer = QcRules.extend({
  clinicOptions: z.array(z.object({ id: Id, code: z.string(), name: z.string() })),
});
export type QcRulesAnswer = z.infer<typeof QcRulesAnswer>;

/** Body of a clinic submitting its own read of a study. */
export const ClinicReadBody = z
  .object({ content: ReportContent, readerName: z.string().trim().min(1).max(120) })
  .strict();
export type ClinicReadBody = z.infer<typeof ClinicReadBody>;

/** Where a clinic's read came from. */
export const ClinicReadSource = z.enum(['portal', 'sr']);
export type ClinicReadSource = z.infer<typeof ClinicReadSource>;

/** A clinic's read and, once the centre re-read it, the outcome. */
export const ClinicRead = z.object({
  id: Id,
  studyUid: z.string(),
  clinicId: Id,
  clinicCode: z.string(),
  patientName: z.string(),
  patientId: z.string(),
  source: ClinicReadSource,
  readerName: z.string(),
  content: ReportContent,
  category: QcCategory,
  submittedAt: z.string(),
  sampled: z.boolean(),
  /** Re-read by the centre: its read, category and the agreement (null until signed). */
  centre: z
    .object({
      content: ReportContent,
      category: QcCategory,
      agreement: QcAgreement,
      at: z.string(),
    })
    .nullable(),
});
export type ClinicRead = z.infer<typeof ClinicRead>;

/**
 * `GET /api/studies/:studyUid/clinic-read`: the clinic's read, or none yet, and the forms it may
 * be written on (one per programme the clinic screens for).
 */
export const ClinicReadAnswer = z.object({
  read: ClinicRead.nullable(),
  forms: z.array(z.object({ id: z.string(), version: z.string(), title: z.string() })),
});
export type ClinicReadAnswer = z.infer<typeof ClinicReadAnswer>;

/**
 * The re-reader's view of a QC task. Blind: `clinicRead` is null until the centre's read is
 * signed; the form is the one the clinic read on.
 */
export const QcTaskAnswer = z.object({
  task: WorklistTask,
  formId: z.string(),
  formVersion: z.string(),
  own: z.object({ content: ReportContent, category: QcCategory, at: z.string() }).nullable(),
  clinicRead: z
    .object({ readerName: z.string(), content: ReportContent, category: QcCategory })
    .nullable(),
  agreement: QcAgreement.nullable(),
});
export type QcTaskAnswer = z.infer<typeof QcTaskAnswer>;

/** Body of signing the centre's QC read. */
export const QcSignBody = z.object({ content: ReportContent }).strict();
export type QcSignBody = z.infer<typeof QcSignBody>;

/** A period: from and to (inclusive), as dates; the last 90 days by default. */
export const QcPeriodQuery = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional() })
  .strict();
export type QcPeriodQuery = z.infer<typeof QcPeriodQuery>;

/** One clinic's agreement over a period. */
export const QcAgreementSummary = z.object({
  clinicId: Id,
  clinicCode: z.string(),
  clinicName: z.string(),
  /** Re-read cases. */
  n: z.number().int(),
  concordant: z.number().int(),
  minor: z.number().int(),
  major: z.number().int(),
  /** Cohen's kappa; null with no cases or when both readers used one category only. */
  kappa: z.number().nullable(),
  observed: z.number(),
  expected: z.number(),
  /** `table[i][j]`: the clinic said QC_CATEGORIES[i], the centre QC_CATEGORIES[j]. */
  table: z.array(z.array(z.number().int())),
});
export type QcAgreementSummary = z.infer<typeof QcAgreementSummary>;

/** `GET /api/qc/agreement`: every clinic in the caller's scope with re-read cases. */
export const QcAgreementList = z.object({
  from: IsoDate,
  to: IsoDate,
  items: z.array(QcAgreementSummary),
});
export type QcAgreementList = z.infer<typeof QcAgreementList>;

/** `GET /api/qc/clinics/:id/feedback`: one clinic's agreement and its re-read cases. */
export const QcFeedback = z.object({
  from: IsoDate,
  to: IsoDate,
  summary: QcAgreementSummary,
  cases: z.array(ClinicRead),
});
export type QcFeedback = z.infer<typeof QcFeedback>;
