import type { PgBoss } from 'pg-boss';

/**
 * Where created notifications go besides the table and the live channel: the e-mail queue, when
 * this process has SMTP set up. Set once at start (`wireNotifications`); read in the transaction
 * that creates notifications, so their e-mail jobs commit with them.
 */
export interface NotificationOutlets {
  /** pg-boss with the e-mail queue created (only when SMTP is configured). */
  boss?: PgBoss;
  /** Public base URL of the web app, for links in e-mails. */
  publicUrl?: string;
}

let outlets: NotificationOutlets = {};

/** Installs the process-wide outlets (`{}` turns e-mail off). */
export function setNotificationOutlets(o: NotificationOutlets): void {
  outlets = o;
}

/** The process-wide outlets. */
export function notificationOutlets(): NotificationOutlets {
  return outlets;
}
