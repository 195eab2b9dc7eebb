import type { WorklistTask } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { serviceMinutesBetween, type ServiceSchedule } from '../centres';
import { emitTaskEvents, type TaskChange } from './events';
import { worklistTask } from './queries';

/** Turnaround of a completed task, in minutes, rounded to hundredths. */
export interface Turnaround {
  /** Wall-clock minutes from queued to completed. */
  rawMinutes: number;
  /** Minutes of that span within the centre's service hours. */
  serviceMinutes: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Turnaround between `queuedAt` and `completedAt` under the centre's hours (pure). */
export function turnaround(
  schedule: ServiceSchedule | null,
  queuedAt: Date,
  completedAt: Date,
): Turnaround {
  const raw = Math.max(0, (completedAt.getTime() - queuedAt.getTime()) / 60_000);
  const service = schedule ? serviceMinutesBetween(schedule, queuedAt, completedAt) : raw;
  return { rawMinutes: round2(raw), serviceMinutes: round2(service) };
}

/**
 * Completes one task inside the caller's transaction (`ctx.db` is it): state `completed`,
 * `completed_at`, and both turnaround figures stored: raw minutes and minutes within its
 * centre's service hours, between the first arrival on the worklist (`first_queued_at` of a read
 * re-queued after a retake, else `queued_at`) and completion; audited in the same transaction.
 * Only an open, queued or in-progress task completes; the caller's clinic scope applies.
 */
async function completeIn(ctx: ServiceContext, taskId: string, now: Date): Promise<void> {
  const t = await ctx.db
    .selectFrom('reading_tasks as t')
    .leftJoin('centres as c', 'c.id', 't.centre_id')
    .select([
      't.state',
      't.clinic_id',
      't.queued_at',
      't.first_queued_at',
      'c.time_zone',
      'c.weekly_hours',
      'c.exceptions',
    ])
    .where('t.id', '=', taskId)
    .forUpdate('t')
    .executeTakeFirst();
  if (!t) throw appError('NOT_FOUND', undefined, 'No such task.');
  if (ctx.actor) assertClinicScope(ctx.actor, t.clinic_id);
  if (t.state === 'completed' || t.state === 'cancelled') throw appError('TASK_CLOSED');
  if (t.state !== 'queued' && t.state !== 'in_progress') throw appError('TASK_NOT_CLAIMABLE');
  const schedule: ServiceSchedule | null = t.time_zone
    ? {
        timeZone: t.time_zone,
        weeklyHours: t.weekly_hours as ServiceSchedule['weeklyHours'],
        exceptions: t.exceptions as ServiceSchedule['exceptions'],
      }
    : null;
  // From the read's first arrival on the worklist: a read re-queued after a retake keeps it.
  const arrived = t.first_queued_at ?? t.queued_at;
  const ta = arrived ? turnaround(schedule, arrived, now) : null;
  await ctx.db
    .updateTable('reading_tasks')
    .set({
      state: 'completed',
      completed_at: now,
      heartbeat_at: null,
      turnaround_minutes: ta?.rawMinutes ?? null,
      service_turnaround_minutes: ta?.serviceMinutes ?? null,
    })
    .where('id', '=', taskId)
    .execute();
  await writeAudit(ctx, {
    action: 'task.complete',
    outcome: 'success',
    resourceType: 'task',
    resourceId: taskId,
    clinicId: t.clinic_id,
    details: { turnaround: ta },
  });
}

/**
 * Completes a task in its own transaction and emits `task.completed` after the commit. `now` is
 * for tests and replays.
 */
export async function completeTask(
  ctx: ServiceContext,
  taskId: string,
  opts: { now?: Date } = {},
): Promise<WorklistTask> {
  const now = opts.now ?? new Date();
  await ctx.db.transaction().execute((trx) => completeIn({ ...ctx, db: trx }, taskId, now));
  await emitTaskEvents({ type: 'task.completed', taskId });
  const task = await worklistTask(ctx.db, taskId, { now, claimTimeoutSeconds: 0 });
  if (!task) throw appError('NOT_FOUND', undefined, 'No such task.');
  return task;
}

/**
 * Completes the tasks a report's release settles, inside the releasing transaction (`ctx.db` is
 * it), so the release and the completions commit together or not at all. A task already
 * completed is left as it is (a retried release completes it exactly once); any other refusal
 * throws and so rolls the release back. Returns the changes for the caller to emit after its
 * commit (events to browsers never announce what may still roll back).
 */
export async function completeTasksInTransaction(
  ctx: ServiceContext,
  taskIds: readonly string[],
  now: Date,
): Promise<TaskChange[]> {
  const changes: TaskChange[] = [];
  for (const taskId of taskIds) {
    try {
      await completeIn(ctx, taskId, now);
      changes.push({ type: 'task.completed', taskId });
    } catch (err) {
      if ((err as { code?: string }).code !== 'TASK_CLOSED') throw err;
    }
  }
  return changes;
}
