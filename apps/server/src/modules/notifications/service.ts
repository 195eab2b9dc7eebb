import type { Notification, NotificationList, NotificationQuery } from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { clinicScope, inClinicScope } from '../auth';
import { publishInTransaction } from '../../platform/realtime';
import { queueNotificationEmails } from './email';
import { notificationOutlets } from './outlets';
import { channelsOf } from './preferences';
import type { NotificationMessage } from './wiring';

/** A notification to create for one user. */
export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  /** Where it leads in the web app (a path), if anywhere. */
  link?: string | null;
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
  link: string | null;
  taskId: string | null;
  clinicId: string | null;
}

/**
 * Creates notifications in the caller's transaction `trx` and hands them on with it, on the
 * channels each user keeps for the kind: items their user turned off on both channels are
 * dropped, those whose dedupe key the user already has are skipped, and each one created is
 * announced on the live channel (when the bell is on for it) and queued for e-mail (when e-mail
 * is on for it and SMTP is set) by statements of the same transaction. A notification only
 * e-mailed is still stored, not listed, so its dedupe key holds. So a notification, its push and
 * its e-mail exist together exactly when the event that caused them commits, and a retried event
 * creates nothing twice. Returns the ones created (e-mail only ones included).
 */
export async function createNotifications(
  trx: Db,
  items: readonly NewNotification[],
): Promise<StoredNotification[]> {
  const wanted = (await channelsOf(trx, items)).filter((c) => c.app || c.email);
  if (wanted.length === 0) return [];
  const rows = await trx
    .insertInto('notifications')
    .values(
      wanted.map(({ item: n, app }) => ({
        user_id: n.userId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link ?? null,
        task_id: n.taskId ?? null,
        clinic_id: n.clinicId ?? null,
        dedupe_key: n.dedupeKey ?? null,
        in_app: app,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .returning(['id', 'user_id', 'kind', 'title', 'body', 'link', 'task_id', 'clinic_id', 'in_app'])
    .execute();
  const emailed = new Set(
    wanted.filter((c) => c.email).map((c) => `${c.item.userId} ${c.item.kind}`),
  );
  const created = rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    taskId: r.task_id,
    clinicId: r.clinic_id,
  }));
  const at = new Date().toISOString();
  for (const r of rows.filter((row) => row.in_app)) {
    const msg: NotificationMessage = {
      kind: 'notification',
      userId: r.user_id,
      notificationId: r.id,
      clinicId: r.clinic_id,
      at,
    };
    await publishInTransaction(trx, { ...msg });
  }
  const { boss, publicUrl } = notificationOutlets();
  if (boss)
    await queueNotificationEmails(
      trx,
      boss,
      created.filter((n) => emailed.has(`${n.userId} ${n.kind}`)),
      publicUrl,
    );
  return created;
}

/** Creates notifications in a transaction of their own (see {@link createNotifications}). */
export async function notifyUsers(
  db: Db,
  items: readonly NewNotification[],
): Promise<StoredNotification[]> {
  return db.transaction().execute((trx) => createNotifications(trx, items));
}

const toApi = (r: {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  task_id: string | null;
  clinic_id: string | null;
  created_at: Date;
  read_at: Date | null;
}): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
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
    .where('n.in_app', '=', true)
    .where((eb) => eb.or([eb('n.clinic_id', 'is', null), inClinicScope(scope, 'n.clinic_id')]));
  const [rows, count] = await Promise.all([
    (q.unread ? base.where('n.read_at', 'is', null) : base)
      .select([
        'n.id',
        'n.kind',
        'n.title',
        'n.body',
        'n.link',
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
        .where('in_app', '=', true)
        .returning([
          'id',
          'kind',
          'title',
          'body',
          'link',
          'task_id',
          'clinic_id',
          'created_at',
          'read_at',
        ])
        .executeTakeFirst(),
    (r) => r && { resourceId: r.id, clinicId: r.clinic_id },
  );
  if (!row) throw appError('NOT_FOUND', undefined, 'No such notification.');
  return toApi(row);
}
