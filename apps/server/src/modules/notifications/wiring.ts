import type { PgBoss } from 'pg-boss';
import type { Db } from '../../platform/db';
import type { Realtime } from '../../platform/realtime';
import { setNotificationSink } from './delivery';
import { queueNotificationEmail } from './email';

/** The hub message announcing a new notification to its user's open sockets (ids only). */
export interface NotificationMessage {
  kind: 'notification';
  userId: string;
  notificationId: string;
  clinicId: string | null;
  at: string;
}

/**
 * Connects created notifications to their outlets: the live channel (every process pushes it to
 * the user's open sockets) and, when SMTP is configured (`boss` given), the durable e-mail queue.
 */
export function wireNotifications(opts: {
  db: Db;
  realtime?: Realtime;
  boss?: PgBoss;
  log?: { warn(obj: object, msg: string): void };
}): void {
  setNotificationSink(
    async (n) => {
      if (opts.realtime) {
        const msg: NotificationMessage = {
          kind: 'notification',
          userId: n.userId,
          notificationId: n.id,
          clinicId: n.clinicId,
          at: new Date().toISOString(),
        };
        await opts.realtime.publish({ ...msg });
      }
      if (opts.boss) await queueNotificationEmail(opts.db, opts.boss, n);
    },
    (err, n) => opts.log?.warn({ err, notificationId: n.id }, 'notification not delivered'),
  );
}

/** Disconnects the outlets (at shutdown). */
export function unwireNotifications(): void {
  setNotificationSink(null);
}
