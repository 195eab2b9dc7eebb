import type { Db } from '../../platform/db';
import { notifyEvent, studyFacts } from '../notifications';

/** A task's facts for its notifications, read in the caller's transaction. */
async function taskNotice(trx: Db, taskId: string) {
  const t = await trx
    .selectFrom('reading_tasks')
    .select(['id', 'type', 'study_id', 'clinic_id', 'centre_id', 'routing_reason'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  const facts = await studyFacts(trx, t.study_id);
  return {
    task: t,
    facts: { ...facts, reason: t.routing_reason ?? 'Consultation requested' },
  };
}

/**
 * Tells the consultants of the task's centre that a consultation waits, in the transaction that
 * queued it (`consultation.queued`). The reader who held the report is not told.
 */
export async function announceConsultationQueued(
  trx: Db,
  taskId: string,
  exceptUserIds: readonly (string | null)[],
): Promise<void> {
  const { task, facts } = await taskNotice(trx, taskId);
  await notifyEvent(trx, {
    kind: 'consultation.queued',
    facts,
    key: task.id,
    taskId: task.id,
    clinicId: task.clinic_id,
    centreId: task.centre_id,
    exceptUserIds: exceptUserIds.filter((id): id is string => id !== null),
  });
}

/**
 * Tells a consultant a consultation was assigned to them, in the assigning transaction
 * (`consultation.assigned`); other task types are not announced. Each assignment is its own
 * event (`at`), so a task handed back and forth tells each new holder.
 */
export async function announceAssignment(
  trx: Db,
  taskId: string,
  assigneeId: string,
  at: Date,
): Promise<void> {
  const { task, facts } = await taskNotice(trx, taskId);
  if (task.type !== 'consultation') return;
  await notifyEvent(trx, {
    kind: 'consultation.assigned',
    facts,
    key: `${task.id}:${assigneeId}:${at.toISOString()}`,
    taskId: task.id,
    clinicId: task.clinic_id,
    userId: assigneeId,
  });
}
