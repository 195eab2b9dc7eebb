import { z } from 'zod';
import { Id } from './common';
import { Clinic, ClinicStatus, Programme } from './org';
import { ReadingStatus } from './readingStatus';

/**
 * Support's clinic detail page and its directory: who a clinic is, what it sent lately and what
 * is wrong with it, read from the modules that own each part.
 */

/** The doors a study comes in by (the ingest origin's `door`). */
export const INGEST_DOORS = ['dimse', 'stow', 'upload', 'gateway'] as const;
export const IngestDoor = z.enum(INGEST_DOORS);
export type IngestDoor = z.infer<typeof IngestDoor>;

/** What support calls each door. */
export const INGEST_DOOR_LABELS: Record<IngestDoor, string> = {
  dimse: 'DICOM (C-STORE)',
  stow: 'DICOMweb (STOW-RS)',
  upload: 'Browser upload',
  gateway: 'Gateway',
};

/** The last object a clinic sent: when, through which door, from which AE or user. */
export const LastImage = z.object({
  at: z.string(),
  door: z.string().nullable(),
  callingAe: z.string().nullable(),
  userName: z.string().nullable(),
});
export type LastImage = z.infer<typeof LastImage>;

/** Who a clinic is and how it is doing, as both support pages show it. No patient data. */
const ClinicAtAGlance = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  country: z.string(),
  timeZone: z.string(),
  status: ClinicStatus,
  lastImage: LastImage.nullable(),
  openIncidents: z.number(),
});

/** One row of Support → Clinic overview. */
export const ClinicDirectoryRow = ClinicAtAGlance.extend({ homeCentreName: z.string() });
export type ClinicDirectoryRow = z.infer<typeof ClinicDirectoryRow>;

/** `GET /api/clinic-directory`. */
export const ClinicDirectoryAnswer = z.object({ clinics: z.array(ClinicDirectoryRow) });
export type ClinicDirectoryAnswer = z.infer<typeof ClinicDirectoryAnswer>;

/** A clinic's header on its detail page (`GET /api/clinics/:id/overview`). No patient data. */
export const ClinicOverview = ClinicAtAGlance.extend({
  language: z.string(),
  homeCentre: z.object({ id: Id, name: z.string() }),
  programmes: z.array(Programme),
  assistants: z.array(z.object({ id: Id, displayName: z.string() })),
  contacts: Clinic.shape.contacts,
  aeTitles: Clinic.shape.aeTitles,
});
export type ClinicOverview = z.infer<typeof ClinicOverview>;

/** Studies first received on one day (the clinic's own calendar day), per door. */
export const TrafficDay = z.object({
  day: z.iso.date(),
  counts: z.record(z.string(), z.number()),
});
export type TrafficDay = z.infer<typeof TrafficDay>;

/** One of the last studies a clinic sent. Patient data: its read is audited. */
export const RecentStudy = z.object({
  studyUid: z.string(),
  receivedAt: z.string(),
  door: z.string().nullable(),
  callingAe: z.string().nullable(),
  userName: z.string().nullable(),
  patientName: z.string().nullable(),
  patientId: z.string(),
  images: z.number(),
  readingStatus: ReadingStatus.nullable(),
});
export type RecentStudy = z.infer<typeof RecentStudy>;

/** `GET /api/clinics/:id/traffic`: 14 days per door, and the last studies received. */
export const ClinicTraffic = z.object({
  days: z.array(TrafficDay),
  recent: z.array(RecentStudy),
});
export type ClinicTraffic = z.infer<typeof ClinicTraffic>;
