import { type ClaimRefusalCode, type Priority, type WorklistTask } from '@telerad/contracts';
import { sql } from 'kysely';
import { auditedTransaction, auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import { appError, type AppError } from '../../platform/errors';
import { assertClinicScope, can, clinicScope } from '../auth';
import { pushAssign } from './assignment';
import { CONSULTANT_TASK_TYPES } from './consultantOnly';
import { emitTaskEvents, type TaskChange } from './events';
import { worklistTask, type WorklistClock } from './queries';
import { announceAssignment } from './taskNotices';
import { taskDueAt } from './dueTime';
import { isHeldForConsultation } from './status';

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** A review task never goes to the reader whose read it reviews (migration 0030). */
const notOwnRead = (actor: Actor) =>
  sql<boolean>`t.excluded_reader_id is distinct from ${actor.userId}::uuid`;

/** Where a claim's heartbeat must be newer than to still hold. */
const lapseBefore = (clock: WorklistClock) =>
  new Date(clock.now.getTime() - clock.claimTimeoutSeconds * 1000);

/** Loads the changed task for the answer, then announces the committed change. */
async function answer(
  ctx: ServiceContext,
  id: string,
  clock: WorklistClock,
  type: TaskChange['type'],
): Promise<WorklistTask> {
  await emitTaskEvents({ type, taskId: id });
  const task = await worklistTask(ctx.db, id, clock, ctx.actor);
  if (!task) throw appError('NOT_FOUND', undefined, 'No such task.');
  return task;
}

/**
 * A claim refusal: only the codes the web app explains (`ClaimRefusalCode`); that each is in
 * the error catalogue is checked by this call's types.
 */
const refuse = (code: ClaimRefusalCode, details?: unknown, message?: string): AppError =>
  appError(code, details, message);

/** Explains why a conditional update on task `id` matched nothing. */
async function refusal(ctx: ServiceContext, id: string, actor: Actor): Promise<never> {
  const t = await ctx.db
    .selectFrom('reading_tasks as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select([
      't.state',
      't.clinic_id',
      't.assignee_id',
      't.excluded_reader_id',
      'u.display_name',
      isHeldForConsultation.as('held'),
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!t) throw refuse('NOT_FOUND', undefined, 'No such task.');
  assertClinicScope(actor, t.clinic_id);
  // A review of the caller's own read: refused whatever its state, so it never looks claimable.
  if (t.excluded_reader_id === actor.userId) throw refuse('TASK_OWN_READ');
  // Held before taken: a held read is claimed by its reader, but nobody is reading it.
  if (t.held) throw refuse('TASK_HELD_FOR_CONSULTATION', { readerName: t.display_name });
  if (t.state === 'in_progress' && t.assignee_id !== actor.userId)
    throw refuse(
      'TASK_TAKEN',
      { assigneeId: t.assignee_id, assigneeName: t.display_name },
      `${t.display_name ?? 'Another reader'} has already claimed this task.`,
    );
  if (t.state === 'completed' || t.state === 'cancelled') throw refuse('TASK_CLOSED');
  throw refuse('TASK_NOT_CLAIMABLE');
}

/**
 * Claims a task for the caller, atomically: one conditional UPDATE, so of any number of readers
 * claiming at once exactly one wins (the others re-check the row after the winner commits and
 * no longer match). Claimable: queued (or waiting past its opening), the caller's own claim, or
 * a claim whose heartbeat lapsed before the sweep returned it.
 */
export async function claimTask(
  ctx: ServiceContext,
  id: string,
  clock: WorklistClock,
): Promise<WorklistTask> {
  const actor = actorOf(ctx);
  const { now } = clock;
  const row = await auditedTransaction(
    ctx,
    (trx) =>
      trx
        .updateTable('reading_tasks as t')
        .set({
          state: 'in_progress',
          assignee_id: actor.userId,
          claimed_at: sql<Date>`case when t.state = 'in_progress' and t.assignee_id = ${actor.userId}::uuid then t.claimed_at else ${now}::timestamptz end`,
          heartbeat_at: now,
        })
        .where('t.id', '=', id)
        .where(
          sql<boolean>`(t.state = 'queued'
        or (t.state = 'waiting' and t.queued_at <= ${now})
        or (t.state = 'in_progress'
            and (t.assignee_id = ${actor.userId}::uuid or t.heartbeat_at < ${lapseBefore(clock)})))`,
        )
        // Consultations and second opinions are for consultants only (issue 5 §4).
        .$if(!can(actor, 'consultation:decide'), (qb) =>
          qb.where('t.type', 'not in', CONSULTANT_TASK_TYPES),
        )
        .where(notOwnRead(actor))
        .returning(['t.id', 't.clinic_id'])
        .executeTakeFirst(),
    (r) => r && { resourceId: id, clinicId: r.clinic_id },
  );
  if (!row) return refusal(ctx, id, actor);
  return answer(ctx, id, clock, 'task.claimed');
}

/** Keeps the caller's claim alive; CLAIM_LAPSED when it is no longer theirs. */
export async function heartbeatTask(
  ctx: ServiceContext,
  id: string,
  clock: WorklistClock,
): Promise<WorklistTask> {
  const actor = actorOf(ctx);
  const row = await ctx.db
    .updateTable('reading_tasks')
    .set({ heartbeat_at: clock.now })
    .where('id', '=', id)
    .where('state', '=', 'in_progress')
    .where('assignee_id', '=', actor.userId)
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    await refusal(ctx, id, actor).catch((e: unknown) => {
      // Not taken by another and not closed: the caller simply holds no claim.
      if (e instanceof Error && 'code' in e && e.code === 'TASK_NOT_CLAIMABLE')
        throw appError('CLAIM_LAPSED');
      throw e;
    });
  }
  const task = await worklistTask(ctx.db, id, clock, ctx.actor);
  if (!task) throw appError('NOT_FOUND', undefined, 'No such task.');
  return task;
}

/** Gives the caller's claim back to the queue. */
export async function releaseTask(
  ctx: ServiceContext,
  id: string,
  clock: WorklistClock,
): Promise<WorklistTask> {
  const actor = actorOf(ctx);
  const row = await auditedTransaction(
    ctx,
    (trx) =>
      trx
        .updateTable('reading_tasks')
        .set({ state: 'queued', assignee_id: null, claimed_at: null, heartbeat_at: null })
        .where('id', '=', id)
        .where('state', '=', 'in_progress')
        .where('assignee_id', '=', actor.userId)
        .returning(['id', 'clinic_id'])
        .executeTakeFirst(),
    (r) => r && { resourceId: id, clinicId: r.clinic_id },
  );
  if (!row) return refusal(ctx, id, actor).catch(() => Promise.reject(appError('CLAIM_LAPSED')));
  // Back in the queue: a push-mode centre hands it on, to someone other than who let it go.
  await pushAssign(ctx.db, { now: clock.now, taskIds: [id], excludeUserIds: [actor.userId] });
  return answer(ctx, id, clock, 'task.released');
}

/**
 * Claims the most urgent queued task for the caller: STAT before urgent before routine, then the
 * earliest due. SKIP LOCKED lets concurrent "next" calls hand out different tasks without waiting.
 */
export async function claimNextTask(
  ctx: ServiceContext,
  clock: WorklistClock,
): Promise<WorklistTask> {
  const actor = actorOf(ctx);
  const { now } = clock;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const pick = await trx
      .selectFrom('reading_tasks as t')
      .select(['t.id', 't.clinic_id'])
      .where(sql<boolean>`(t.state = 'queued' or (t.state = 'waiting' and t.queued_at <= ${now}))`)
      .$if(!can(actor, 'consultation:decide'), (qb) =>
        qb.where('t.type', 'not in', CONSULTANT_TASK_TYPES),
      )
      .where(notOwnRead(actor))
      .orderBy(
        sql`case t.priority when 'stat' then 0 when 'urgent' then 1 else 2 end, t.due_at asc nulls last, t.id`,
      )
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!pick) return null;
    await trx
      .updateTable('reading_tasks')
      .set({ state: 'in_progress', assignee_id: actor.userId, claimed_at: now, heartbeat_at: now })
      .where('id', '=', pick.id)
      .execute();
    await auditWrite(ctx, trx, { resourceId: pick.id, clinicId: pick.clinic_id });
    return pick.id;
  });
  if (!id) throw appError('NO_TASK_AVAILABLE');
  return answer(ctx, id, clock, 'task.claimed');
}

/**
 * Hands an open task to another reader (an active radiologist or consultant) or back to the
 * queue (`assigneeId` null). A reassigned claim has no heartbeat yet, so it does not lapse until
 * its new reader opens it.
 */
export async function reassignTask(
  ctx: ServiceContext,
  id: string,
  assigneeId: string | null,
  clock: WorklistClock,
): Promise<WorklistTask> {
  const actor = actorOf(ctx);
  if (assigneeId) {
    const reader = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', assigneeId)
      .where('active', '=', true)
      .where(sql<boolean>`roles && array['radiologist', 'consultant']::text[]`)
      .executeTakeFirst();
    if (!reader) throw appError('ASSIGNEE_NOT_READER');
    const own = await ctx.db
      .selectFrom('reading_tasks')
      .select('id')
      .where('id', '=', id)
      .where('excluded_reader_id', '=', assigneeId)
      .executeTakeFirst();
    if (own) throw appError('ASSIGNEE_IS_OWN_READER');
  }
  const { now } = clock;
  const row = await auditedTransaction(
    ctx,
    async (trx) => {
      const r = await trx
        .updateTable('reading_tasks as t')
        .set(
          assigneeId
            ? { state: 'in_progress', assignee_id: assigneeId, claimed_at: now, heartbeat_at: null }
            : { state: 'queued', assignee_id: null, claimed_at: null, heartbeat_at: null },
        )
        .where('t.id', '=', id)
        .where(
          sql<boolean>`(t.state in ('queued', 'in_progress') or (t.state = 'waiting' and t.queued_at <= ${now}))`,
        )
        .returning(['t.id', 't.clinic_id'])
        .executeTakeFirst();
      if (r && assigneeId) await announceAssignment(trx, id, assigneeId, now);
      return r;
    },
    (r) => r && { resourceId: id, clinicId: r.clinic_id, details: { assigneeId } },
  );
  if (!row) {
    const t = await ctx.db
      .selectFrom('reading_tasks')
      .select(['state', 'clinic_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!t) throw appError('NOT_FOUND', undefined, 'No such task.');
    assertClinicScope(actor, t.clinic_id);
    throw appError(
      t.state === 'completed' || t.state === 'cancelled' ? 'TASK_CLOSED' : 'TASK_NOT_CLAIMABLE',
    );
  }
  if (!assigneeId) await pushAssign(ctx.db, { now, taskIds: [id] });
  return answer(ctx, id, clock, assigneeId ? 'task.claimed' : 'task.released');
}

/**
 * Changes a task's priority and recomputes its due time from the SLA rules (from when it
 * queued). Clinic users may only raise their own clinics' routine tasks to urgent.
 */
export async function setTaskPriority(
  ctx: ServiceContext,
  id: string,
  priority: Priority,
  reason: string | undefined,
  clock: WorklistClock,
): Promise<{ task: WorklistTask; clinicId: string; from: string }> {
  const actor = actorOf(ctx);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const t = await trx
      .selectFrom('reading_tasks as t')
      .select(['t.state', 't.priority', 't.queued_at', 't.clinic_id', 't.study_id'])
      .where('t.id', '=', id)
      .forUpdate('t')
      .executeTakeFirst();
    if (!t) throw appError('NOT_FOUND', undefined, 'No such task.');
    assertClinicScope(actor, t.clinic_id);
    if (t.state === 'completed' || t.state === 'cancelled') throw appError('TASK_CLOSED');
    if (
      clinicScope(actor) !== 'all' &&
      !(t.priority === priority || (t.priority === 'routine' && priority === 'urgent'))
    )
      throw appError('PRIORITY_CHANGE_NOT_ALLOWED');
    // A clinic says why; the reader sees it. A change without a reason keeps the last one.
    if (clinicScope(actor) !== 'all' && !reason) throw appError('PRIORITY_REASON_REQUIRED');
    await trx
      .updateTable('reading_tasks')
      .set({
        priority,
        ...(reason ? { priority_reason: reason } : {}),
        due_at: t.queued_at && (await taskDueAt(trx, t, priority, t.queued_at)),
      })
      .where('id', '=', id)
      .execute();
    await auditWrite(ctx, trx, {
      resourceId: id,
      clinicId: t.clinic_id,
      details: { from: t.priority, to: priority, reason: reason ?? null },
    });
    return { clinicId: t.clinic_id, from: t.priority };
  });
  return { ...result, task: await answer(ctx, id, clock, 'task.updated') };
}
