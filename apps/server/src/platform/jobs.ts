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
 */
export async function startJobs(
  url: string,
  jobs: PeriodicJob[],
  onError: (e: Error) => void,
): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4 });
  boss.on('error', onError);
  await boss.start();
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
