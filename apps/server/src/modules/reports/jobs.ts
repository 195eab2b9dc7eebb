import type { PgBoss } from 'pg-boss';
import type { Db } from '../../platform/db';
import { enqueueInTransaction, ensureQueue } from '../../platform/jobs';

/** The pg-boss queue a released report version goes to; delivery consumes it. */
export const REPORT_RELEASED_QUEUE = 'report.released';

/** The job: which report, which version was released. */
export interface ReportReleasedJob {
  reportId: string;
  version: number;
}

/**
 * Where a release hands its delivery on. Every service that releases takes one explicitly, so a
 * process that can release reports cannot be built without a job queue: there is no "no queue,
 * nothing enqueued" path that would leave a released report undelivered.
 */
export interface ReleaseQueue {
  /** Enqueues `report.released` on the releasing transaction: the job exists iff it commits. */
  enqueue(trx: Db, job: ReportReleasedJob): Promise<void>;
}

/** Creates the `report.released` queue on the process's pg-boss and returns its release queue. */
export async function reportReleaseQueue(boss: PgBoss): Promise<ReleaseQueue> {
  await ensureQueue(boss, REPORT_RELEASED_QUEUE);
  return { enqueue: (trx, job) => enqueueInTransaction(boss, trx, REPORT_RELEASED_QUEUE, [job]) };
}
