import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';

/** The caller, or UNAUTHENTICATED. */
export function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** The task facts report services check. */
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
 * task). `lock` takes the row lock, so sign, save and the worklist never interleave on it.
 */
export async function loadTask(
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

/** Only the task's current claimant may write: it is in progress and theirs. */
export function requireClaimant(actor: Actor, task: TaskFacts): void {
  if (task.state === 'completed' || task.state === 'cancelled') throw appError('TASK_CLOSED');
  if (task.state !== 'in_progress' || task.assigneeId !== actor.userId)
    throw appError('REPORT_NOT_CLAIMANT');
}

/** Who signs: the display name and credentials stamped on the report and its version. */
export async function signerOf(
  db: Db,
  actor: Actor,
): Promise<{ id: string; name: string; credentials: string | null }> {
  const u = await db
    .selectFrom('users')
    .select(['display_name', 'credentials'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  return { id: actor.userId, name: u.display_name, credentials: u.credentials };
}
