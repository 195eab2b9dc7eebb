import { fromKysely, PgBoss, type Queue } from 'pg-boss';
import type { Db } from './db';

/**
 * How often (seconds) a worker proves it still holds each job it works. A job whose heartbeat
 * stops, because its node died (SIGKILL, a lost machine), is failed and retried by another
 * worker's supervisor after this long, instead of staying `active` for pg-boss's 15-minute
 * expiry (docs/adr/0047): a report released on a dead node still reaches its clinic in time.
 */
export const JOB_HEARTBEAT_SECONDS = 30;

/**
 * How often (seconds) a worker node's pg-boss supervises: fails jobs whose heartbeat stopped or
 * that expired, and retries them. With the heartbeat, a dead node's job is retried within
 * about `JOB_HEARTBEAT_SECONDS + SUPERVISE_SECONDS`.
 */
export const SUPERVISE_SECONDS = 10;

/** A queue's retry policy (pg-boss queue options the product sets). */
export type QueuePolicy = Pick<
  Queue,
  'retryLimit' | 'retryDelay' | 'retryBackoff' | 'retryDelayMax'
>;

/**
 * Creates queue `name` if it is missing and sets its options on it either way, so an existing
 * install's queue gets them too: the heartbeat every queue has (`JOB_HEARTBEAT_SECONDS`) and
 * `policy`. Every queue of the product is made here (architecture/moduleBoundaries.test.ts).
 */
export async function ensureQueue(
  boss: PgBoss,
  name: string,
  policy: QueuePolicy = {},
): Promise<void> {
  const options = { ...policy, heartbeatSeconds: JOB_HEARTBEAT_SECONDS };
  await boss.createQueue(name, options);
  await boss.updateQueue(name, options);
}

/** A periodic job: a queue name, a cron schedule (UTC) and its work. */
export interface PeriodicJob {
  name: string;
  cron: string;
  run: () => Promise<void>;
}

/**
 * Starts pg-boss on the database (its own `pgboss` schema) and schedules the periodic jobs. Job
 * failures are logged, never fatal to the process.
 *
 * `work: false` (a node without the worker role, docs/adr/0047) starts a producer only: it can
 * create queues and insert jobs in the caller's transaction, but runs no maintenance, no cron
 * and no job, so an http-only node's writes are worked by a worker node. The default works.
 */
export async function startJobs(
  url: string,
  jobs: PeriodicJob[],
  onError: (e: Error) => void,
  opts: { work?: boolean } = {},
): Promise<PgBoss> {
  const work = opts.work ?? true;
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    max: 4,
    ...(work
      ? { superviseIntervalSeconds: SUPERVISE_SECONDS, monitorIntervalSeconds: SUPERVISE_SECONDS }
      : { supervise: false, schedule: false }),
  });
  boss.on('error', onError);
  await boss.start();
  if (!work) return boss;
  for (const job of jobs) {
    await ensureQueue(boss, job.name);
    await boss.schedule(job.name, job.cron);
    await boss.work(job.name, async () => {
      await job.run();
    });
  }
  return boss;
}

/**
 * Enqueues one job per item of `data` on `queue` inside the caller's transaction `trx`, in one
 * statement: the jobs exist exactly when the caller's write commits, and not at all when it
 * rolls back (DESIGN.md §2: "a hand-off between features commits with the work that causes
 * it"). The queue must already exist.
 */
export async function enqueueInTransaction<T extends object>(
  boss: PgBoss,
  trx: Db,
  queue: string,
  data: readonly T[],
): Promise<void> {
  if (data.length === 0) return;
  await boss.insert(
    queue,
    data.map((d) => ({ data: d })),
    { db: fromKysely(trx) },
  );
}
