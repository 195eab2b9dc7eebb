import type {
  GatewayOrderPush,
  GatewayOrderPushResult,
  GatewayOrderResult,
  GatewayWorklist,
} from '@telerad/contracts';
import { GatewayOrderPush as GatewayOrderPushSchema } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { AppError, appError } from '../../platform/errors';
import { localDate } from '../centres';
import {
  findExternalOrder,
  insertOrder,
  loadOrderClinic,
  lockClinicOrders,
  scheduledOrdersTag,
  worklistEntries,
  WORKLIST_DAYS_AFTER,
  WORKLIST_DAYS_BEFORE,
  type OrderClinic,
} from '../orders';
import { gatewayOfAccount } from './service';

const DAY_MS = 86_400_000;

/** How far the gateway's copy reaches: from yesterday to a week ahead, in the clinic's zone. */
function windowOf(now: Date, timeZone: string): { from: string; to: string } {
  return {
    from: localDate(new Date(now.getTime() - WORKLIST_DAYS_BEFORE * DAY_MS), timeZone),
    to: localDate(new Date(now.getTime() + WORKLIST_DAYS_AFTER * DAY_MS), timeZone),
  };
}

/** The calling gateway and its clinic; a person, or a revoked gateway, is refused. */
async function callingGateway(
  ctx: ServiceContext,
): Promise<{ gatewayId: string; clinic: OrderClinic }> {
  const actor = ctx.actor;
  if (actor?.service !== 'gateway') throw appError('FORBIDDEN');
  const gateway = await gatewayOfAccount(ctx.db, actor.userId);
  if (!gateway) throw appError('TOKEN_REVOKED');
  return { gatewayId: gateway.id, clinic: await loadOrderClinic(ctx, gateway.clinic_id) };
}

/** The most orders one gateway's copy holds (a busy clinic's week is a few hundred). */
const GATEWAY_WORKLIST_LIMIT = 5000;

/** The gateway's worklist, or `notModified` when its tag is still `ifNoneMatch`. */
export type GatewayWorklistAnswer =
  | { notModified: true; etag: string; clinicId: string; count: null }
  | { notModified: false; etag: string; clinicId: string; count: number; body: GatewayWorklist };

/**
 * The calling gateway's clinic's scheduled orders from yesterday to a week ahead (its zone), for
 * its local modality worklist. The tag (an ETag) names exactly that set, so the gateway's poll
 * every minute costs one short answer while nothing changes.
 */
export async function gatewayWorklist(
  ctx: ServiceContext,
  ifNoneMatch: string | undefined,
  now: Date = new Date(),
): Promise<GatewayWorklistAnswer> {
  const { clinic } = await callingGateway(ctx);
  const { from, to } = windowOf(now, clinic.timeZone);
  const etag = `"${await scheduledOrdersTag(ctx.db, clinic.id, from, to)}"`;
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag))
    return { notModified: true, etag, clinicId: clinic.id, count: null };
  const items = await worklistEntries(ctx.db, clinic.id, {
    from,
    to,
    limit: GATEWAY_WORKLIST_LIMIT,
    now,
  });
  return {
    notModified: false,
    etag,
    clinicId: clinic.id,
    count: items.length,
    body: { clinicId: clinic.id, at: now.toISOString(), items },
  };
}

/** A refusal as one push result. */
const refused = (localId: string, e: AppError): GatewayOrderResult => ({
  localId,
  outcome: 'refused',
  orderId: null,
  accessionNumber: null,
  code: e.code,
  message: e.message,
});

/**
 * Takes the orders the clinic registered at its gateway during an outage (source `gateway`, the
 * gateway's local id as external id, the Study Instance UID the unit already got). A re-push of
 * a local id the centre already holds answers that order (`existing`): the gateway may have
 * stopped after the centre committed and before it forgot the order. A refusal (a taken
 * accession number, a programme the clinic does not screen for) is answered per order with the
 * catalogue's code; the others are made. All of it and its audit event commit together.
 */
export async function pushGatewayOrders(
  ctx: ServiceContext,
  input: GatewayOrderPush,
  now: Date = new Date(),
): Promise<GatewayOrderPushResult> {
  const { orders } = GatewayOrderPushSchema.parse(input);
  const { gatewayId, clinic } = await callingGateway(ctx);
  return auditedTransaction(
    ctx,
    async (trx) => {
      await lockClinicOrders(trx, clinic.id);
      const results: GatewayOrderResult[] = [];
      for (const o of orders) {
        const existing = await findExternalOrder(trx, clinic.id, 'gateway', o.localId);
        if (existing) {
          results.push({
            localId: o.localId,
            outcome: 'existing',
            orderId: existing.id,
            accessionNumber: existing.accessionNumber,
            code: null,
            message: null,
          });
          continue;
        }
        try {
          const order = await insertOrder(
            ctx,
            trx,
            clinic,
            o.order,
            'gateway',
            now,
            o.localId,
            o.studyInstanceUid,
          );
          results.push({
            localId: o.localId,
            outcome: 'created',
            orderId: order.id,
            accessionNumber: order.accessionNumber,
            code: null,
            message: null,
          });
        } catch (e) {
          // insertOrder checks before it writes, so a refusal leaves the transaction usable.
          if (!(e instanceof AppError)) throw e;
          results.push(refused(o.localId, e));
        }
      }
      return { results };
    },
    (r) => ({
      resourceId: gatewayId,
      clinicId: clinic.id,
      details: {
        created: r.results.filter((x) => x.outcome === 'created').map((x) => x.orderId),
        existing: r.results.filter((x) => x.outcome === 'existing').length,
        refused: r.results
          .filter((x) => x.outcome === 'refused')
          .map((x) => ({ localId: x.localId, code: x.code })),
      },
    }),
  );
}
