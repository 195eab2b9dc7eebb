import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { pushAssign } from './assignment';
import { escalateDueTasks, type Escalation } from './escalation';
import { emitTaskEvents } from './events';
import { reconcileRoutingInputs } from './reevaluate';
import { rerouteClosedCentres } from './reroute';

/** What one sweep changed. */
export interface SweepResult {
  /** Claims whose heartbeat lapsed, returned to the queue. */
  expired: string[];
  /** Waiting tasks whose centre opening came, now queued. */
  promoted: string[];
  /**
   * Waiting tasks routed again because routing inputs changed without a re-evaluation (a writer
   * that went round `changeRoutingInputs`); empty when nothing was missed.
   */
  reevaluated: string[];
  /** Queued tasks moved away from a centre that closed. */
  rerouted: string[];
  /** Queued tasks flagged `centre_closed` (left in place), and flags cleared on reopening. */
  flagged: string[];
  unflagged: string[];
  /** Queued tasks handed to an on-shift reader by push assignment. */
  assigned: string[];
  /** Due-soon and overdue alerts raised. */
  escalations: Escalation[];
}

/**
 * The periodic sweep, in order: returns lapsed claims to the queue; re-evaluates waiting tasks if
 * routing inputs changed unseen; promotes waiting tasks whose
 * queue time has come; moves (or flags) queued tasks at centres that closed; pushes queued tasks
 * at push-mode centres to on-shift readers; escalates tasks near or past due. Every step is a
 * conditional write or a locked transaction, so several server processes may sweep at once
 * without double work; a claim heartbeated concurrently no longer matches and is kept.
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
    // A read whose report is signed (held for consultation) keeps its reader: it never lapses.
    .where(
      sql<boolean>`not exists (select 1 from reports r where r.task_id = reading_tasks.id and r.state <> 'draft')`,
    )
    .returning('id')
    .execute();
  const missed = await reconcileRoutingInputs(db, opts.now);
  const promoted = await db
    .updateTable('reading_tasks')
    .set({ state: 'queued' })
    .where('state', '=', 'waiting')
    .where('queued_at', '<=', opts.now)
    .where(sql<boolean>`centre_id is not null`)
    .returning('id')
    .execute();
  await emitTaskEvents(
    ...expired.map((r) => ({ type: 'task.released' as const, taskId: r.id })),
    ...promoted.map((r) => ({ type: 'task.updated' as const, taskId: r.id })),
  );
  const rerouting = await rerouteClosedCentres(db, opts.now);
  const assigned = await pushAssign(db, { now: opts.now });
  const escalations = await escalateDueTasks(db, opts.now);
  return {
    expired: expired.map((r) => r.id),
    promoted: promoted.map((r) => r.id),
    reevaluated: missed ? [...missed.queued, ...missed.moved] : [],
    rerouted: rerouting.rerouted,
    flagged: rerouting.flagged,
    unflagged: rerouting.unflagged,
    assigned,
    escalations,
  };
}

/** Runs the sweep every `intervalMs` (never overlapping) until stopped. */
export function startTaskSweep(opts: {
  db: Db;
  claimTimeoutSeconds: number;
  intervalMs?: number;
  onError: (err: unknown) => void;
  /** Sees each sweep's result (main.ts warns of repairs: a missed hand-off is a bug). */
  onSwept?: (result: SweepResult) => void;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepTasks(opts.db, {
      now: new Date(),
      claimTimeoutSeconds: opts.claimTimeoutSeconds,
    })
      .then((r) => opts.onSwept?.(r))
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
