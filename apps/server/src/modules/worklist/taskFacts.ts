import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';

/** A task as the modules that work on one (reports) check it: no study or display fields. */
export interface TaskFacts {
  id: string;
  type: string;
  state: string;
  studyId: string;
  clinicId: string;
  assigneeId: string | null;
  priority: string;
  centreId: string | null;
  parentTaskId: string | null;
  question: string | null;
}

/**
 * Loads a task through the clinic-scope check (outside the scope it answers 404, like a missing
 * task). `lock` takes the row lock, so a report's save or signature and the worklist's own
 * writes (claims, the sweep) never interleave on it.
 */
export async function loadTaskFacts(
  db: Db,
  actor: Actor,
  taskId: string,
  opts: { lock?: boolean } = {},
): Promise<TaskFacts> {
  const q = db
    .selectFrom('reading_tasks as t')
    .select([
      't.id',
      't.type',
      't.state',
      't.study_id',
      't.clinic_id',
      't.assignee_id',
      't.priority',
      't.centre_id',
      't.parent_task_id',
      't.consultation_question',
    ])
    .where('t.id', '=', taskId);
  const t = await (opts.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!t) throw appError('NOT_FOUND', undefined, 'No such task.');
  assertClinicScope(actor, t.clinic_id);
  return {
    id: t.id,
    type: t.type,
    state: t.state,
    studyId: t.study_id,
    clinicId: t.clinic_id,
    assigneeId: t.assignee_id,
    priority: t.priority,
    centreId: t.centre_id,
    parentTaskId: t.parent_task_id,
    question: t.consultation_question,
  };
}

/** Only the task's current claimant may work on it: it is in progress and theirs. */
export function requireClaimant(actor: Actor, task: TaskFacts): void {
  if (task.state === 'completed' || task.state === 'cancelled') throw appError('TASK_CLOSED');
  if (task.state !== 'in_progress' || task.assigneeId !== actor.userId)
    throw appError('REPORT_NOT_CLAIMANT');
}

/** The clinic of a task, or null when there is no such task (events name it for the hub). */
export async function taskClinicId(db: Db, taskId: string): Promise<string | null> {
  const row = await db
    .selectFrom('reading_tasks')
    .select('clinic_id')
    .where('id', '=', taskId)
    .executeTakeFirst();
  return row?.clinic_id ?? null;
}

/** The centre a task was routed to, or null when it has none or there is no such task. */
export async function taskCentreId(db: Db, taskId: string): Promise<string | null> {
  const row = await db
    .selectFrom('reading_tasks')
    .select('centre_id')
    .where('id', '=', taskId)
    .executeTakeFirst();
  return row?.centre_id ?? null;
}
