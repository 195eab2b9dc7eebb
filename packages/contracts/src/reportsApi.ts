import { z } from 'zod';
import { CriticalFlag, CriticalResult } from './critical';
import { ClinicReceipt } from './receipts';
import { ConsultationRules } from './reports/consultation';
import { ReportContent } from './reports/content';
import { RetakeRequest } from './retakes';
import { FindingCode, Side, Zone } from './reports/vocabulary';
import { ViewerAnnotation } from './viewer';
import { WorklistTask } from './worklistApi';

/**
 * Request and answer shapes of the reports API (issue 5; the shared plan "reports-api"). The
 * server validates every body with these; the web types its calls with them.
 */

/** Life of a report: autosaved draft → signed (final, held for consultation, or retake). */
export const REPORT_STATES = [
  'draft',
  'pending_consultation',
  'final',
  'retake_requested',
] as const;
export const ReportState = z.enum(REPORT_STATES);
export type ReportState = z.infer<typeof ReportState>;

/** How a version came to be. */
export const REPORT_VERSION_KINDS = [
  'signed',
  'consultant_concur',
  'consultant_amend',
  'addendum',
] as const;
export const ReportVersionKind = z.enum(REPORT_VERSION_KINDS);
export type ReportVersionKind = z.infer<typeof ReportVersionKind>;

/** One validation issue (`validateReport`): errors block signing, warnings do not. */
export const ReportIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  field: z.string(),
  message: z.string(),
});

const FindingViewSchema = z.object({
  code: FindingCode,
  formItem: z.string(),
  label: z.string(),
  group: z.string(),
  side: Side.optional(),
  zones: z.array(Zone).optional(),
  location: z.string(),
  note: z.string().optional(),
  tbSuggestive: z.boolean(),
});

/** `buildReportView` output as it crosses the wire: the render-ready layout of one version. */
export const ReportViewSchema = z.object({
  formId: z.string(),
  formVersion: z.string(),
  formTitle: z.string(),
  formSource: z.string(),
  resultLabel: z.string(),
  result: z.string().nullable(),
  findings: z.array(FindingViewSchema),
  groups: z.array(
    z.object({ id: z.string(), label: z.string(), findings: z.array(FindingViewSchema) }),
  ),
  quality: z.string().nullable(),
  comparison: z.string().nullable(),
  recommendations: z.array(z.string()),
  impression: z.string(),
  remarks: z.string(),
  notTaken: z.string().nullable(),
  tbSuggestive: z.boolean(),
  classHint: z.string().nullable(),
});

/** One append-only version of a report, with its render-ready view. */
export const ReportVersion = z.object({
  version: z.number().int(),
  kind: ReportVersionKind,
  content: ReportContent,
  annotations: z.array(ViewerAnnotation),
  /** The addendum text (kind `addendum`). */
  addendum: z.string().nullable(),
  /** The consultant's comment (concur, amend). */
  comment: z.string().nullable(),
  authorName: z.string(),
  authorCredentials: z.string().nullable(),
  createdAt: z.string(),
  view: ReportViewSchema,
});
export type ReportVersion = z.infer<typeof ReportVersion>;

/** A consultation rule a signed report matched. */
export const MatchedRule = z.object({ id: z.string(), name: z.string() });
export type MatchedRule = z.infer<typeof MatchedRule>;

/**
 * A report as the server keeps it. For clinic users only released reports exist, and `content`
 * and `annotations` are those of the latest released version.
 */
export const ReportRecord = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  studyId: z.uuid(),
  studyUid: z.string(),
  clinicId: z.uuid(),
  clinicCode: z.string(),
  clinicName: z.string(),
  patientName: z.string().nullable(),
  patientId: z.string(),
  studyDate: z.string().nullable(),
  programme: z.string(),
  formId: z.string(),
  formVersion: z.string(),
  state: ReportState,
  content: ReportContent,
  annotations: z.array(ViewerAnnotation),
  /** Optimistic-concurrency counter of the autosave. */
  revision: z.number().int(),
  authorId: z.uuid().nullable(),
  signedBy: z.uuid().nullable(),
  signedAt: z.string().nullable(),
  signerName: z.string().nullable(),
  signerCredentials: z.string().nullable(),
  releasedAt: z.string().nullable(),
  /** Latest released version number; 0 while nothing is released. */
  currentVersion: z.number().int(),
  matchedRules: z.array(MatchedRule),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Versions, oldest first (clinic users: released versions only). Lists may omit them. */
  versions: z.array(ReportVersion).optional(),
  /** The open or latest retake request of this report, if any. */
  retake: RetakeRequest.nullable().optional(),
  /**
   * Staff only: whether the clinic has viewed or downloaded the current released version (null
   * while nothing is released). Clinic users never get it.
   */
  clinicReceipt: ClinicReceipt.nullable().optional(),
  /** The critical flag of the report, its alert and who at the clinic acknowledged it. */
  critical: CriticalResult.nullable().optional(),
  /** Released while the clinic was in pilot: marked PILOT and second-read. */
  pilot: z.boolean().optional(),
});
export type ReportRecord = z.infer<typeof ReportRecord>;

/** The study a task reads, as the report endpoint describes it. */
export const ReportStudy = z.object({
  uid: z.string(),
  patientName: z.string().nullable(),
  patientId: z.string(),
  sex: z.string().nullable(),
  /** Whole years at the study date; null when the birth or study date is unknown. */
  ageYears: z.number().int().nullable(),
  studyDate: z.string().nullable(),
  clinicCode: z.string(),
  programmes: z.array(z.string()),
});
export type ReportStudy = z.infer<typeof ReportStudy>;

/** A form the reader may choose for this study (several when the clinic serves several programmes). */
export const FormChoice = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  programme: z.string(),
});
export type FormChoice = z.infer<typeof FormChoice>;

/** Answer of `GET /api/tasks/:taskId/report`. */
export const TaskReportAnswer = z.object({
  task: WorklistTask,
  study: ReportStudy,
  forms: z.array(FormChoice),
  report: ReportRecord.nullable(),
  issues: z.array(ReportIssueSchema),
});
export type TaskReportAnswer = z.infer<typeof TaskReportAnswer>;

/** Body of `PUT /api/tasks/:taskId/report` (autosave; `revision` as last read, 0 for a new one). */
export const SaveReportBody = z
  .object({
    formId: z.string().min(1).max(40),
    formVersion: z.string().min(1).max(20),
    content: ReportContent,
    annotations: z.array(ViewerAnnotation).max(500).default([]),
    revision: z.number().int().min(0),
  })
  .strict();
export type SaveReportBody = z.input<typeof SaveReportBody>;

/** Answer of the autosave: the saved record and its draft-stage issues. */
export const SaveReportAnswer = z.object({
  report: ReportRecord,
  issues: z.array(ReportIssueSchema),
});
export type SaveReportAnswer = z.infer<typeof SaveReportAnswer>;

/** A fresh authenticator code, when the security settings ask for one on signing. */
const MfaCode = z.string().trim().min(6).max(32).optional();

/** Body of `POST /api/tasks/:taskId/report/sign`. */
export const SignReportBody = z
  .object({
    revision: z.number().int().min(0),
    mfaCode: MfaCode,
    /** Flags the report critical: the clinic is alerted when it is released. */
    critical: CriticalFlag.optional(),
  })
  .strict();
export type SignReportBody = z.infer<typeof SignReportBody>;

/** Where a signature left the report. */
export const SIGN_OUTCOMES = ['released', 'pending_consultation', 'retake_requested'] as const;
export const SignOutcome = z.enum(SIGN_OUTCOMES);
export type SignOutcome = z.infer<typeof SignOutcome>;

/** Answer of sign, manual consultation, concur, amend and addenda. */
export const SignReportAnswer = z.object({
  outcome: SignOutcome,
  report: ReportRecord,
  matchedRules: z.array(MatchedRule),
  issues: z.array(ReportIssueSchema),
  /** The consultation task created (held reports). */
  consultationTaskId: z.uuid().nullable(),
});
export type SignReportAnswer = z.infer<typeof SignReportAnswer>;

/** Body of `POST /api/tasks/:taskId/consultation`: a manual request, with the question. */
export const ConsultationRequestBody = z
  .object({
    question: z.string().trim().min(1).max(2000),
    /** The revision read; when given, a stale one is refused like the autosave. */
    revision: z.number().int().min(0).optional(),
    mfaCode: MfaCode,
  })
  .strict();
export type ConsultationRequestBody = z.infer<typeof ConsultationRequestBody>;

/** Answer of `GET /api/consultations/:taskId`. */
export const ConsultationAnswer = z.object({
  task: WorklistTask,
  study: ReportStudy,
  report: ReportRecord,
  question: z.string().nullable(),
  matchedRules: z.array(MatchedRule),
  reader: z.object({
    id: z.uuid().nullable(),
    name: z.string(),
    credentials: z.string().nullable(),
  }),
});
export type ConsultationAnswer = z.infer<typeof ConsultationAnswer>;

/** Body of `POST /api/consultations/:taskId/concur`. */
export const ConcurBody = z
  .object({ comment: z.string().trim().max(4000).optional(), mfaCode: MfaCode })
  .strict();
export type ConcurBody = z.infer<typeof ConcurBody>;

/** Body of `POST /api/consultations/:taskId/amend`. */
export const AmendBody = z
  .object({
    content: ReportContent,
    annotations: z.array(ViewerAnnotation).max(500).default([]),
    comment: z.string().trim().max(4000).optional(),
    mfaCode: MfaCode,
  })
  .strict();
export type AmendBody = z.input<typeof AmendBody>;

/** Body of `POST /api/reports/:id/addenda`. */
export const AddendumBody = z
  .object({ text: z.string().trim().min(1).max(4000), mfaCode: MfaCode })
  .strict();
export type AddendumBody = z.infer<typeof AddendumBody>;

/** Query of `GET /api/reports`. Clinic users see released reports only, whatever they ask. */
export const ReportListQuery = z
  .object({
    state: ReportState.optional(),
    clinicId: z.uuid().optional(),
    /**
     * Staff: `no` lists released reports whose current version the clinic has not opened yet
     * (viewed or downloaded), `yes` those it has. Ignored for clinic users.
     */
    clinicOpened: z.enum(['yes', 'no']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type ReportListQuery = z.infer<typeof ReportListQuery>;

/** Answer of `GET /api/reports`: each report with its released versions and their views. */
export const ReportListAnswer = z.object({
  reports: z.array(ReportRecord),
  hasMore: z.boolean(),
});
export type ReportListAnswer = z.infer<typeof ReportListAnswer>;

/** Answer of `GET /api/studies/:studyUid/reports`: released reports and retake requests. */
export const StudyReportsAnswer = z.object({
  reports: z.array(ReportRecord),
  retakes: z.array(RetakeRequest),
});
export type StudyReportsAnswer = z.infer<typeof StudyReportsAnswer>;

/** Body and answer of `GET/PUT /api/settings/consultation-rules`. */
export const ConsultationRulesBody = ConsultationRules;
