import { z } from 'zod';

/**
 * The teaching file: a reader flags an interesting case with a short note; QA builds a viewing
 * session from flagged cases (title, date, cases in order, a note each); attendees step through
 * the de-identified copies in the viewer. A teaching case names no patient and no clinic.
 */

/** Flag (or re-flag, changing the note of) a study as a teaching case. */
export const TeachingFlagBody = z.object({
  studyUid: z.string().min(1).max(64),
  note: z.string().trim().max(1000).default(''),
});
export type TeachingFlagBody = z.infer<typeof TeachingFlagBody>;

/**
 * A flagged case as QA sees it when building a session: the flag's note and reader, and enough
 * of the study to recognise it (its date and description, never the patient or the clinic).
 */
export const TeachingFlag = z.object({
  id: z.uuid(),
  note: z.string(),
  flaggedAt: z.string(),
  flaggedBy: z.string(),
  studyDate: z.string().nullable(),
  studyDescription: z.string().nullable(),
  /** How many sessions already show this case. */
  sessions: z.number().int(),
});
export type TeachingFlag = z.infer<typeof TeachingFlag>;

export const TeachingFlagAnswer = z.object({ flag: TeachingFlag });
export type TeachingFlagAnswer = z.infer<typeof TeachingFlagAnswer>;
export const TeachingFlagListAnswer = z.object({ flags: z.array(TeachingFlag) });
export type TeachingFlagListAnswer = z.infer<typeof TeachingFlagListAnswer>;

/** Whether the caller has flagged a study already (the reading screen's button state). */
export const TeachingFlagStatusQuery = z.object({ studyUid: z.string().min(1).max(64) });
export const TeachingFlagStatus = z.object({
  flagged: z.boolean(),
  note: z.string(),
});
export type TeachingFlagStatus = z.infer<typeof TeachingFlagStatus>;

/** A new session: its title, the day it is held, and the flagged cases in the order shown. */
export const NewTeachingSessionBody = z.object({
  title: z.string().trim().min(1).max(200),
  heldOn: z.iso.date(),
  cases: z
    .array(
      z.object({
        flagId: z.uuid(),
        note: z.string().trim().max(2000).default(''),
      }),
    )
    .min(1)
    .max(50),
});
export type NewTeachingSessionBody = z.infer<typeof NewTeachingSessionBody>;

/** One case of a session: its place, the presenter's note, and its de-identified study. */
export const TeachingCase = z.object({
  id: z.uuid(),
  position: z.number().int(),
  note: z.string(),
  /** The de-identified copy's Study Instance UID (the teaching viewer's study). */
  studyUid: z.string(),
  images: z.number().int(),
  /** Images left out because their pixels carry burned-in patient identity. */
  withheldBurnedIn: z.number().int(),
});
export type TeachingCase = z.infer<typeof TeachingCase>;

export const TeachingSessionSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  heldOn: z.string(),
  createdBy: z.string(),
  cases: z.number().int(),
});
export type TeachingSessionSummary = z.infer<typeof TeachingSessionSummary>;

export const TeachingSession = TeachingSessionSummary.extend({ caseList: z.array(TeachingCase) });
export type TeachingSession = z.infer<typeof TeachingSession>;

export const TeachingSessionAnswer = z.object({ session: TeachingSession });
export type TeachingSessionAnswer = z.infer<typeof TeachingSessionAnswer>;
export const TeachingSessionListAnswer = z.object({ sessions: z.array(TeachingSessionSummary) });
export type TeachingSessionListAnswer = z.infer<typeof TeachingSessionListAnswer>;
