import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';

/** The incident's row, locked for a change in `trx`; NOT_FOUND when there is none. */
export async function lockIncident(trx: Db, id: string) {
  const row = await trx
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw appError('NOT_FOUND');
  return row;
}

/** Refuses any change to a closed incident. */
export function assertNotClosed(row: { state: string }): void {
  if (row.state === 'closed') throw appError('INCIDENT_CLOSED');
}

/** The clinics an incident names (its audit events name the first). */
export async function incidentClinics(trx: Db, id: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('incident_links')
    .select('clinic_id')
    .distinct()
    .where('incident_id', '=', id)
    .orderBy('clinic_id')
    .execute();
  return rows.map((r) => r.clinic_id);
}

/**
 * Adds one timeline entry in the change's own transaction: every change and comment is one, so
 * the timeline is the incident's whole history. The actor's name is kept as it was then.
 */
export async function addTimelineEntry(
  trx: Db,
  e: {
    incidentId: string;
    actor: Actor;
    kind: string;
    body?: string;
    details?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  const who = await trx
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', e.actor.userId)
    .executeTakeFirst();
  await trx
    .insertInto('incident_events')
    .values({
      incident_id: e.incidentId,
      at: e.at,
      actor_id: e.actor.userId,
      actor_name: who?.display_name ?? e.actor.displayName,
      kind: e.kind,
      body: e.body ?? '',
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
  await trx
    .updateTable('incidents')
    .set({ updated_at: e.at })
    .where('id', '=', e.incidentId)
    .execute();
}

/** Throws INCIDENT_OWNER_NOT_STAFF unless `userId` is an active staff account. */
export async function assertStaff(trx: Db, userId: string): Promise<string> {
  const u = await trx
    .selectFrom('users')
    .select(['display_name', 'roles', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u || !u.active || !u.roles.some((r) => r !== 'clinic'))
    throw appError('INCIDENT_OWNER_NOT_STAFF');
  return u.display_name;
}
