import { fromKysely, PgBoss } from 'pg-boss';
import type { Db } from './db';

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
    ...(work ? {} : { supervise: false, schedule: false }),
  });
  boss.on('error', onError);
  await boss.start();
  if (!work) return boss;
  for (const job of jobs) {
    await boss.createQueue(job.name);
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
