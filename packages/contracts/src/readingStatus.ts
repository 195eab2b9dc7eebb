import { z } from 'zod';
import { TASK_STATES, type TaskType } from './worklist';

/**
 * Where a reading task, or a study's reading, stands as people see it. It is the task's state,
 * except that a primary read whose signed report waits for a consultant (the read is still
 * claimed by its reader, the consultation task is open) is `held_for_consultation`, not
 * "in progress". The server derives it in one place (the worklist module) for every list.
 */
export const READING_STATUSES = [...TASK_STATES, 'held_for_consultation'] as const;
export const ReadingStatus = z.enum(READING_STATUSES);
export type ReadingStatus = z.infer<typeof ReadingStatus>;

/** What the SLA clock does while a task is in a status. */
export type SlaClockMode = 'not_started' | 'running' | 'stopped';

/** How a reading status reads: centre staff's words, the clinic's words, and its SLA clock. */
export interface ReadingStatusLook {
  /** Staff's word, on the worklist. */
  label: string;
  /** The clinic's words for its study in this status. */
  clinicLabel: string;
  /** Mantine colour of its badge. */
  color: string;
  /** What the SLA clock does meanwhile. */
  clock: SlaClockMode;
  /** One sentence for a clinic on what happens next. */
  clinicNote: string;
}

/**
 * The status table, as data: a new status adds a row. The clock column says what the server
 * does: a held read keeps its due time and its turnaround runs from queued to the release of
 * the report (`completeTasksInTransaction` counts the consultation), because the clinic's
 * promise (a report within the hour, DOMAIN.md §1) is about the report it receives, and it
 * receives none while the consultant decides.
 */
export const READING_STATUS_LOOK: Record<ReadingStatus, ReadingStatusLook> = {
  waiting: {
    label: 'Waiting',
    clinicLabel: 'Waiting for the centre to open',
    color: 'gray',
    clock: 'not_started',
    clinicNote: 'Every reading centre is closed; it is read when one opens.',
  },
  queued: {
    label: 'Queued',
    clinicLabel: 'Waiting for a radiologist',
    color: 'blue',
    clock: 'running',
    clinicNote: 'It is on the reading centre’s worklist.',
  },
  in_progress: {
    label: 'In progress',
    clinicLabel: 'Being read',
    color: 'violet',
    clock: 'running',
    clinicNote: 'A radiologist is reading it now.',
  },
  held_for_consultation: {
    label: 'Held for consultation',
    clinicLabel: 'With the consultant',
    color: 'grape',
    clock: 'running',
    clinicNote:
      'The radiologist has read it and asked a consultant to confirm before the report is released.',
  },
  awaiting_images: {
    label: 'Awaiting retake',
    clinicLabel: 'Retake requested',
    color: 'orange',
    clock: 'stopped',
    clinicNote: 'The radiologist asked for new images; send them to queue the study again.',
  },
  completed: {
    label: 'Completed',
    clinicLabel: 'Report released',
    color: 'teal',
    clock: 'stopped',
    clinicNote: 'The report is released: open it from Reports.',
  },
  cancelled: {
    label: 'Cancelled',
    clinicLabel: 'Cancelled',
    color: 'gray',
    clock: 'stopped',
    clinicNote: 'This reading was cancelled.',
  },
};

/**
 * Words for each task type, as data: a new type (and the reading_tasks check) adds a row.
 * `short` fits a worklist badge.
 */
export const TASK_TYPE_LOOK: Record<TaskType, { label: string; short: string; color: string }> = {
  primary_read: { label: 'Primary read', short: 'Primary', color: 'gray' },
  consultation: { label: 'Consultation', short: 'Consultation', color: 'grape' },
  second_opinion: { label: 'Second opinion', short: 'Second opinion', color: 'indigo' },
  peer_review: { label: 'Peer review', short: 'Peer review', color: 'cyan' },
  qc_read: { label: 'Quality-control read', short: 'QC', color: 'lime' },
};
