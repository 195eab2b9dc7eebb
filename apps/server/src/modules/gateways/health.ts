import type { GatewayHealth, GatewayHistoryBucket } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The latest health of every gateway not revoked (of `clinicIds` when given), for the network
 * monitor: one statement, the newest heartbeat and the last hour's sums of each gateway read
 * laterally on the `(gateway_id, received_at desc)` index.
 */
export async function latestGatewayHealth(db: Db, clinicIds?: string[]): Promise<GatewayHealth[]> {
  let q = db
    .selectFrom('gateways as g')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('gateway_heartbeats as h')
          .select([
            'h.queue_depth',
            'h.queue_bytes',
            'h.oldest_item_at',
            'h.last_success_at',
            'h.free_disk_bytes',
            'h.link_kbps',
          ])
          .whereRef('h.gateway_id', '=', 'g.id')
          .orderBy('h.received_at', 'desc')
          .limit(1)
          .as('l'),
      (join) => join.on(sql<boolean>`true`),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('gateway_heartbeats as r')
          .select([
            sql<number>`coalesce(sum(r.error_count), 0)::bigint`.as('errors'),
            sql<number>`coalesce(sum(r.sent_bytes), 0)::bigint`.as('sent'),
          ])
          .whereRef('r.gateway_id', '=', 'g.id')
          .where('r.received_at', '>', sql<Date>`now() - interval '1 hour'`)
          .as('w'),
      (join) => join.on(sql<boolean>`true`),
    )
    .select([
      'g.id',
      'g.clinic_id',
      'g.name',
      'g.host_name',
      'g.version',
      'g.enrolled_at',
      'g.revoked_at',
      'g.last_heartbeat_at',
      'l.queue_depth',
      'l.queue_bytes',
      'l.oldest_item_at',
      'l.last_success_at',
      'l.free_disk_bytes',
      'l.link_kbps',
      'w.errors',
      'w.sent',
    ])
    .where('g.revoked_at', 'is', null)
    .orderBy('g.clinic_id')
    .orderBy('g.created_at');
  if (clinicIds) {
    if (clinicIds.length === 0) return [];
    q = q.where('g.clinic_id', 'in', clinicIds);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    gatewayId: r.id,
    clinicId: r.clinic_id,
    name: r.host_name ?? r.name,
    version: r.version,
    enrolledAt: iso(r.enrolled_at),
    revokedAt: iso(r.revoked_at),
    lastHeartbeatAt: iso(r.last_heartbeat_at),
    queueDepth: r.queue_depth ?? null,
    queueBytes: r.queue_bytes ?? null,
    oldestItemAt: iso(r.oldest_item_at ?? null),
    lastSuccessAt: iso(r.last_success_at ?? null),
    freeDiskBytes: r.free_disk_bytes ?? null,
    errorCount: Number(r.errors ?? 0),
    linkKbps: r.link_kbps ?? null,
    sentBytesLastHour: Number(r.sent ?? 0),
  }));
}

/**
 * A clinic's gateway history in `[from, to)` as buckets of `bucketMinutes` (aligned on `from`;
 * buckets without heartbeats are absent): the largest queue seen, bytes sent, errors reported and
 * the mean link rate. One aggregate over the `(clinic_id, received_at)` index.
 */
export async function gatewayHeartbeatHistory(
  db: Db,
  clinicId: string,
  from: Date,
  to: Date,
  bucketMinutes: number,
): Promise<GatewayHistoryBucket[]> {
  const minutes = Math.max(1, Math.round(bucketMinutes));
  const bucket = sql<Date>`date_bin(make_interval(mins => ${minutes}), received_at, ${from}::timestamptz)`;
  const rows = await db
    .selectFrom('gateway_heartbeats')
    .select([
      bucket.as('at'),
      sql<number>`max(queue_depth)`.as('max_queue'),
      sql<number>`sum(sent_bytes)::bigint`.as('sent'),
      sql<number>`sum(error_count)::bigint`.as('errors'),
      sql<number | null>`avg(link_kbps)`.as('kbps'),
    ])
    .where('clinic_id', '=', clinicId)
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    maxQueueDepth: Number(r.max_queue),
    sentBytes: Number(r.sent),
    errorCount: Number(r.errors),
    meanLinkKbps: r.kbps === null ? null : Number(r.kbps),
  }));
}
