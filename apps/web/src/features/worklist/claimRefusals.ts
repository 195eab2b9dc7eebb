import { CLAIM_REFUSAL_CODES, type ClaimRefusalCode } from '@telerad/contracts';
import { ApiError, errorMessage } from '../../app/apiError';

/** What a reader is told when a study will not open from the worklist. */
export interface RefusalNotice {
  title: string;
  message: string;
}

/** A name the server put in an error's details, if any. */
function nameIn(details: unknown, key: 'assigneeName' | 'readerName'): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const v = (details as Record<string, unknown>)[key];
  return typeof v === 'string' && v ? v : null;
}

/**
 * One sentence for every code the server may refuse a claim with (`CLAIM_REFUSAL_CODES`):
 * the record type makes a new refusal code fail to build until it has its words here.
 */
export const CLAIM_REFUSAL_NOTICES: Record<ClaimRefusalCode, (e: ApiError) => RefusalNotice> = {
  TASK_TAKEN: (e) => ({
    title: 'Someone is reading this study',
    message: `${nameIn(e.details, 'assigneeName') ?? 'Another reader'} is reading it now. Pick another study, or press n for the next one.`,
  }),
  TASK_HELD_FOR_CONSULTATION: (e) => ({
    title: 'Held for consultation',
    message: `${nameIn(e.details, 'readerName') ?? 'Its reader'} signed this read and the report waits for a consultant, who settles it from the patient’s Consultation row.`,
  }),
  TASK_NOT_CLAIMABLE: () => ({
    title: 'Not ready to read',
    message:
      'This study is not on a reading queue yet (its centre may be closed) or is waiting for new images. It opens once it shows as Queued.',
  }),
  TASK_CLOSED: () => ({
    title: 'Already finished',
    message: 'This task was completed or cancelled a moment ago; the worklist is up to date now.',
  }),
  TASK_OWN_READ: () => ({
    title: 'This is your own read',
    message:
      'A peer review is always read by another radiologist. Pick another study, or press n for the next one.',
  }),
  NOT_FOUND: () => ({
    title: 'No longer on the worklist',
    message:
      'This task no longer exists or is outside your clinics; the worklist is up to date now.',
  }),
};

const KNOWN = new Set<string>(CLAIM_REFUSAL_CODES);

/**
 * Words for a failed open (claim): the sentence of its refusal code, or for anything else (a
 * lost connection, a code added to the catalogue later) the server's own message, which the
 * error catalogue writes for users.
 */
export function claimRefusalNotice(error: unknown): RefusalNotice {
  if (error instanceof ApiError && KNOWN.has(error.code))
    return CLAIM_REFUSAL_NOTICES[error.code as ClaimRefusalCode](error);
  return { title: 'Could not open this study', message: errorMessage(error) };
}
