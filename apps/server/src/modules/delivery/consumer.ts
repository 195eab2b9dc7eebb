import { ensureQueue } from '../../platform/jobs';
import type { PgBoss } from 'pg-boss';
import { REPORT_RELEASED_QUEUE, type ReportReleasedJob } from '../reports';
import { processRelease, runDueDeliveries, type DeliveryDeps } from './runner';

/**
 * Works the `report.released` queue (created here, idempotently): each released version gets
 * its deliveries planned and first attempted. Planning is idempotent, so a redelivered job makes
 * no second delivery; a job that throws (database lost) is retried by pg-boss. Later attempts
 * are the sweep's (startDeliverySweep). Returns a stop function.
 */
export async function startReleaseConsumer(opts: {
  deps: DeliveryDeps;
  boss: PgBoss;
}): Promise<{ stop(): Promise<void> }> {
  const { deps, boss } = opts;
  await ensureQueue(boss, REPORT_RELEASED_QUEUE);
  await boss.work<ReportReleasedJob>(
    REPORT_RELEASED_QUEUE,
    { pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs) {
        const e = job.data;
        const done = await processRelease(deps, e);
        if (!done)
          deps.log.warn(
            { jobId: job.id, reportId: e.reportId, version: e.version },
            'released report version not found; nothing delivered',
          );
      }
    },
  );
  return { stop: () => boss.offWork(REPORT_RELEASED_QUEUE) };
}

/**
 * Attempts due deliveries again every `intervalMs` (retries after backoff, support retries).
 * Several processes may sweep: each attempt claims its delivery first. Returns a stop function
 * that waits for a sweep in progress.
 */
export function startDeliverySweep(opts: {
  deps: DeliveryDeps;
  intervalMs?: number;
  onError: (err: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runDueDeliveries(opts.deps)
      .catch(opts.onError)
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs ?? 5000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
