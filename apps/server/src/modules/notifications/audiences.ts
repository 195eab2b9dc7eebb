import type { NotificationAudience } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/** What an event says about where it happened, for finding its audience. */
export interface AudienceTarget {
  /** The clinic the event is about. */
  clinicId?: string | null;
  /** The centre whose staff it concerns (a task's centre). */
  centreId?: string | null;
  /** The one user it is for (an assignee). */
  userId?: string | null;
  /** The roles whose users it is for (a document version's). */
  roles?: readonly string[];
}

const active = (db: Db) => db.selectFrom('users as u').select('u.id').where('u.active', '=', true);
const withRole = (roles: readonly string[]) => sql<boolean>`u.roles && ${sql.val(roles)}::text[]`;

/** The clinic's own users (clinic staff holding a membership of it). */
function clinicUsers(db: Db, clinicId: string) {
  return active(db)
    .innerJoin('user_clinics as uc', 'uc.user_id', 'u.id')
    .where('uc.clinic_id', '=', clinicId)
    .where(withRole(['clinic']));
}

/** The assistants assigned to the clinic (DESIGN.md §1: clinics have assigned assistants). */
function clinicAssistants(db: Db, clinicId: string) {
  return active(db)
    .innerJoin('clinic_assistants as ca', 'ca.user_id', 'u.id')
    .where('ca.clinic_id', '=', clinicId);
}

/** Staff holding `roles` whose centre is `centreId`, or who are tied to no centre. */
function centreStaff(db: Db, roles: readonly string[], centreId: string | null | undefined) {
  return active(db)
    .where(withRole(roles))
    .where((eb) =>
      centreId
        ? eb.or([eb('u.centre_id', 'is', null), eb('u.centre_id', '=', centreId)])
        : eb.lit(true),
    );
}

const ids = async (q: { execute(): Promise<{ id: string }[]> }) =>
  (await q.execute()).map((r) => r.id);

/**
 * The users an audience names for an event, in the caller's transaction: one resolver per
 * audience of the catalogue (packages/contracts notifications.ts). An audience that needs a
 * clinic or a user the event does not give is empty.
 */
export async function resolveAudience(
  db: Db,
  audience: NotificationAudience,
  t: AudienceTarget,
): Promise<string[]> {
  const found: string[] = await (async () => {
    switch (audience) {
      case 'centreConsultants':
        return ids(centreStaff(db, ['consultant'], t.centreId));
      case 'assignee':
      case 'reader':
      case 'documentOwner':
      case 'requester':
        return t.userId ? ids(active(db).where('u.id', '=', t.userId)) : [];
      case 'clinicUsers':
        return t.clinicId ? ids(clinicUsers(db, t.clinicId)) : [];
      case 'clinicAndAssistants':
        return t.clinicId
          ? [
              ...(await ids(clinicUsers(db, t.clinicId))),
              ...(await ids(clinicAssistants(db, t.clinicId))),
            ]
          : [];
      case 'clinicAssistants':
        return t.clinicId ? ids(clinicAssistants(db, t.clinicId)) : [];
      case 'centreSupervisors':
        return ids(centreStaff(db, ['consultant', 'admin'], t.centreId));
      case 'support':
        return ids(active(db).where(withRole(['support'])));
      case 'documentReaders':
        return t.roles?.length ? ids(active(db).where(withRole(t.roles))) : [];
      case 'taskWatchers':
        return [
          ...(t.clinicId ? await ids(clinicAssistants(db, t.clinicId)) : []),
          ...(await ids(centreStaff(db, ['consultant', 'admin'], t.centreId))),
        ];
    }
  })();
  return [...new Set(found)];
}
