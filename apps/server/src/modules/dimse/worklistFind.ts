import { answerWorklistQuery, worklistDateRange } from '@telerad/dicom';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { worklistEntries } from '../orders';
import { MAX_MATCHES } from './cfind';
import type { Identifier } from './identifier';

/**
 * Most scheduled orders read for one query before the other keys narrow them: a query whose
 * date range holds more is refused, so that no entry is silently left out of the matching.
 */
export const MAX_WORKLIST_ENTRIES = 20_000;

/**
 * Answers a Modality Worklist C-FIND (PS3.4 Annex K) for the calling AE's clinic: only its
 * scheduled orders are read, prefiltered in SQL on the query's Scheduled Procedure Step Start
 * Date range, and the one matcher shared with the clinic gateway's local SCP decides the matches
 * and shapes each response identifier (with Specific Character Set ISO_IR 192 when a value is
 * not ASCII). More than `MAX_MATCHES` matches are refused, as for the Q/R models, so the unit
 * narrows its query.
 */
export async function runWorklistFind(
  db: Db,
  clinicId: string,
  id: Identifier,
  now?: Date,
): Promise<Identifier[]> {
  const entries = await worklistEntries(db, clinicId, {
    ...worklistDateRange(id),
    limit: MAX_WORKLIST_ENTRIES + 1,
    now,
  });
  if (entries.length > MAX_WORKLIST_ENTRIES)
    throw appError(
      'SERVICE_UNAVAILABLE',
      { entries: entries.length },
      `More than ${MAX_WORKLIST_ENTRIES} scheduled orders in the date range: narrow it.`,
    );
  const matches = answerWorklistQuery(id, entries);
  if (matches.length > MAX_MATCHES)
    throw appError(
      'SERVICE_UNAVAILABLE',
      { matches: matches.length },
      `More than ${MAX_MATCHES} matches: narrow the query.`,
    );
  return matches;
}
