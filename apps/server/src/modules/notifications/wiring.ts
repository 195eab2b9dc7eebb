import type { PgBoss } from 'pg-boss';
import { setNotificationOutlets } from './outlets';

/** The hub message announcing a new notification to its user's open sockets (ids only). */
export interface NotificationMessage {
  kind: 'notification';
  userId: string;
  notificationId: string;
  clinicId: string | null;
  at: string;
}

/**
 * Turns on e-mail for created notifications when SMTP is configured (`boss` given, with the
 * e-mail worker started). The live push needs no wiring: it is a NOTIFY in the creating
 * transaction, which every process's hub receives at commit.
 */
export function wireNotifications(opts: { boss?: PgBoss; publicUrl?: string }): void {
  setNotificationOutlets({
    ...(opts.boss ? { boss: opts.boss } : {}),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
  });
}

/** Turns e-mail off again (at shutdown). */
export function unwireNotifications(): void {
  setNotificationOutlets({});
}
