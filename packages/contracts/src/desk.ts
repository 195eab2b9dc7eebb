import { z } from 'zod';
import { Priority } from './worklist';

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
  /**
   * Images without an order: a study of a clinic that registers its applicants whose last
   * match attempt found no order, several, or one for another applicant.
   */
  'unmatched_image',
  /** Orders without images: a registered applicant whose CXR is past its scheduled time. */
  'overdue_order',
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
  /** The study's open reading task, where raising its priority is one of the desk's actions. */
  taskId: z.string().nullable().optional(),
  /** That task's priority. */
  priority: Priority.nullable().optional(),
  /**
   * The study waits outside the worklist until a person acts: no applicant ID (enter it), or
   * flags to look at before an explicit release, or (clinics that hold images until matched)
   * an order to match it to.
   */
  held: z.enum(['identity', 'flags', 'order']).nullable().optional(),
  /** The order an item is about (an order without images). */
  orderId: z.string().nullable().optional(),
});
export type DeskItem = z.infer<typeof DeskItem>;

/**
 * The desk's rules, as data: when a reading counts as nearing its due time. A reading whose due
 * time is less than `dueSoonMinutes` away (or already past) is on the desk: the point at which
 * the worklist's clock turns amber, so the assistant chases what readers see as late.
 */
export const DESK_RULES = { dueSoonMinutes: 15 } as const;

/** `GET /api/desk` query: narrow by kind or clinic (the caller's desk clinics only). */
export const DeskQuery = z.object({
  kind: DeskItemKind.optional(),
  clinicId: z.uuid().optional(),
});
export type DeskQuery = z.infer<typeof DeskQuery>;

/** A contact at a clinic, as the desk shows it (telephone and e-mail links). */
export const DeskContact = z.object({
  name: z.string(),
  role: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredHours: z.string(),
});
export type DeskContact = z.infer<typeof DeskContact>;

/** A clinic on the caller's desk, with whom to call there. */
export const DeskClinic = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  contacts: z.array(DeskContact),
});
export type DeskClinic = z.infer<typeof DeskClinic>;

/** The desk: its items oldest first, and the clinics it covers. */
export const DeskPage = z.object({
  items: z.array(DeskItem),
  /** Every clinic of the caller's desk (also those with nothing waiting), by code. */
  clinics: z.array(DeskClinic),
  /** Item counts by kind before the kind filter, for the filter chips. */
  counts: z.record(DeskItemKind, z.number().int()),
  /** The server's time of the answer: the reference for "waited for". */
  at: z.string(),
});
export type DeskPage = z.infer<typeof DeskPage>;

/** Body of `POST /api/studies/:studyUid/release`: an optional note about the flags looked at. */
export const StudyRelease = z.object({ note: z.string().trim().max(500).optional() }).strict();
export type StudyRelease = z.infer<typeof StudyRelease>;

/** What releasing a held study did to the worklist. */
export const StudyReleaseResult = z.object({
  /** `created`: now on the worklist; `exists`: it already was; `not_stable`: images still arriving, it follows when they stop. */
  worklist: z.enum(['created', 'exists', 'not_stable']),
});
export type StudyReleaseResult = z.infer<typeof StudyReleaseResult>;

/** The WebSocket message type that tells open desks to refresh. */
export const DESK_CHANGED = 'desk.changed';

/**
 * The hub message announcing that something on a clinic's desk changed (published in the
 * transaction of the change, so it leaves only when the change commits). Ids only.
 */
export function deskChange(clinicId: string, source: DeskItemKind) {
  return { kind: 'desk', clinicId, source, at: new Date().toISOString() } as const;
}
