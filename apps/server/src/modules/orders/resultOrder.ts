import type { Db } from '../../platform/db';

/** The order a study was matched to, as a result message names it. */
export interface StudyOrder {
  accessionNumber: string;
  /** The order's id in the system it came from, and which system that was. */
  externalId: string | null;
  source: string;
  issuer: string;
}

/**
 * The order matched to study `studyId` (not cancelled), or undefined: read-only, for outputs
 * that answer the order (the HL7 result's placer and filler numbers).
 */
export async function resultOrderOfStudy(db: Db, studyId: string): Promise<StudyOrder | undefined> {
  const row = await db
    .selectFrom('orders')
    .select(['accession_number', 'external_id', 'source', 'issuer'])
    .where('study_id', '=', studyId)
    .where('status', '!=', 'cancelled')
    .orderBy('matched_at', 'desc')
    .executeTakeFirst();
  return row
    ? {
        accessionNumber: row.accession_number,
        externalId: row.external_id,
        source: row.source,
        issuer: row.issuer,
      }
    : undefined;
}
