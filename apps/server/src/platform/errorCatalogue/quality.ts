import type { CatalogueEntry } from './entry';

/** Quality assurance: peer review, discrepancies, QC re-reads and incidents. */
export const QUALITY_ERRORS = {
  PEER_REVIEW_READER_UNKNOWN: {
    status: 400,
    message: 'A chosen reader is not a radiologist or consultant. Pick readers from the list.',
  },
  PEER_REVIEW_NOT_BLIND: {
    status: 409,
    message: 'This review is not blind: the original report is already shown; score it directly.',
  },
  PEER_REVIEW_BLIND_READ_DONE: {
    status: 409,
    message: 'Your own read of this case is already recorded; score the original report now.',
  },
  PEER_REVIEW_BLIND_READ_FIRST: {
    status: 409,
    message:
      'This review is blind: record your own read first, then the original report is shown to score.',
  },
  QC_RULE_DUPLICATE: {
    status: 400,
    message: 'A clinic has two QC rules: keep one rule per clinic.',
  },
  QC_READ_EXISTS: {
    status: 409,
    message: 'Your clinic’s read of this study is already sent; it cannot be replaced.',
  },
  QC_READ_DONE: {
    status: 409,
    message: 'This QC read is already signed.',
  },
  DISCREPANCY_CLOSED: {
    status: 409,
    message: 'This discrepancy case is already settled.',
  },
  REPORT_CARD_PERIOD_INVALID: {
    status: 400,
    message:
      'A report card covers whole days from its start to its end, at most 366 days: pick an end on or after the start, within a year of it.',
  },
  INCIDENT_TRANSITION_INVALID: {
    status: 409,
    message:
      'An incident moves open → investigating → resolved → closed (or back from resolved to investigating); this move is not one of those.',
  },
  INCIDENT_ROOT_CAUSE_REQUIRED: {
    status: 422,
    message: 'Write the root cause before marking the incident resolved.',
  },
  INCIDENT_LESSON_REQUIRED: {
    status: 422,
    message: 'Write the lesson learned (a title and what to do differently) to close the incident.',
  },
  INCIDENT_CLOSED: {
    status: 409,
    message: 'This incident is closed: its record can no longer change.',
  },
  INCIDENT_OWNER_NOT_STAFF: {
    status: 400,
    message: 'An owner must be an active member of staff.',
  },
  SOP_OWNER_NOT_ALLOWED: {
    status: 400,
    message: 'An SOP is owned by an active quality officer, administrator or consultant.',
  },
  SOP_FILE_NOT_PDF: {
    status: 415,
    message: 'Upload the document as a PDF file (other file types are not accepted).',
  },
  SOP_FILE_TOO_LARGE: {
    status: 413,
    message: 'This PDF is larger than 20 MB; reduce it (fewer or smaller images) and upload again.',
  },
  SOP_FILE_UNKNOWN: {
    status: 400,
    message: 'The PDF for this version was not found; upload it again.',
  },
  SOP_NOT_OPENED: {
    status: 409,
    message: 'Open and read this version before acknowledging it.',
  },
  SOP_NOT_FOR_YOU: {
    status: 409,
    message: 'This version does not ask your role to acknowledge it.',
  },
  SOP_VERSION_SUPERSEDED: {
    status: 409,
    message:
      'A newer version of this document has been published: open it and acknowledge that one.',
  },
  TEACHING_BURNED_IN: {
    status: 422,
    message:
      'Every image of a chosen case has patient details burned into its pixels (Burned In Annotation YES), so it cannot be shown de-identified. Take that case out of the session.',
  },
  TEACHING_NO_IMAGES: {
    status: 422,
    message: 'A chosen case has no images in the archive any more. Take it out of the session.',
  },
  SECOND_OPINION_CLOSED: {
    status: 409,
    message: 'This second opinion is already answered or withdrawn: it can no longer change.',
  },
  SECOND_OPINION_NOT_ASKER: {
    status: 403,
    message: 'Only the person who asked for this second opinion can withdraw it.',
  },
  SECOND_OPINION_NOT_ANSWERED: {
    status: 404,
    message: 'This second opinion has no signed note yet.',
  },
} as const satisfies Record<string, CatalogueEntry>;
