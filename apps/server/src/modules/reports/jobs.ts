import { fromKysely, type PgBoss } from 'pg-boss';
import type { Db } from '../../platform/db';

/** The pg-boss queue a released report version goes to; delivery consumes it. */
export const REPORT_RELEASED_QUEUE = 'report.released';

/** The job: which report, which version was released. */
export interface ReportReleasedJob {
  reportId: string;
  version: number;
}

let boss: PgBoss | null = null;

/**
 * Creates the `report.released` queue and lets releases enqueue on it. Called at start-up with
 * the process's pg-boss; returns a function that detaches it again (shutdown, tests).
 */
export async function startReportJobs(b: PgBoss): Promise<{ stop(): void }> {
  await b.createQueue(REPORT_RELEASED_QUEUE);
  boss = b;
  return {
    stop: () => {
      if (boss === b) boss = null;
    },
  };
}

/**
 * Enqueues `report.released` inside the releasing transaction, so the job exists exactly when
 * the release committed. Without a job queue attached (an app built for tests or tools, no
 * delivery running) the release is recorded and nothing is enqueued.
 */
export async function enqueueReleased(trx: Db, job: ReportReleasedJob): Promise<boolean> {
  if (!boss) return false;
  await boss.send(REPORT_RELEASED_QUEUE, job, { db: fromKysely(trx) });
  return true;
}
