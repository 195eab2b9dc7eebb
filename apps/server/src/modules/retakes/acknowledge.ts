import { deskChange, retakeWhat, type RetakeRequest } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { publishInTransaction } from '../../platform/realtime';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { notifyEvent, studyFacts } from '../notifications';
import { auditRetakeWrite } from './audit';
import { loadRetakeRequest } from './queries';

/** The request row, locked, through the clinic-scope check (outside it: 404 as a missing one). */
async function lockedRequest(trx: Db, ctx: ServiceContext, id: string) {
  const row = await trx
    .selectFrom('retake_requests')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw appError('NOT_FOUND', undefined, 'No such retake request.');
  if (ctx.actor) assertClinicScope(ctx.actor, row.clinic_id);
  return row;
}

/**
 * A clinic user acknowledges a request (`POST /api/retake-requests/:id/acknowledge`): their name
 * and the time are recorded once (a second acknowledgement keeps the first, so the record names
 * who took it on); audited in the same transaction. A request whose images have arrived is
 * settled and refuses it.
 */
export async function acknowledgeRetake(
  ctx: ServiceContext,
  id: string,
  now: Date = new Date(),
): Promise<RetakeRequest> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockedRequest(trx, ctx, id);
    if (row.fulfilled_at) throw appError('RETAKE_SETTLED');
    const first = row.acknowledged_at === null;
    if (first)
      await trx
        .updateTable('retake_requests')
        .set({
          acknowledged_at: now,
          acknowledged_by: actor.userId,
          acknowledged_by_name: actor.displayName,
        })
        .where('id', '=', id)
        .execute();
    // The request changes on its clinic's desks (acknowledged, now waiting for images).
    if (first) await publishInTransaction(trx, deskChange(row.clinic_id, 'retake'));
    await auditRetakeWrite(ctx, trx, 'retake.acknowledge', {
      resourceId: id,
      clinicId: row.clinic_id,
      details: { taskId: row.task_id, first },
    });
  });
  return (await loadRetakeRequest(ctx.db, id))!;
}

/**
 * An assistant chases a request the clinic has not answered (`POST
 * /api/retake-requests/:id/chase`, and the desk): the clinic and its assistants are reminded
 * (`retake.reminder`, in-app and e-mail, one per chase), the chase is counted, and the event is
 * audited (`retake.chase`, or the calling route's planned event), all in one transaction. The
 * desk calls it with its own context.
 */
export async function chaseRetake(
  ctx: ServiceContext,
  id: string,
  now: Date = new Date(),
): Promise<RetakeRequest> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockedRequest(trx, ctx, id);
    if (row.fulfilled_at) throw appError('RETAKE_SETTLED');
    const updated = await trx
      .updateTable('retake_requests')
      .set((eb) => ({ chased_at: now, chase_count: eb('chase_count', '+', 1) }))
      .where('id', '=', id)
      .returning('chase_count')
      .executeTakeFirstOrThrow();
    const facts = await studyFacts(trx, row.study_id);
    const what = retakeWhat(row).map((w) => w.toLowerCase());
    await notifyEvent(trx, {
      kind: 'retake.reminder',
      facts: {
        ...facts,
        what: `${row.kind === 'extra_view' ? 'the extra view' : 'the retake'}${what.length ? ` (${what.join(', ')})` : ''}`,
        since: row.requested_at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      },
      key: `${id}:${updated.chase_count}`,
      taskId: row.task_id,
      clinicId: row.clinic_id,
      exceptUserIds: ctx.actor ? [ctx.actor.userId] : [],
    });
    await auditRetakeWrite(ctx, trx, 'retake.chase', {
      resourceId: id,
      clinicId: row.clinic_id,
      details: { taskId: row.task_id, chaseCount: updated.chase_count },
    });
  });
  return (await loadRetakeRequest(ctx.db, id))!;
}
