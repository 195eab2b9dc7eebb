import type { Role, User } from '@telerad/contracts';
import type { Db } from '../../platform/db';

/**
 * Loads people's accounts (all, or the given ids) with their clinic memberships; never hashes or
 * secrets, never a machine's service account.
 */
export async function loadUsers(db: Db, ids?: readonly string[]): Promise<User[]> {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name',
      'email',
      'credentials',
      'roles',
      'centre_id',
      'active',
      'mfa_enabled',
      'locked_until',
      'last_login_at',
      'created_at',
    ])
    // A machine's service account (a gateway's) is no person: no list or form shows it.
    .where('service', 'is', null)
    .orderBy('username');
  if (ids) q = q.where('id', 'in', ids);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const memberships = await db
    .selectFrom('user_clinics')
    .selectAll()
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    credentials: r.credentials,
    roles: r.roles as Role[],
    clinicIds: memberships.filter((m) => m.user_id === r.id).map((m) => m.clinic_id),
    managedClinicIds: memberships
      .filter((m) => m.user_id === r.id && m.manager)
      .map((m) => m.clinic_id),
    centreId: r.centre_id,
    active: r.active,
    mfaEnabled: r.mfa_enabled,
    lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until.toISOString() : null,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Replaces a user's clinic memberships, marking those of `managed` as managed. */
export async function replaceMemberships(
  db: Db,
  userId: string,
  clinicIds: readonly string[],
  managed: readonly string[] = [],
): Promise<void> {
  await db.deleteFrom('user_clinics').where('user_id', '=', userId).execute();
  const unique = [...new Set(clinicIds)];
  if (unique.length)
    await db
      .insertInto('user_clinics')
      .values(unique.map((c) => ({ user_id: userId, clinic_id: c, manager: managed.includes(c) })))
      .execute();
}

/** Number of active administrators other than `exceptId`. */
export async function otherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('active', '=', true)
    .where('id', '<>', exceptId)
    .where((eb) => eb(eb.val('admin'), '=', eb.fn.any('roles')))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
