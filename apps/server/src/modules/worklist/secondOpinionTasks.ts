import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { openHomeCentreTask } from './reviewTasks';

/** A question asked of a consultant about a study. */
export interface SecondOpinionTaskRequest {
  studyId: string;
  clinicId: string;
  /** Whoever asked: never the consultant who answers (claims and assignment refuse them). */
  requesterId: string;
  urgent: boolean;
  /** When it is due, from the second-opinion SLA in force. */
  dueAt: Date;
  reason: string;
  now: Date;
}

/**
 * Queues a second-opinion task in the caller's transaction (the one that records the question):
 * type `second_opinion` on the clinic's home centre, with its own SLA due time, so the due-soon
 * and overdue sweep (escalation.ts) watches it like any task. Only consultants may claim it or
 * be pushed it, as consultations (claims.ts, assignment.ts), and never its asker
 * (`excluded_reader_id`). The caller emits `task.created` after its commit.
 */
export async function openSecondOpinionTask(trx: Db, r: SecondOpinionTaskRequest): Promise<string> {
  return openHomeCentreTask(trx, {
    type: 'second_opinion',
    studyId: r.studyId,
    clinicId: r.clinicId,
    priority: r.urgent ? 'urgent' : 'routine',
    dueAt: r.dueAt,
    excludedReaderId: r.requesterId,
    reason: r.reason,
    now: r.now,
  });
}

/**
 * Takes a second-opinion task off the worklist when its question is withdrawn, in the caller's
 * transaction: cancelled, whoever held it. A task already completed (answered) stays so:
 * TASK_CLOSED.
 */
export async function cancelSecondOpinionTask(trx: Db, taskId: string, now: Date): Promise<void> {
  const row = await trx
    .updateTable('reading_tasks')
    .set({ state: 'cancelled', completed_at: now, heartbeat_at: null })
    .where('id', '=', taskId)
    .where('type', '=', 'second_opinion')
    .where('state', 'not in', ['completed', 'cancelled'])
    .returning('id')
    .executeTakeFirst();
  if (!row) throw appError('TASK_CLOSED');
}
