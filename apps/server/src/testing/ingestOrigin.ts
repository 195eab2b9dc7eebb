import type { IngestOrigin } from '../modules/ingest';
import type { Db } from '../platform/db';

/** A DIMSE origin of a seeded clinic (`seedDemo`): its id, looked up by code, and that code as calling AE. */
export async function dimseOrigin(db: Db, code: string): Promise<IngestOrigin> {
  const { id } = await db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return { door: 'dimse', clinicId: id, callingAe: code, remoteAddress: '127.0.0.1' };
}
