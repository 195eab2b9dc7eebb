import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { emitTaskEvents } from './events';

/** What one sweep changed. */
export interface SweepResult {
  /** Claims whose heartbeat lapsed, returned to the queue. */
  expired: string[];
  /** Waiting tasks whose centre opening came, now queued. */
  promoted: string[];
}

/**
 * Returns lapsed claims to the queue and promotes waiting tasks whose queue time has come. Each
 * is one atomic UPDATE, so several server processes may sweep at once without double work; a
 * claim heartbeated concurrently no longer matches and is kept.
 */
export async function sweepTasks(
  db: Db,
  opts: { now: Date; claimTimeoutSeconds: number },
): Promise<SweepResult> {
  const cutoff = new Date(opts.now.getTime() - opts.claimTimeoutSeconds * 1000);
  const expired = await db
    .updateTable('reading_tasks')
    .set({ state: 'queued', assignee_id: null, claimed_at: null, heartbeat_at: null })
    .where('state', '=', 'in_progress')
    .where('heartbeat_at', '<', cutoff)
    .returning('id')
    .execute();
  const promoted = await db
    .updateTable('reading_tasks')
    .set({ state: 'queued' })
    .where('state', '=', 'waiting')
    .where('queued_at', '<=', opts.now)
    .where(sql<boolean>`centre_id is not null`)
    .returning('id')
    .execute();
  const result = { expired: expired.map((r) => r.id), promoted: promoted.map((r) => r.id) };
  await emitTaskEvents(
    ...result.expired.map((taskId) => ({ type: 'task.released' as const, taskId })),
    ...result.promoted.map((taskId) => ({ type: 'task.updated' as const, taskId })),
  );
  return result;
}

/** Runs the sweep every `intervalMs` (never overlapping) until stopped. */
export function startTaskSweep(opts: {
  db: Db;
  claimTimeoutSeconds: number;
  intervalMs?: number;
  onError: (err: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepTasks(opts.db, {
      now: new Date(),
      claimTimeoutSeconds: opts.claimTimeoutSeconds,
    })
      .catch(opts.onError)
      .finally(() => (running = null));
  }, opts.intervalMs ?? 5000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
