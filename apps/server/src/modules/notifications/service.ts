import type { Notification, NotificationList, NotificationQuery } from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { clinicScope, inClinicScope } from '../auth';
import { deliverNotifications } from './delivery';

/** A notification to create for one user. */
export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  taskId?: string | null;
  clinicId?: string | null;
  /**
   * Makes the notification idempotent per user: a second one with the same key is not created
   * (a unique index, so concurrent writers cannot both create it).
   */
  dedupeKey?: string | null;
}

/** A notification as stored and delivered. */
export interface StoredNotification {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  taskId: string | null;
  clinicId: string | null;
}

/**
 * Creates notifications (skipping those whose dedupe key the user already has) and returns the
 * ones created. Call `deliverNotifications` with them after the caller's transaction commits
 * (or use {@link notifyUsers}, which does both outside a transaction).
 */
export async function createNotifications(
  db: Db,
  items: readonly NewNotification[],
): Promise<StoredNotification[]> {
  if (items.length === 0) return [];
  const rows = await db
    .insertInto('notifications')
    .values(
      items.map((n) => ({
        user_id: n.userId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        task_id: n.taskId ?? null,
        clinic_id: n.clinicId ?? null,
        dedupe_key: n.dedupeKey ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .returning(['id', 'user_id', 'kind', 'title', 'body', 'task_id', 'clinic_id'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    taskId: r.task_id,
    clinicId: r.clinic_id,
  }));
}

/** Creates notifications and delivers the new ones (live push, e-mail when configured). */
export async function notifyUsers(
  db: Db,
  items: readonly NewNotification[],
): Promise<StoredNotification[]> {
  const created = await createNotifications(db, items);
  await deliverNotifications(created);
  return created;
}

const toApi = (r: {
  id: string;
  kind: string;
  title: string;
  body: string;
  task_id: string | null;
  clinic_id: string | null;
  created_at: Date;
  read_at: Date | null;
}): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  taskId: r.task_id,
  clinicId: r.clinic_id,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

/**
 * The caller's own notifications, newest first, with the unread count. A clinic user's list is
 * also held to their clinic scope, so a notification about another clinic never shows.
 */
export async function listNotifications(
  ctx: ServiceContext,
  q: NotificationQuery,
): Promise<NotificationList> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const scope = clinicScope(actor);
  // A notification about no clinic in particular is its recipient's whatever their scope.
  const base = ctx.db
    .selectFrom('notifications as n')
    .where('n.user_id', '=', actor.userId)
    .where((eb) => eb.or([eb('n.clinic_id', 'is', null), inClinicScope(scope, 'n.clinic_id')]));
  const [rows, count] = await Promise.all([
    (q.unread ? base.where('n.read_at', 'is', null) : base)
      .select([
        'n.id',
        'n.kind',
        'n.title',
        'n.body',
        'n.task_id',
        'n.clinic_id',
        'n.created_at',
        'n.read_at',
      ])
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id')
      .limit(q.limit)
      .execute(),
    base
      .select(sql<number>`count(*)::int`.as('n'))
      .where('n.read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { notifications: rows.map(toApi), unread: count.n };
}

/** Marks one of the caller's notifications read; another user's answers 404. */
export async function markNotificationRead(
  ctx: ServiceContext,
  id: string,
  now = new Date(),
): Promise<Notification> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const row = await auditedTransaction(
    ctx,
    (trx) =>
      trx
        .updateTable('notifications')
        .set({ read_at: sql<Date>`coalesce(read_at, ${now}::timestamptz)` })
        .where('id', '=', id)
        .where('user_id', '=', actor.userId)
        .returning(['id', 'kind', 'title', 'body', 'task_id', 'clinic_id', 'created_at', 'read_at'])
        .executeTakeFirst(),
    (r) => r && { resourceId: r.id, clinicId: r.clinic_id },
  );
  if (!row) throw appError('NOT_FOUND', undefined, 'No such notification.');
  return toApi(row);
}
