import type { GatewayHeartbeat, GatewayHeartbeatRecord } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { gatewayOfAccount } from './service';

/** At most this many heartbeats in one answer: 33 hours at one a minute. */
export const HEARTBEATS_MAX = 2000;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Stores a gateway's heartbeat and marks it heard from, in one transaction. Only a live
 * gateway's own service account may call it (the route's permission already refuses a person):
 * the gateway is the caller's, never named by the body.
 */
export async function recordHeartbeat(
  ctx: ServiceContext,
  hb: GatewayHeartbeat,
): Promise<{ gatewayId: string; receivedAt: string }> {
  const actor = ctx.actor;
  if (actor?.service !== 'gateway') throw appError('FORBIDDEN');
  const gateway = await gatewayOfAccount(ctx.db, actor.userId);
  if (!gateway) throw appError('TOKEN_REVOKED');
  const receivedAt = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('gateway_heartbeats')
      .values({
        gateway_id: gateway.id,
        clinic_id: gateway.clinic_id,
        received_at: receivedAt,
        version: hb.version,
        queue_depth: hb.queueDepth,
        queue_bytes: hb.queueBytes,
        oldest_item_at: hb.oldestItemAt,
        last_success_at: hb.lastSuccessAt,
        free_disk_bytes: hb.freeDiskBytes,
        errors: JSON.stringify(hb.errors),
        error_count: hb.errorCount,
        sent_instances: hb.sentInstances,
        sent_bytes: hb.sentBytes,
        link_kbps: hb.linkKbps,
        compression_saved_bytes: hb.compressionSavedBytes,
      })
      .execute();
    await trx
      .updateTable('gateways')
      .set({ last_heartbeat_at: receivedAt, version: hb.version })
      .where('id', '=', gateway.id)
      .execute();
  });
  return { gatewayId: gateway.id, receivedAt: receivedAt.toISOString() };
}

/** A gateway's heartbeats received in `[from, to)`, oldest first (at most `HEARTBEATS_MAX`). */
export async function listHeartbeats(
  db: Db,
  gatewayId: string,
  from: Date,
  to: Date,
): Promise<GatewayHeartbeatRecord[]> {
  const rows = await db
    .selectFrom('gateway_heartbeats')
    .selectAll()
    .where('gateway_id', '=', gatewayId)
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .orderBy('received_at', 'desc')
    .limit(HEARTBEATS_MAX)
    .execute();
  return rows.reverse().map((r) => ({
    receivedAt: r.received_at.toISOString(),
    version: r.version,
    queueDepth: r.queue_depth,
    queueBytes: r.queue_bytes,
    oldestItemAt: iso(r.oldest_item_at),
    lastSuccessAt: iso(r.last_success_at),
    freeDiskBytes: r.free_disk_bytes,
    errors: r.errors,
    errorCount: r.error_count,
    sentInstances: r.sent_instances,
    sentBytes: r.sent_bytes,
    linkKbps: r.link_kbps,
    compressionSavedBytes: r.compression_saved_bytes,
  }));
}
