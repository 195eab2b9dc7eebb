import nodemailer from 'nodemailer';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../../platform/db';
import type { StoredNotification } from './service';

/** The pg-boss queue of notification e-mails (durable, retried with backoff). */
export const NOTIFICATION_EMAIL_QUEUE = 'notification-email';

/** SMTP settings (TELERAD_SMTP_URL, TELERAD_SMTP_FROM). */
export interface SmtpSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string;
  /** The From address. */
  from: string;
}

/** One queued e-mail: who gets it, and what it says. */
export interface NotificationEmailJob {
  notificationId: string;
  to: string;
  subject: string;
  text: string;
}

/** Retries: about 10 attempts over roughly an hour, so an SMTP outage does not drop alerts. */
const RETRY = { retryLimit: 10, retryDelay: 30, retryBackoff: true, retryDelayMax: 900 };

/** Creates the e-mail queue (idempotent). */
export async function createEmailQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(NOTIFICATION_EMAIL_QUEUE);
}

/**
 * Queues the e-mail of a notification when its user has an address; returns whether it did.
 * Sent after the notification committed; the job carries everything the worker needs.
 */
export async function queueNotificationEmail(
  db: Db,
  boss: PgBoss,
  n: StoredNotification,
): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'active'])
    .where('id', '=', n.userId)
    .executeTakeFirst();
  if (!user?.email || !user.active) return false;
  const job: NotificationEmailJob = {
    notificationId: n.id,
    to: user.email,
    subject: `[Telerad] ${n.title}`,
    text: `${n.body}\n\nOpen the worklist in Telerad to act on it.`,
  };
  await boss.send(NOTIFICATION_EMAIL_QUEUE, job, RETRY);
  return true;
}

/**
 * Works the e-mail queue: one SMTP message per job. A failed send throws, so pg-boss retries
 * it with backoff. Returns a stop function (it also closes the SMTP transport).
 */
export async function startEmailWorker(opts: {
  boss: PgBoss;
  smtp: SmtpSettings;
  log: { info(obj: object, msg: string): void };
  pollingIntervalSeconds?: number;
}): Promise<{ stop(): Promise<void> }> {
  const transport = nodemailer.createTransport(opts.smtp.url);
  await createEmailQueue(opts.boss);
  await opts.boss.work<NotificationEmailJob>(
    NOTIFICATION_EMAIL_QUEUE,
    { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
    async (jobs) => {
      for (const job of jobs) {
        const m = job.data;
        const info = await transport.sendMail({
          from: opts.smtp.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
        });
        opts.log.info(
          { jobId: job.id, notificationId: m.notificationId, messageId: info.messageId },
          'notification e-mail sent',
        );
      }
    },
  );
  return {
    stop: async () => {
      await opts.boss.offWork(NOTIFICATION_EMAIL_QUEUE);
      transport.close();
    },
  };
}
