import type { Priority, WorklistTask } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope, can } from '../auth';
import { emitTaskEvents } from './events';
import { worklistTask, type WorklistClock } from './queries';
import { taskDueAt } from './dueTime';
import { recordRoutingDecision } from './tasks';

/**
 * "Read now": a reader takes a task that waits for its centre to open, before the opening, for
 * a stated reason. The task is routed to the reader's centre (or stays with the centre it waits
 * for when the reader serves every centre), queued now with a fresh SLA clock, and claimed by
 * the reader, in one transaction with its routing decision (`read_now`, with the reason) and
 * the request's audit event. Only a waiting task qualifies: one whose centre opened meanwhile is
 * claimed as usual (TASK_NOT_WAITING says so). Consultations stay with consultants.
 */
export async function readNowTask(
  ctx: ServiceContext,
  id: string,
  reason: string,
  clock: WorklistClock,
): Promise<WorklistTask> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const { now } = clock;
  await auditedTransaction(
    ctx,
    async (trx) => {
      const t = await trx
        .selectFrom('reading_tasks as t')
        .innerJoin('clinics as c', 'c.id', 't.clinic_id')
        .select([
          't.state',
          't.type',
          't.clinic_id',
          't.study_id',
          't.centre_id',
          't.priority',
          't.queued_at',
          'c.home_centre_id',
        ])
        .where('t.id', '=', id)
        .forUpdate('t')
        .executeTakeFirst();
      if (!t) throw appError('NOT_FOUND', undefined, 'No such task.');
      assertClinicScope(actor, t.clinic_id);
      if (t.state === 'completed' || t.state === 'cancelled') throw appError('TASK_CLOSED');
      if (t.state !== 'waiting' || (t.queued_at !== null && t.queued_at <= now))
        throw appError('TASK_NOT_WAITING');
      if (t.type === 'consultation' && !can(actor, 'consultation:decide'))
        throw appError('TASK_NOT_CLAIMABLE');
      const reader = await trx
        .selectFrom('users')
        .select(['centre_id', 'display_name'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      const centreId = reader.centre_id ?? t.centre_id ?? t.home_centre_id;
      const why = `Read now by ${reader.display_name} before the centre opened: ${reason}`;
      await trx
        .updateTable('reading_tasks')
        .set({
          state: 'in_progress',
          assignee_id: actor.userId,
          claimed_at: now,
          heartbeat_at: now,
          centre_id: centreId,
          queued_at: now,
          due_at: await taskDueAt(trx, t, t.priority as Priority, now),
          routing_reason: why,
        })
        .where('id', '=', id)
        .execute();
      const details = {
        reason,
        fromCentreId: t.centre_id,
        waitedFor: t.queued_at?.toISOString() ?? null,
      };
      await recordRoutingDecision(trx, {
        taskId: id,
        at: now,
        centreId,
        decision: 'read_now',
        reason: why,
        details: { ...details, takenBy: actor.userId },
      });
      return { clinicId: t.clinic_id, details: { ...details, toCentreId: centreId } };
    },
    (r) => ({ resourceId: id, clinicId: r.clinicId, details: r.details }),
  );
  await emitTaskEvents({ type: 'task.claimed', taskId: id });
  const task = await worklistTask(ctx.db, id, clock, ctx.actor);
  if (!task) throw appError('NOT_FOUND', undefined, 'No such task.');
  return task;
}
