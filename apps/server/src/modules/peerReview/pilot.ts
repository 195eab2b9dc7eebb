import { PILOT_MAJOR_SCORES } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/** A pilot clinic's second reads so far. */
export interface PilotSecondReads {
  /** Reports released while the clinic was in pilot. */
  reports: number;
  /** Of their second reads, those scored. */
  scored: number;
  /** Scored as a major discrepancy (RADPEER 2b, 3a, 3b). */
  major: number;
}

/**
 * The second reads of a clinic's pilot reports (peer reviews of reason `pilot`), for the pilot's
 * exit criteria: how many reports, how many scored, how many major discrepancies.
 */
export async function pilotSecondReads(db: Db, clinicId: string): Promise<PilotSecondReads> {
  const reports = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clinic_id', '=', clinicId)
    .where('pilot', '=', true)
    .where('released_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const reviews = await db
    .selectFrom('peer_reviews')
    .select([
      sql<number>`count(*) filter (where score is not null)::int`.as('scored'),
      sql<number>`count(*) filter (where score = any(${sql.val([...PILOT_MAJOR_SCORES])}::text[]))::int`.as(
        'major',
      ),
    ])
    .where('clinic_id', '=', clinicId)
    .where('reason', '=', 'pilot')
    .executeTakeFirstOrThrow();
  return { reports: Number(reports.n), scored: reviews.scored, major: reviews.major };
}
