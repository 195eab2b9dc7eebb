import type { Db } from '../../platform/db';

/** A C-MOVE destination: a registered AE of the clinic with a network address. */
export interface MoveDestination {
  aeTitle: string;
  host: string;
  port: number;
}

/**
 * The Move Destination `aeTitle` if it is an AE of the clinic `clinicId` with a host and port
 * (PS3.4 §C.4.2.1.4.1): a clinic can only move its studies to its own AEs.
 */
export async function findMoveDestination(
  db: Db,
  clinicId: string,
  aeTitle: string,
): Promise<MoveDestination | undefined> {
  const row = await db
    .selectFrom('clinic_ae_titles')
    .select(['ae_title', 'host', 'port'])
    .where('clinic_id', '=', clinicId)
    .where('ae_title', '=', aeTitle.trim().toUpperCase())
    .executeTakeFirst();
  if (!row?.host || !row.port) return undefined;
  return { aeTitle: row.ae_title, host: row.host, port: row.port };
}
