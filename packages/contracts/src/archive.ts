import { z } from 'zod';
import { AttentionFlag } from './attention';
import { ReadingStatus } from './readingStatus';

/** A study as the archive browser lists it. */
export const StudySummary = z.object({
  studyUid: z.string(),
  clinicId: z.string(),
  clinicCode: z.string(),
  clinicName: z.string(),
  patientId: z.string(),
  patientName: z.string().nullable(),
  patientBirthDate: z.string().nullable(),
  patientSex: z.string().nullable(),
  studyDate: z.string().nullable(),
  studyTime: z.string().nullable(),
  accessionNumber: z.string().nullable(),
  studyDescription: z.string().nullable(),
  modalities: z.array(z.string()),
  numSeries: z.number(),
  numInstances: z.number(),
  sizeBytes: z.number(),
  firstReceivedAt: z.string(),
  lastReceivedAt: z.string(),
  stableAt: z.string().nullable(),
  /** Where its reading stands (its latest primary read), or null before it enters the workflow. */
  readingStatus: ReadingStatus.nullable(),
});
export type StudySummary = z.infer<typeof StudySummary>;

/** Query of `GET /api/studies`. Text fields accept `*` and `?` wildcards. */
export const StudySearch = z
  .object({
    q: z.string().trim().max(64).optional(),
    patientId: z.string().trim().max(64).optional(),
    patientName: z.string().trim().max(64).optional(),
    accessionNumber: z.string().trim().max(64).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    clinicId: z.uuid().optional(),
    modality: z
      .string()
      .trim()
      .regex(/^[A-Z]{2,4}$/, 'must be a modality code such as DX or CR')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type StudySearch = z.infer<typeof StudySearch>;

/** Answer of `GET /api/studies`. */
export const StudyPage = z.object({ studies: z.array(StudySummary), hasMore: z.boolean() });

/** A series of a study. */
export const SeriesSummary = z.object({
  seriesUid: z.string(),
  modality: z.string().nullable(),
  seriesNumber: z.number().nullable(),
  seriesDescription: z.string().nullable(),
  bodyPart: z.string().nullable(),
  viewPosition: z.string().nullable(),
  numInstances: z.number(),
});

/** An instance of a study (current version). */
export const InstanceSummary = z.object({
  sopUid: z.string(),
  seriesUid: z.string(),
  sopClassUid: z.string(),
  instanceNumber: z.number().nullable(),
  transferSyntaxUid: z.string(),
  rows: z.number().nullable(),
  columns: z.number().nullable(),
  bitsAllocated: z.number().nullable(),
  numberOfFrames: z.number().nullable(),
  sizeBytes: z.number(),
  version: z.number(),
  receivedAt: z.string(),
});

/** One entry of a study's ingest history: where an object came from and what became of it. */
export const IngestEvent = z.object({
  id: z.string(),
  at: z.string(),
  door: z.string(),
  callingAe: z.string().nullable(),
  username: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  outcome: z.enum(['stored', 'duplicate', 'new_version', 'refused']),
  reason: z.string().nullable(),
  sopUid: z.string().nullable(),
});

/** Answer of `GET /api/studies/:studyUid`. */
export const StudyDetail = z.object({
  study: StudySummary,
  series: z.array(SeriesSummary),
  instances: z.array(InstanceSummary),
  history: z.array(IngestEvent),
  /** Why the study was flagged at receipt (all reasons, reviewed or not), newest first. */
  flags: z.array(AttentionFlag),
});
export type StudyDetail = z.infer<typeof StudyDetail>;
