import { DEFAULT_LANGUAGE } from '@telerad/contracts';
import nodemailer from 'nodemailer';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../../platform/db';
import { enqueueInTransaction, ensureQueue } from '../../platform/jobs';
import { loadLocales } from '../auth';
import { emailWords } from './i18n';
import type { StoredNotification } from './service';

/** The pg-boss queue of notification and digest e-mails (durable, retried with backoff). */
export const NOTIFICATION_EMAIL_QUEUE = 'notification-email';

/** SMTP settings (TELERAD_SMTP_URL, TELERAD_SMTP_FROM). */
export interface SmtpSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string;
  /** The From address. */
  from: string;
}

/** One queued e-mail: who gets it, and what it says (plain text, and HTML where given). */
export interface NotificationEmailJob {
  /** The notification it tells of; absent for a digest. */
  notificationId?: string;
  /** The digest it carries (`<user id>:<local date>`), for the log. */
  digestKey?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Retries: about 10 attempts over roughly an hour, so an SMTP outage does not drop alerts. */
const RETRY = { retryLimit: 10, retryDelay: 30, retryBackoff: true, retryDelayMax: 900 };

/**
 * Creates the e-mail queue with its retry policy (idempotent; an existing queue gets the policy
 * too). Jobs are inserted in the notifications' transaction and take the queue's policy.
 */
export async function createEmailQueue(boss: PgBoss): Promise<void> {
  await ensureQueue(boss, NOTIFICATION_EMAIL_QUEUE, RETRY);
}

/**
 * Queues the e-mails of notifications just created, in the creating transaction `trx`: a job
 * exists exactly when its notification commits. Only for active users with an address; the
 * recipients' switches were applied before the notifications were created. Each e-mail is in
 * its recipient's language (the notification's words already are). Returns how many.
 */
export async function queueNotificationEmails(
  trx: Db,
  boss: PgBoss,
  items: readonly StoredNotification[],
  publicUrl?: string,
): Promise<number> {
  if (items.length === 0) return 0;
  const users = await trx
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', [...new Set(items.map((n) => n.userId))])
    .where('active', '=', true)
    .where('email', 'is not', null)
    .execute();
  const to = new Map(users.map((u) => [u.id, u.email!]));
  const locales = await loadLocales(trx, [...to.keys()]);
  const jobs: NotificationEmailJob[] = items.flatMap((n) => {
    const address = to.get(n.userId);
    if (!address) return [];
    const url = n.link && publicUrl ? `${publicUrl.replace(/\/$/, '')}${n.link}` : null;
    const words = emailWords(locales.get(n.userId)?.language ?? DEFAULT_LANGUAGE, n.title, url);
    return [
      {
        notificationId: n.id,
        to: address,
        subject: words.subject,
        text: `${n.body}\n\n${words.closing}`,
      },
    ];
  });
  if (jobs.length) await enqueueInTransaction(boss, trx, NOTIFICATION_EMAIL_QUEUE, jobs);
  return jobs.length;
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
          ...(m.html ? { html: m.html } : {}),
        });
        opts.log.info(
          {
            jobId: job.id,
            notificationId: m.notificationId,
            digestKey: m.digestKey,
            messageId: info.messageId,
          },
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
