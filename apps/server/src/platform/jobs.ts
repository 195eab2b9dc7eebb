import { PgBoss } from 'pg-boss';

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
