import type { Order } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { toOrder } from './rows';

/**
 * Cancels a scheduled order with the clinic's reason (the applicant left, was registered twice).
 * The row stays, so its accession number is never reused; the change and its audit event
 * commit together.
 */
export async function cancelOrder(
  ctx: ServiceContext,
  id: string,
  reason: string,
  now: Date = new Date(),
): Promise<Order> {
  return auditedTransaction(
    ctx,
    async (trx) => {
      const row = await trx
        .selectFrom('orders')
        .select(['clinic_id', 'status'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw appError('NOT_FOUND', undefined, 'No such order.');
      assertClinicScope(ctx.actor!, row.clinic_id);
      if (row.status === 'cancelled') throw appError('ORDER_ALREADY_CANCELLED');
      // A matched order has its images: the study answers it, so it stays.
      if (row.status !== 'scheduled') throw appError('ORDER_NOT_SCHEDULED');
      const updated = await trx
        .updateTable('orders')
        .set({
          status: 'cancelled',
          cancelled_at: now,
          cancelled_by: ctx.actor!.userId,
          cancel_reason: reason,
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toOrder(updated);
    },
    (o) => ({ resourceId: o.id, clinicId: o.clinicId, details: { reason } }),
  );
}
