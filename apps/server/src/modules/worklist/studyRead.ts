import { PRIORITIES, type Priority } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { taskDueAt } from './dueTime';

/** The states in which a study's primary read has begun (someone opened it, or it is done). */
const STARTED_STATES: readonly string[] = ['in_progress', 'awaiting_images', 'completed'];

/** Has a primary read in `state` begun? */
export const readHasStarted = (state: string | null): boolean =>
  state !== null && STARTED_STATES.includes(state);

/**
 * The study's latest primary read, locked until `trx` ends, and whether it has begun. A change
 * that must come before the read (the clinic's choice of programme) holds this lock while it
 * checks and writes, so a claim of the same task waits for it and then sees the change, or
 * commits first and the change is refused.
 */
export async function lockStudyPrimaryRead(
  trx: Db,
  studyId: string,
): Promise<{ taskId: string; state: string; started: boolean } | null> {
  const t = await trx
    .selectFrom('reading_tasks')
    .select(['id', 'state'])
    .where('study_id', '=', studyId)
    .where('type', '=', 'primary_read')
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  return t ? { taskId: t.id, state: t.state, started: readHasStarted(t.state) } : null;
}

/**
 * Times a study's read again after the clinic chose its receiving programme, in the caller's
 * transaction (which holds the task's lock, see `lockStudyPrimaryRead`, and has stored the
 * choice): its due time becomes its queue time plus the SLA target of its priority, its clinic
 * and that programme (`taskDueAt`). A read not
 * queued yet (waiting for a centre to open) has no due time to move; routing times it when it
 * queues. Answers the new due time, or null when nothing moved.
 */
export async function retimeStudyRead(trx: Db, taskId: string): Promise<Date | null> {
  const t = await trx
    .selectFrom('reading_tasks')
    .select(['clinic_id', 'study_id', 'priority', 'queued_at', 'due_at', 'state'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  if (!t.queued_at || readHasStarted(t.state) || t.state === 'cancelled') return null;
  const dueAt = await taskDueAt(trx, t, t.priority as Priority, t.queued_at);
  if (t.due_at?.getTime() === dueAt.getTime()) return null;
  await trx.updateTable('reading_tasks').set({ due_at: dueAt }).where('id', '=', taskId).execute();
  return dueAt;
}

/** What raising a study's open read did: the read, its priority before and after, its due time. */
export interface RaisedRead {
  taskId: string;
  from: Priority;
  to: Priority;
  dueAt: Date | null;
}

/**
 * Raises the study's open primary read to `to`, in the caller's transaction, as a priority
 * change does: the task's priority reason says why, and its due time follows from when it
 * queued (`taskDueAt`). It only raises: a read already as urgent or more stays as it is, and a
 * closed read is left alone. Answers what changed, or null; the caller announces the task's
 * update after commit.
 */
export async function raiseStudyReadPriority(
  trx: Db,
  studyId: string,
  to: Priority,
  reason: string,
): Promise<RaisedRead | null> {
  const t = await trx
    .selectFrom('reading_tasks')
    .select(['id', 'priority', 'queued_at', 'clinic_id', 'study_id'])
    .where('study_id', '=', studyId)
    .where('type', '=', 'primary_read')
    .where('state', 'not in', ['completed', 'cancelled'])
    .forUpdate()
    .executeTakeFirst();
  if (!t) return null;
  const from = t.priority as Priority;
  if (PRIORITIES.indexOf(from) <= PRIORITIES.indexOf(to)) return null;
  const dueAt = t.queued_at && (await taskDueAt(trx, t, to, t.queued_at));
  await trx
    .updateTable('reading_tasks')
    .set({ priority: to, priority_reason: reason, due_at: dueAt })
    .where('id', '=', t.id)
    .execute();
  return { taskId: t.id, from, to, dueAt };
}
