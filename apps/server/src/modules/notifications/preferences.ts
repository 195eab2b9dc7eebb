import {
  DIGEST_KIND,
  kindsForRoles,
  NOTIFICATION_CATALOGUE,
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
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
  if (kind === DIGEST_KIND) return true;
  const spec = (NOTIFICATION_CATALOGUE as Record<string, { defaultOn: boolean } | undefined>)[kind];
  return spec?.defaultOn ?? true;
}

/** Which channels each item's user receives its kind on. */
export interface ChannelChoice<T> {
  item: T;
  app: boolean;
  email: boolean;
}

/**
 * Each item's channels: the user's own switch per kind and channel where they set one, else the
 * kind's default. One query for the whole batch, in the creating transaction.
 */
export async function channelsOf<T extends { userId: string; kind: string }>(
  trx: Db,
  items: readonly T[],
): Promise<ChannelChoice<T>[]> {
  if (items.length === 0) return [];
  const rows = await trx
    .selectFrom('notification_preferences')
    .select(['user_id', 'kind', 'channel', 'enabled'])
    .where('user_id', 'in', [...new Set(items.map((i) => i.userId))])
    .where('kind', 'in', [...new Set(items.map((i) => i.kind))])
    .execute();
  const set = new Map(rows.map((r) => [`${r.user_id} ${r.kind} ${r.channel}`, r.enabled]));
  const on = (i: T, channel: NotificationChannel) =>
    set.get(`${i.userId} ${i.kind} ${channel}`) ?? defaultOn(i.kind);
  return items.map((item) => ({ item, app: on(item, 'app'), email: on(item, 'email') }));
}

/** Keeps the items whose user receives their kind on `channel` (see {@link channelsOf}). */
export async function keepEnabled<T extends { userId: string; kind: string }>(
  trx: Db,
  items: readonly T[],
  channel: NotificationChannel = 'app',
): Promise<T[]> {
  return (await channelsOf(trx, items)).filter((c) => c[channel]).map((c) => c.item);
}

/** The account whose switches these are; a missing account is answered 404. */
async function accountOf(
  db: Db,
  userId: string,
): Promise<{ roles: Role[]; manages: boolean; managed: string[] }> {
  const user = await db
    .selectFrom('users')
    .select('roles')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw appError('NOT_FOUND', undefined, 'No such account.');
  const managed = await db
    .selectFrom('user_clinics')
    .select('clinic_id')
    .where('user_id', '=', userId)
    .where('manager', '=', true)
    .execute();
  return {
    roles: user.roles as Role[],
    manages: managed.length > 0,
    managed: managed.map((m) => m.clinic_id),
  };
}

/**
 * A user's switches: one per kind their roles receive and channel, with the label and
 * description from the catalogue; the daily digest's for a clinic manager; and whether e-mail is
 * sent at all on this server.
 */
export async function getPreferences(
  ctx: ServiceContext,
  userId: string,
): Promise<NotificationPreferences> {
  const account = await accountOf(ctx.db, userId);
  const kinds = kindsForRoles(account.roles);
  const rows = await ctx.db
    .selectFrom('notification_preferences')
    .select(['kind', 'channel', 'enabled'])
    .where('user_id', '=', userId)
    .execute();
  const set = new Map(rows.map((r) => [`${r.kind} ${r.channel}`, r.enabled]));
  const on = (kind: string, channel: NotificationChannel) =>
    set.get(`${kind} ${channel}`) ?? defaultOn(kind);
  return {
    preferences: kinds.map((kind) => ({
      kind,
      label: NOTIFICATION_CATALOGUE[kind].label,
      description: NOTIFICATION_CATALOGUE[kind].description,
      app: on(kind, 'app'),
      email: on(kind, 'email'),
    })),
    email: Boolean(notificationOutlets().boss),
    digest: account.manages
      ? { enabled: on(DIGEST_KIND, 'email'), clinicIds: account.managed }
      : null,
  };
}

/**
 * Turns one kind on or off for a user on one channel or both, or the daily digest, audited in
 * the same transaction (the kind, the channels and the new state in the event). A kind the
 * user's roles never receive, or the digest of someone who manages no clinic, is refused.
 */
export async function setPreference(
  ctx: ServiceContext,
  userId: string,
  change: NotificationPreferenceChange,
): Promise<NotificationPreferences> {
  const account = await accountOf(ctx.db, userId);
  const [kind, channels, enabled]: [string, readonly NotificationChannel[], boolean] =
    'digest' in change
      ? [DIGEST_KIND, ['email'], change.digest]
      : [change.kind, change.channel ? [change.channel] : NOTIFICATION_CHANNELS, change.enabled];
  const offered: string[] = kindsForRoles(account.roles);
  if (kind === DIGEST_KIND && !account.manages) throw appError('DIGEST_NOT_OFFERED');
  if (kind !== DIGEST_KIND && !offered.includes(kind))
    throw appError('NOTIFICATION_KIND_NOT_OFFERED');
  await auditedTransaction(
    ctx,
    (trx) =>
      trx
        .insertInto('notification_preferences')
        .values(channels.map((channel) => ({ user_id: userId, kind, channel, enabled })))
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'kind', 'channel'])
            .doUpdateSet({ enabled, updated_at: sql<Date>`now()` }),
        )
        .execute(),
    () => ({ resourceId: userId, details: { kind, channels, enabled } }),
  );
  return getPreferences(ctx, userId);
}
