import type { Delivery } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { listDeliveries } from './deliveryList';
import { retryDelivery, type DeliveryDeps } from './runner';
import { actorOf } from './service';

/** Retries one delivery now (support), audited; returns its row as the list shows it. */
export async function retryDeliveryNow(
  ctx: ServiceContext,
  deps: DeliveryDeps,
  id: string,
): Promise<Delivery> {
  actorOf(ctx);
  const before = await ctx.db
    .selectFrom('deliveries')
    .select(['state', 'clinic_id', 'report_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) throw appError('NOT_FOUND');
  if (before.state === 'delivered') throw appError('DELIVERY_NOT_RETRYABLE');
  await writeAudit(ctx, {
    action: 'delivery.retry',
    outcome: 'success',
    resourceType: 'delivery',
    resourceId: id,
    clinicId: before.clinic_id,
    details: { reportId: before.report_id, stateBefore: before.state },
  });
  await retryDelivery(deps, id);
  const page = await listDeliveriesById(ctx, id);
  return page;
}

async function listDeliveriesById(ctx: ServiceContext, id: string): Promise<Delivery> {
  const row = await ctx.db
    .selectFrom('deliveries')
    .select('report_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const page = await listDeliveries(ctx, { reportId: row.report_id, limit: 500, offset: 0 });
  return page.items.find((d) => d.id === id)!;
}
