import type { CatalogueEntry } from './entry';

/** Reading: tasks and claims, reports, consultations, critical results, programmes, retakes and deliveries. */
export const READING_ERRORS = {
  TASK_TAKEN: {
    status: 409,
    message: 'Another reader has already claimed this task. Pick another one from the worklist.',
  },
  TASK_HELD_FOR_CONSULTATION: {
    status: 409,
    message:
      'This read is held for consultation: its signed report waits for a consultant. Open its consultation task instead.',
  },
  TASK_NOT_CLAIMABLE: {
    status: 409,
    message:
      'This task cannot be claimed now: it is not yet queued, or it is already completed or cancelled.',
  },
  CLAIM_LAPSED: {
    status: 409,
    message:
      'Your claim on this task lapsed or the task was reassigned. Claim it again to continue.',
  },
  TASK_NOT_WAITING: {
    status: 409,
    message:
      'This study is no longer waiting for its centre to open: open it from the worklist to claim it.',
  },
  NO_TASK_AVAILABLE: { status: 404, message: 'No queued task is waiting for a reader right now.' },
  TASK_CLOSED: {
    status: 409,
    message: 'This task is completed or cancelled; it can no longer change.',
  },
  PRIORITY_CHANGE_NOT_ALLOWED: {
    status: 403,
    message: 'Clinics may only raise a routine task to urgent.',
  },
  PRIORITY_REASON_REQUIRED: {
    status: 400,
    message: 'Say why this study is urgent: the radiologist reads your reason.',
  },
  TASK_OWN_READ: {
    status: 403,
    message: 'This is a review of your own read: another radiologist must review it.',
  },
  ASSIGNEE_IS_OWN_READER: {
    status: 400,
    message: 'This review is of that reader’s own read: assign it to another radiologist.',
  },
  ASSIGNEE_NOT_READER: {
    status: 400,
    message: 'Tasks can only be assigned to an active radiologist or consultant.',
  },
  REVISION_CONFLICT: {
    status: 409,
    message:
      'This report was saved elsewhere since you opened it. The saved version is attached; reload it to continue.',
  },
  REPORT_NOT_CLAIMANT: {
    status: 403,
    message: 'Only the reader who holds the claim on this task can edit or sign its report.',
  },
  REPORT_INVALID: {
    status: 422,
    message: 'The report cannot be signed yet: correct the fields listed and sign again.',
  },
  REPORT_LOCKED: {
    status: 409,
    message: 'This report is signed and can no longer be edited. Add an addendum instead.',
  },
  REPORT_NOT_RELEASED: {
    status: 409,
    message: 'This report is not released yet: addenda follow a released report.',
  },
  REPORT_FORM_NOT_ALLOWED: {
    status: 400,
    message: 'This form is not one of the study’s programme forms. Choose one of those offered.',
  },
  CONSULTATION_NOT_PENDING: {
    status: 409,
    message: 'This consultation is already settled, or its report is not waiting for it.',
  },
  CRITICAL_ALREADY_FLAGGED: {
    status: 409,
    message: 'This report is already flagged critical; its alert stands as it is.',
  },
  CRITICAL_NOT_SIGNED: {
    status: 409,
    message: 'Only a signed report can be flagged critical: flag it when you sign.',
  },
  CRITICAL_NOT_ALERTED: {
    status: 409,
    message:
      'This critical result is not released to the clinic yet, so there is nothing to acknowledge.',
  },
  PROGRAMME_NOT_SERVED: {
    status: 400,
    message:
      'Your clinic does not screen for this programme. Choose one of the programmes offered.',
  },
  PROGRAMME_READ_STARTED: {
    status: 409,
    message:
      'A radiologist has already started reading this study, so its programme can no longer change. Message the reading centre if it is wrong.',
  },
  RETAKE_NOT_CLAIMANT: {
    status: 403,
    message:
      'Only the reader who holds the claim on this task can ask the clinic for a retake or an extra view.',
  },
  RETAKE_SETTLED: {
    status: 409,
    message: 'New images have already arrived for this request; there is nothing left to do.',
  },
  DELIVERY_NOT_RETRYABLE: {
    status: 409,
    message: 'This delivery has already been delivered; there is nothing to retry.',
  },
} as const satisfies Record<string, CatalogueEntry>;
