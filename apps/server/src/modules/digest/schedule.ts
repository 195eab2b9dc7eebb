import { ensureQueue } from '../../platform/jobs';
import type { PgBoss } from 'pg-boss';
import { sendDueDigests, type DigestDeps, type QueuedDigest } from './sweep';

/** The pg-boss queue (and cron schedule) of the digest sweep. */
export const DIGEST_SWEEP_QUEUE = 'digest-sweep';

/**
 * Runs the digest sweep every five minutes from pg-boss's cron, whose schedule lives in the
 * database: it survives restarts, and with several processes one of them takes each run. The
 * sweep itself is safe to run anywhere at any time (see `sendDueDigests`). Returns a stop
 * function.
 */
export async function scheduleDigests(
  deps: DigestDeps & {
    log: { info(obj: object, msg: string): void };
    clock?: () => Date;
  },
): Promise<{ stop(): Promise<void> }> {
  const boss: PgBoss = deps.boss;
  const clock = deps.clock ?? (() => new Date());
  await ensureQueue(boss, DIGEST_SWEEP_QUEUE);
  await boss.schedule(DIGEST_SWEEP_QUEUE, '*/5 * * * *');
  await boss.work(DIGEST_SWEEP_QUEUE, async () => {
    const queued: QueuedDigest[] = await sendDueDigests(deps, clock());
    if (queued.length)
      deps.log.info(
        { digests: queued.map((q) => `${q.userId}:${q.sentOn}`) },
        'daily digests queued',
      );
  });
  return { stop: () => boss.offWork(DIGEST_SWEEP_QUEUE) };
}
