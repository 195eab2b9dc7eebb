import {
  deskChange,
  type OrderHandMatch,
  type OrderHandMatchResult,
  type Priority,
} from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { publishInTransaction } from '../../platform/realtime';
import { assertClinicScope, clinicScope, inScope } from '../auth';
import { lockClinicOrders, matchedStudyUid, recordMatch, toOrder } from '../orders';
import {
  createPrimaryReadTask,
  emitTaskEvents,
  lockStudyPrimaryRead,
  raiseStudyReadPriority,
  retimeStudyRead,
} from '../worklist';
import { recordIdentityCorrection } from './identity';

/**
 * The assistant matches a study that found no order (a typo in the ID, no accession number) to
 * one of its clinic's scheduled orders. One transaction holds: the study taking the order's
 * identity through an identity correction (the stored bytes are kept, the header's identity
 * recorded as received), the order matched by hand (by whom), the study taking the order's
 * programme and note, the `order_match_events` row with the actor, and the audit event.
 *
 * A study whose read is already on the worklist (a clinic that matches without holding sent it
 * there unmatched) has that read raised to the order's priority in the same transaction, never
 * lowered, with the reason "matched to order <accession>", and its due time follows the priority
 * and the programme the match gave; worklists hear of it after commit.
 *
 * Otherwise the study reaches the worklist through `createPrimaryReadTask`, which finds the match
 * and gives the read the order's priority (a clinic that holds unmatched images let it wait until
 * now). Should the process stop in between, the correction re-opened the study, so the stability
 * watcher brings it back to the same function.
 */
export async function matchStudyByHand(
  ctx: ServiceContext,
  studyUid: string,
  body: OrderHandMatch,
  now: Date = new Date(),
): Promise<OrderHandMatchResult & { clinicId: string }> {
  const actor = ctx.actor!;
  const done = await ctx.db.transaction().execute(async (trx) => {
    const study = await trx
      .selectFrom('studies')
      .select(['id', 'clinic_id', 'patient_id', 'patient_name', 'stable_at', 'num_instances'])
      .where('study_uid', '=', studyUid)
      .forUpdate()
      .executeTakeFirst();
    if (!study) throw appError('NOT_FOUND', undefined, 'No such study.');
    assertClinicScope(actor, study.clinic_id);
    await lockClinicOrders(trx, study.clinic_id);
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', body.orderId)
      .forUpdate()
      .executeTakeFirst();
    // Another clinic's order is not there for this caller, as anywhere else.
    if (!order || !inScope(clinicScope(actor), order.clinic_id))
      throw appError('NOT_FOUND', undefined, 'No such order.');
    if (order.clinic_id !== study.clinic_id) throw appError('ORDER_CLINIC_MISMATCH');
    if (order.status !== 'scheduled') throw appError('ORDER_NOT_SCHEDULED');
    const already = await trx
      .selectFrom('orders')
      .select('id')
      .where('study_id', '=', study.id)
      .executeTakeFirst();
    if (already) throw appError('STUDY_ALREADY_MATCHED');

    const identity = { patientId: order.patient_id, patientName: order.patient_name };
    const received = await recordIdentityCorrection(trx, actor.userId, study, {
      ...identity,
      reason: body.reason ?? `Matched by hand to order ${order.accession_number}`,
    });
    await recordMatch(trx, {
      study,
      order,
      method: 'manual',
      at: now,
      by: actor.userId,
      details: { before: { patientId: study.patient_id, patientName: study.patient_name } },
    });
    const raised = await raiseStudyReadPriority(
      trx,
      study.id,
      order.priority as Priority,
      `matched to order ${order.accession_number}`,
    );
    // Not raised, an open read is still due by the programme the match may have given it.
    const read = raised ? null : await lockStudyPrimaryRead(trx, study.id);
    if (read) await retimeStudyRead(trx, read.taskId);
    const taskId = raised?.taskId ?? read?.taskId ?? null;
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'study.order.match',
        outcome: 'success',
        resourceType: 'study',
        resourceId: studyUid,
        clinicId: study.clinic_id,
        details: {
          orderId: order.id,
          accessionNumber: order.accession_number,
          before: { patientId: study.patient_id, patientName: study.patient_name },
          after: identity,
          received,
          reason: body.reason ?? null,
          priority: raised ? { taskId: raised.taskId, from: raised.from, to: raised.to } : null,
        },
      },
    );
    for (const source of ['overdue_order', 'attention'] as const)
      await publishInTransaction(trx, deskChange(study.clinic_id, source));
    const matched = await trx
      .selectFrom('orders as o')
      .selectAll('o')
      .select(matchedStudyUid())
      .where('o.id', '=', order.id)
      .executeTakeFirstOrThrow();
    return { study, order: toOrder(matched), identity, taskId };
  });
  if (done.taskId) await emitTaskEvents({ type: 'task.updated', taskId: done.taskId });

  let worklist: OrderHandMatchResult['worklist'] = 'not_stable';
  const { study } = done;
  if (study.stable_at) {
    const r = await createPrimaryReadTask(
      ctx.db,
      {
        studyId: study.id,
        stableAt: study.stable_at.toISOString(),
        numInstances: study.num_instances,
      },
      now,
    );
    if (r.outcome === 'created' || r.outcome === 'exists') worklist = r.outcome;
  }
  return { order: done.order, ...done.identity, worklist, clinicId: study.clinic_id };
}
