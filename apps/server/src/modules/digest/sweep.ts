import { DIGEST_KIND } from '@telerad/contracts';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../../platform/db';
import { enqueueInTransaction } from '../../platform/jobs';
import { keepEnabled, NOTIFICATION_EMAIL_QUEUE, type NotificationEmailJob } from '../notifications';
import { composeDigest } from './compose';
import { digestDay, localClock } from './day';
import { managers } from './managers';

/** The local hour from which a manager's digest of the day is sent (07:00 by their clock). */
export const DIGEST_HOUR = 7;

/** What a sweep needs: the database, pg-boss with the e-mail queue, and the web app's address. */
export interface DigestDeps {
  db: Db;
  boss: PgBoss;
  /** TELERAD_PUBLIC_URL: the base of every link in the e-mail. */
  publicUrl: string;
  /** The local hour from which the digest goes (default {@link DIGEST_HOUR}). */
  hour?: number;
}

/** One digest queued by a sweep. */
export interface QueuedDigest {
  userId: string;
  to: string;
  sentOn: string;
  day: string;
  timeZone: string;
}

/**
 * Queues the digest of every manager whose local clock at `now` has passed the digest hour and
 * who has not had today's: the clock is injected, so tests move it instead of waiting. Each
 * digest is one transaction: a `digest_sends` row keyed by manager and local date, then, only if
 * that row is new, the e-mail job on the same transaction. So the digest goes exactly once per
 * manager per local day whatever runs the sweep, however often, on however many processes, and
 * across restarts; a day on which the server was down after the hour is caught up the same day
 * and not later (yesterday's figures would be stale). Returns the digests queued.
 */
export async function sendDueDigests(deps: DigestDeps, now: Date): Promise<QueuedDigest[]> {
  const hour = deps.hour ?? DIGEST_HOUR;
  const queued: QueuedDigest[] = [];
  for (const m of await managers(deps.db)) {
    if (localClock(now, m.timeZone).hour < hour) continue;
    const day = digestDay(now, m.timeZone);
    const done = await deps.db.transaction().execute(async (trx) => {
      const [wanted] = await keepEnabled(trx, [{ userId: m.userId, kind: DIGEST_KIND }], 'email');
      if (!wanted) return false;
      const claimed = await trx
        .insertInto('digest_sends')
        .values({
          user_id: m.userId,
          local_date: day.sentOn,
          time_zone: m.timeZone,
          clinic_ids: m.clinics.map((c) => c.id),
        })
        .onConflict((oc) => oc.columns(['user_id', 'local_date']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!claimed) return false;
      const mail = await composeDigest(trx, {
        recipientName: m.displayName,
        clinics: m.clinics,
        day,
        now,
        lang: m.language,
        baseUrl: deps.publicUrl.replace(/\/+$/, ''),
      });
      const job: NotificationEmailJob = {
        digestKey: `${m.userId}:${day.sentOn}`,
        to: m.email,
        ...mail,
      };
      await enqueueInTransaction(deps.boss, trx, NOTIFICATION_EMAIL_QUEUE, [job]);
      return true;
    });
    if (done)
      queued.push({
        userId: m.userId,
        to: m.email,
        sentOn: day.sentOn,
        day: day.day,
        timeZone: m.timeZone,
      });
  }
  return queued;
}
