import {
  kindsForRoles,
  NOTIFICATION_CATALOGUE,
  type NotificationKind,
  type NotificationPreferenceChange,
  type NotificationPreferences,
  type Role,
} from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { notificationOutlets } from './outlets';

/** A catalogue kind's default; a kind outside the catalogue is always sent. */
function defaultOn(kind: string): boolean {
  const spec = (NOTIFICATION_CATALOGUE as Record<string, { defaultOn: boolean } | undefined>)[kind];
  return spec?.defaultOn ?? true;
}

/**
 * Keeps the items whose user receives their kind: the user's own switch where they set one,
 * else the kind's default. One query for the whole batch, in the creating transaction.
 */
export async function keepEnabled<T extends { userId: string; kind: string }>(
  trx: Db,
  items: readonly T[],
): Promise<T[]> {
  if (items.length === 0) return [];
  const rows = await trx
    .selectFrom('notification_preferences')
    .select(['user_id', 'kind', 'enabled'])
    .where('user_id', 'in', [...new Set(items.map((i) => i.userId))])
    .where('kind', 'in', [...new Set(items.map((i) => i.kind))])
    .execute();
  const set = new Map(rows.map((r) => [`${r.user_id} ${r.kind}`, r.enabled]));
  return items.filter((i) => set.get(`${i.userId} ${i.kind}`) ?? defaultOn(i.kind));
}

/** The account whose switches these are; a missing account is answered 404. */
async function rolesOf(db: Db, userId: string): Promise<Role[]> {
  const user = await db
    .selectFrom('users')
    .select('roles')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw appError('NOT_FOUND', undefined, 'No such account.');
  return user.roles as Role[];
}

/**
 * A user's switches: one per kind their roles receive, with the label and description from
 * the catalogue, and whether e-mail is sent at all on this server.
 */
export async function getPreferences(
  ctx: ServiceContext,
  userId: string,
): Promise<NotificationPreferences> {
  const kinds = kindsForRoles(await rolesOf(ctx.db, userId));
  const rows = await ctx.db
    .selectFrom('notification_preferences')
    .select(['kind', 'enabled'])
    .where('user_id', '=', userId)
    .execute();
  const set = new Map(rows.map((r) => [r.kind, r.enabled]));
  return {
    preferences: kinds.map((kind) => ({
      kind,
      label: NOTIFICATION_CATALOGUE[kind].label,
      description: NOTIFICATION_CATALOGUE[kind].description,
      enabled: set.get(kind) ?? NOTIFICATION_CATALOGUE[kind].defaultOn,
    })),
    email: Boolean(notificationOutlets().boss),
  };
}

/**
 * Turns one kind on or off for a user, audited in the same transaction (the kind and the new
 * state in the event). A kind the user's roles never receive is refused.
 */
export async function setPreference(
  ctx: ServiceContext,
  userId: string,
  change: NotificationPreferenceChange,
): Promise<NotificationPreferences> {
  const kinds: NotificationKind[] = kindsForRoles(await rolesOf(ctx.db, userId));
  if (!kinds.includes(change.kind)) throw appError('NOTIFICATION_KIND_NOT_OFFERED');
  await auditedTransaction(
    ctx,
    (trx) =>
      trx
        .insertInto('notification_preferences')
        .values({ user_id: userId, kind: change.kind, enabled: change.enabled })
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'kind'])
            .doUpdateSet({ enabled: change.enabled, updated_at: sql<Date>`now()` }),
        )
        .execute(),
    () => ({ resourceId: userId, details: { kind: change.kind, enabled: change.enabled } }),
  );
  return getPreferences(ctx, userId);
}
