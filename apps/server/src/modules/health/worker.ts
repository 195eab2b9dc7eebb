import type { PgBoss } from 'pg-boss';
import { z } from 'zod';

/** The job queue as `/api/health` shows it on a worker node. */
export const WorkerState = z.object({
  /** False when the queue's tables could not be read (the node cannot take jobs). */
  ok: z.boolean(),
  /** Per queue: jobs ready now, deferred (retry backoff or start-after), running, failed. */
  queues: z.array(
    z.object({
      name: z.string(),
      ready: z.number(),
      deferred: z.number(),
      active: z.number(),
      failed: z.number(),
    }),
  ),
});

/**
 * Reads the queues' counts from pg-boss (one query over its queue table). Counts only: no job
 * data, which may carry ids, is shown.
 */
export async function workerState(boss: PgBoss): Promise<z.infer<typeof WorkerState>> {
  try {
    const queues = await boss.getQueues();
    return {
      ok: true,
      queues: queues
        .map((q) => ({
          name: q.name,
          ready: q.readyCount,
          deferred: q.deferredCount,
          active: q.activeCount,
          failed: q.failedCount,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  } catch {
    return { ok: false, queues: [] };
  }
}
