import type { Order, OrderSource } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { toOrder } from './rows';

/**
 * Orders by their id in the system that sent them (HL7 placer order number, FHIR identifier):
 * how a re-sent order is answered with the one already kept, and how the sender cancels its own
 * order. Callers hold `lockClinicOrders` on the same transaction.
 */

/** The clinic's order `externalId` from `source`, or null when none was received. */
export async function findExternalOrder(
  trx: Db,
  clinicId: string,
  source: OrderSource,
  externalId: string,
): Promise<Order | null> {
  const row = await trx
    .selectFrom('orders')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? toOrder(row) : null;
}

/**
 * Cancels a scheduled order at its sending system's request (no user: `cancelled_by` stays
 * empty, the audit event names the sender). An order already cancelled is returned as it is, so
 * a re-sent cancel is harmless; one already matched to a study is refused (ORDER_NOT_SCHEDULED).
 */
export async function cancelExternalOrder(
  trx: Db,
  order: Order,
  reason: string,
  now: Date = new Date(),
): Promise<Order> {
  if (order.status === 'cancelled') return order;
  if (order.status !== 'scheduled') throw appError('ORDER_NOT_SCHEDULED');
  const row = await trx
    .updateTable('orders')
    .set({ status: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now })
    .where('id', '=', order.id)
    .where('status', '=', 'scheduled')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw appError('ORDER_NOT_SCHEDULED');
  return toOrder(row);
}
