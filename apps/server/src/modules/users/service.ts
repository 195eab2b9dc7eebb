import type { User, UserCreate, UserUpdate } from '@telerad/contracts';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { destroyUserSessions, hashPassword } from '../auth';
import { loadUsers, otherActiveAdmins, replaceMemberships } from './repo';

/**
 * Checks the memberships an account would hold: a clinic user belongs to a clinic; the clinics
 * exist; and only clinic staff manage clinics, each one of their own.
 */
async function checkMemberships(
  db: Db,
  roles: readonly string[] | undefined,
  clinicIds: readonly string[] | undefined,
  managed: { ids: readonly string[]; members: readonly string[] } = { ids: [], members: [] },
): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  if (managed.ids.length && !roles?.includes('clinic'))
    problems.push({ path: 'managedClinicIds', message: 'only clinic staff manage a clinic' });
  else if (managed.ids.some((c) => !managed.members.includes(c)))
    problems.push({
      path: 'managedClinicIds',
      message: 'a manager must also be a member of the clinic',
    });
  if (roles?.includes('clinic') && clinicIds !== undefined && clinicIds.length === 0) {
    problems.push({
      path: 'clinicIds',
      message: 'a clinic user must belong to at least one clinic',
    });
  }
  if (clinicIds?.length) {
    const found = await db
      .selectFrom('clinics')
      .select('id')
      .where('id', 'in', [...clinicIds])
      .execute();
    if (found.length !== new Set(clinicIds).size)
      problems.push({ path: 'clinicIds', message: 'names a clinic that does not exist' });
  }
  if (problems.length) throw appError('VALIDATION_FAILED', problems);
}

/** All accounts (administrators only, by route permission). */
export async function listUsers(ctx: ServiceContext): Promise<User[]> {
  return loadUsers(ctx.db);
}

/** One account. */
export async function getUser(ctx: ServiceContext, id: string): Promise<User> {
  const [u] = await loadUsers(ctx.db, [id]);
  if (!u) throw appError('NOT_FOUND');
  return u;
}

/** Creates an account with an initial password. */
export async function createUser(ctx: ServiceContext, body: UserCreate): Promise<User> {
  await checkMemberships(ctx.db, body.roles, body.clinicIds ?? [], {
    ids: body.managedClinicIds ?? [],
    members: body.clinicIds ?? [],
  });
  const hash = await hashPassword(body.password);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        username: body.username,
        display_name: body.displayName,
        email: body.email ?? null,
        credentials: body.credentials ?? null,
        roles: [...new Set(body.roles)],
        centre_id: body.centreId ?? null,
        password_hash: hash,
        active: body.active ?? true,
        updated_at: new Date(),
        locked_until: null,
        last_login_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceMemberships(trx, row.id, body.clinicIds ?? [], body.managedClinicIds ?? []);
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'user.create',
        outcome: 'success',
        resourceType: 'user',
        resourceId: row.id,
        details: { username: body.username, roles: body.roles },
      },
    );
    const [u] = await loadUsers(trx, [row.id]);
    return u!;
  });
}

/**
 * Changes an account. Resetting the password, disabling, or resetting MFA ends the user's
 * sessions. The last active administrator cannot lose the role or be disabled.
 */
export async function updateUser(ctx: ServiceContext, id: string, body: UserUpdate): Promise<User> {
  const current = await getUser(ctx, id);
  const roles = body.roles ?? current.roles;
  const clinicIds = body.clinicIds ?? current.clinicIds;
  // Leaving a clinic, or the clinic role, ends managing it unless the body says otherwise.
  const managed =
    body.managedClinicIds ??
    (roles.includes('clinic') ? current.managedClinicIds.filter((c) => clinicIds.includes(c)) : []);
  await checkMemberships(
    ctx.db,
    roles,
    body.clinicIds ?? (body.roles ? current.clinicIds : undefined),
    { ids: managed, members: clinicIds },
  );
  const losesAdmin =
    current.roles.includes('admin') &&
    current.active &&
    (!roles.includes('admin') || body.active === false);
  if (losesAdmin && (await otherActiveAdmins(ctx.db, id)) === 0) throw appError('LAST_ADMIN');
  const hash = body.password ? await hashPassword(body.password) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.credentials !== undefined ? { credentials: body.credentials } : {}),
        ...(body.roles !== undefined ? { roles: [...new Set(body.roles)] } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        ...(body.centreId !== undefined ? { centre_id: body.centreId } : {}),
        ...(hash ? { password_hash: hash, password_changed_at: new Date() } : {}),
        ...(body.unlock ? { locked_until: null, failed_logins: 0 } : {}),
        ...(body.resetMfa
          ? { mfa_enabled: false, mfa_secret: null, mfa_pending_secret: null, mfa_last_step: null }
          : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (body.clinicIds || body.managedClinicIds || body.roles)
      await replaceMemberships(trx, id, clinicIds, managed);
    if (body.resetMfa)
      await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', id).execute();
    if (hash || body.active === false || body.resetMfa) await destroyUserSessions(trx, id);
    const changed = Object.keys(body).filter((k) => k !== 'password');
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'user.update',
        outcome: 'success',
        resourceType: 'user',
        resourceId: id,
        details: { fields: hash ? [...changed, 'password (reset)'] : changed },
      },
    );
    const [u] = await loadUsers(trx, [id]);
    return u!;
  });
}

/**
 * Active radiologists and consultants, by name: whom a reading task or a review programme may
 * name. Names only; no account details.
 */
export async function activeReaders(db: Db): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('active', '=', true)
    .where(sql<boolean>`roles && array['radiologist', 'consultant']::text[]`)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}
