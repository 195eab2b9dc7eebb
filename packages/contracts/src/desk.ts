import { z } from 'zod';

/**
 * The assistant's desk: one inbox across all of an assistant's clinics. Each feature that leaves
 * something for the assistant to chase contributes items of its kind; the desk merges them and
 * sorts by how long each has waited.
 */
export const DeskItemKind = z.enum([
  /** A clinic message nobody at the centre has answered or read. */
  'message',
  /** A stored study that needs a person: no applicant ID, IOD warnings, a new version. */
  'attention',
  /** A retake or extra-view request the clinic has not acknowledged (or not yet sent images for). */
  'retake',
  /** A study whose reading is nearing (or past) its due time. */
  'due_soon',
  /** A released report that nobody at the clinic has opened. */
  'report_unopened',
  /** A critical result not yet acknowledged by a named clinic user. */
  'critical',
]);
export type DeskItemKind = z.infer<typeof DeskItemKind>;

/** One thing waiting on the desk. */
export const DeskItem = z.object({
  kind: DeskItemKind,
  /** Unique within its kind (a message thread id, a study UID, a retake request id…). */
  id: z.string(),
  clinicId: z.string(),
  clinicName: z.string(),
  studyUid: z.string().nullable(),
  patientId: z.string().nullable(),
  patientName: z.string().nullable(),
  /** A short line in the assistant's words: "Retake not acknowledged: under-exposed". */
  title: z.string(),
  /** A second line with detail; empty when there is none. */
  detail: z.string(),
  /** ISO time since when the item has waited; the desk sorts on it, oldest first. */
  since: z.string(),
  /** ISO due time where the item has one (a reading's due time, an escalation time). */
  dueAt: z.string().nullable(),
  /** The web app path that opens the item (a study page, a thread). */
  link: z.string().nullable(),
});
export type DeskItem = z.infer<typeof DeskItem>;
