import { z } from 'zod';

/**
 * Why a stored study needs a person (server migration 0014): the archive stores every object it
 * can identify and flags what deviates, rather than refusing it.
 */
export const AttentionCode = z.enum([
  'patient_id_missing',
  'patient_name_missing',
  'iod_deviation',
  'no_pixel_data',
  'new_version',
  'clinic_sr_unread',
]);
export type AttentionCode = z.infer<typeof AttentionCode>;

/** One reason, counted over the instances that raised it. */
export const AttentionFlag = z.object({
  code: AttentionCode,
  /** What exactly: the IOD and the attributes missing, the SOP Instance UID of a new version… */
  detail: z.string(),
  count: z.number(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type AttentionFlag = z.infer<typeof AttentionFlag>;

/** A flagged study in the "needs attention" list. */
export const AttentionItem = z.object({
  studyUid: z.string(),
  clinicId: z.string(),
  clinicCode: z.string(),
  clinicName: z.string(),
  /** The effective identity: the assistant's correction, else the header's. */
  patientId: z.string(),
  patientName: z.string().nullable(),
  /** The header's identity when a correction replaced it. */
  receivedPatientId: z.string().nullable(),
  receivedPatientName: z.string().nullable(),
  identityCorrected: z.boolean(),
  /** No Patient ID yet: the study waits outside the reading worklist. */
  awaitingIdentity: z.boolean(),
  studyDate: z.string().nullable(),
  modalities: z.array(z.string()),
  numInstances: z.number(),
  lastReceivedAt: z.string(),
  /** Open reasons only (raised after the last review), newest first. */
  flags: z.array(AttentionFlag),
});
export type AttentionItem = z.infer<typeof AttentionItem>;

/** Query of `GET /api/attention`. */
export const AttentionQuery = z.object({
  clinicId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AttentionQuery = z.infer<typeof AttentionQuery>;

/** Answer of `GET /api/attention`. */
export const AttentionPage = z.object({
  items: z.array(AttentionItem),
  total: z.number(),
});
export type AttentionPage = z.infer<typeof AttentionPage>;

/** Body of `POST /api/studies/:studyUid/identity`: the applicant's identity as an assistant read it. */
export const IdentityCorrection = z.object({
  patientId: z
    .string()
    .trim()
    .min(1, 'Enter the applicant ID')
    .max(64)
    .refine((s) => !/[\\^=]/.test(s), 'An ID cannot contain \\, ^ or ='),
  familyName: z
    .string()
    .trim()
    .min(1, 'Enter the family name')
    .max(64)
    .refine((s) => !/[\\^=]/.test(s), 'A name cannot contain \\, ^ or ='),
  givenName: z
    .string()
    .trim()
    .max(64)
    .refine((s) => !/[\\^=]/.test(s), 'A name cannot contain \\, ^ or =')
    .default(''),
  reason: z.string().trim().max(500).optional(),
});
export type IdentityCorrection = z.infer<typeof IdentityCorrection>;

/** Body of `POST /api/studies/:studyUid/attention/review`: a person looked at the flags. */
export const AttentionReview = z.object({ note: z.string().trim().max(500).optional() });
export type AttentionReview = z.infer<typeof AttentionReview>;

/** What a correction did: the identity now in force, and whether the study entered the worklist. */
export const IdentityCorrectionResult = z.object({
  patientId: z.string(),
  patientName: z.string(),
  worklist: z.enum(['created', 'exists', 'not_stable']),
});
export type IdentityCorrectionResult = z.infer<typeof IdentityCorrectionResult>;
