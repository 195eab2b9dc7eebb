import { z } from 'zod';
import { READING_STATUS_LOOK, type ReadingStatus } from './readingStatus';

/**
 * Where a clinic's study stands, in the clinic's words. It is derived once, here, from the
 * reading status the worklist derives (`readingStatus.ts`) and the few facts that only the
 * clinic's view adds; the server's applicant list and the web page both call
 * {@link clinicStudyState}, so they cannot disagree.
 */
export const CLINIC_STUDY_STATES = [
  'received',
  'waiting_for_centre',
  'being_read',
  'with_consultant',
  'reported',
  'retake_requested',
  'needs_attention',
  'cancelled',
] as const;
export const ClinicStudyState = z.enum(CLINIC_STUDY_STATES);
export type ClinicStudyState = z.infer<typeof ClinicStudyState>;

/** What the clinic state of one study is derived from. */
export interface ClinicStateInputs {
  /** The reading status of the study's latest primary read; null while it has none yet. */
  readingStatus: ReadingStatus | null;
  /** A report of the study has been released to the clinic. */
  reportReleased: boolean;
  /** A retake was requested and no new images have answered it yet. */
  openRetake: boolean;
  /** The study waits for someone at the clinic or centre (no applicant ID, open flags). */
  needsAttention: boolean;
}

/**
 * The one derivation. Order matters and says what the clinic must know first: a released
 * report is the answer they wait for; a retake and a problem with the images ask the clinic to
 * act; then where the reading is. A queued study and one still arriving are both "received":
 * the clinic cannot tell them apart and need not.
 */
export function clinicStudyState(i: ClinicStateInputs): ClinicStudyState {
  if (i.reportReleased || i.readingStatus === 'completed') return 'reported';
  if (i.openRetake || i.readingStatus === 'awaiting_images') return 'retake_requested';
  if (i.needsAttention) return 'needs_attention';
  switch (i.readingStatus) {
    case null:
    case 'queued':
      return 'received';
    case 'waiting':
      return 'waiting_for_centre';
    case 'in_progress':
      return 'being_read';
    case 'held_for_consultation':
      return 'with_consultant';
    case 'cancelled':
      return 'cancelled';
  }
}

/** How a clinic state reads: its words, badge colour and what happens next. */
export interface ClinicStateLook {
  label: string;
  color: string;
  note: string;
}

/**
 * The clinic's words for each state, as data. Where a state is a reading status, its colour and
 * note are the worklist's own (`READING_STATUS_LOOK`), so the two views agree.
 */
export const CLINIC_STATE_LOOK: Record<ClinicStudyState, ClinicStateLook> = {
  received: {
    label: 'Received',
    color: READING_STATUS_LOOK.queued.color,
    note: 'The images arrived and are in line for a radiologist.',
  },
  waiting_for_centre: {
    label: 'Waiting for a centre',
    color: READING_STATUS_LOOK.waiting.color,
    note: READING_STATUS_LOOK.waiting.clinicNote,
  },
  being_read: {
    label: 'Being read',
    color: READING_STATUS_LOOK.in_progress.color,
    note: READING_STATUS_LOOK.in_progress.clinicNote,
  },
  with_consultant: {
    label: 'With a consultant',
    color: READING_STATUS_LOOK.held_for_consultation.color,
    note: READING_STATUS_LOOK.held_for_consultation.clinicNote,
  },
  reported: {
    label: 'Reported',
    color: READING_STATUS_LOOK.completed.color,
    note: 'The report is released: open it.',
  },
  retake_requested: {
    label: 'Retake requested',
    color: READING_STATUS_LOOK.awaiting_images.color,
    note: READING_STATUS_LOOK.awaiting_images.clinicNote,
  },
  needs_attention: {
    label: 'Needs your attention',
    color: 'red',
    note: 'Something is missing, such as the applicant ID; the centre will contact you.',
  },
  cancelled: {
    label: 'Cancelled',
    color: READING_STATUS_LOOK.cancelled.color,
    note: READING_STATUS_LOOK.cancelled.clinicNote,
  },
};
