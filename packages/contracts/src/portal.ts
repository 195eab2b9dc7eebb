import { z } from 'zod';
import { ClinicStudyState } from './clinicState';
import { Programme } from './org';
import { Priority } from './worklist';

/** Query of `GET /api/portal/applicants`: today's applicants of the caller's clinics. */
export const ApplicantQuery = z
  .object({
    /** Applicant name or ID (part of either). */
    q: z.string().trim().max(64).optional(),
    /** The day of arrival, in the clinic's time zone; today when absent and no `q` is given. */
    date: z.iso.date().optional(),
    clinicId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type ApplicantQuery = z.infer<typeof ApplicantQuery>;

/** One study of the clinic portal's list, in the clinic's terms. */
export const ApplicantRow = z.object({
  studyUid: z.string(),
  clinicId: z.uuid(),
  clinicCode: z.string(),
  /** The clinic's IANA time zone: due times are shown in it. */
  clinicTimeZone: z.string(),
  patientName: z.string().nullable(),
  patientId: z.string(),
  state: ClinicStudyState,
  /** When the first image arrived. */
  arrivedAt: z.string(),
  /** When the report is due (null before the study is on a worklist, and once reported). */
  dueAt: z.string().nullable(),
  /** The open primary read's id, to mark it urgent; null when there is none. */
  taskId: z.uuid().nullable(),
  priority: Priority.nullable(),
  priorityReason: z.string().nullable(),
  /** The released report to open, if any. */
  reportId: z.uuid().nullable(),
  clinicalNote: z.string().nullable(),
  /** The receiving programme the clinic chose for this study, if any. */
  programme: Programme.nullable(),
  /** The programmes the clinic serves (a choice is offered when there are several). */
  clinicProgrammes: z.array(Programme),
  /** The read has started: the programme can no longer change. */
  readStarted: z.boolean(),
});
export type ApplicantRow = z.infer<typeof ApplicantRow>;

/** Answer of `GET /api/portal/applicants`. */
export const ApplicantPage = z.object({
  rows: z.array(ApplicantRow),
  total: z.number(),
  /** The day shown, in the (first) clinic's time zone, or null for a search across days. */
  day: z.string().nullable(),
  serverTime: z.string(),
});
export type ApplicantPage = z.infer<typeof ApplicantPage>;

/** What the clinic asked of the reader for one study: its note, programme and urgency. */
export const StudyRequest = z.object({
  studyUid: z.string(),
  clinicalNote: z.string().nullable(),
  noteUpdatedAt: z.string().nullable(),
  programme: Programme.nullable(),
  priority: Priority.nullable(),
  priorityReason: z.string().nullable(),
});
export type StudyRequest = z.infer<typeof StudyRequest>;

/** Body of `PUT /api/studies/:studyUid/clinical-note`: symptoms, history, prior TB treatment. */
export const ClinicalNoteBody = z
  .object({ note: z.string().trim().min(1, 'Write the note for the reader').max(2000) })
  .strict();
export type ClinicalNoteBody = z.infer<typeof ClinicalNoteBody>;

/** Body of `PUT /api/studies/:studyUid/programme`: the receiving programme for this study. */
export const StudyProgrammeBody = z.object({ programme: Programme }).strict();
export type StudyProgrammeBody = z.infer<typeof StudyProgrammeBody>;
