import type {
  ClinicHistory,
  HistoryBucket,
  HistoryQuery,
  NetworkClinic,
  NetworkOverview,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { inClinicScope, type ClinicScope } from '../auth';
import { isOpen } from '../centres';
import { openAlerts } from './alerts';
import { gatewayHealthOf, gatewayHistoryOf } from './gatewayHealth';
import { lastReceivedByClinic } from './lastReceived';
import { scheduleOf, workingHoursOf } from './workingHours';

const HOUR = 3_600_000;

/** Refusals counted per clinic since `since` (each coalesced row weighs its count). */
async function refusalCounts(
  db: Db,
  clinicIds: readonly string[],
  since: Date,
): Promise<Map<string, number>> {
  if (clinicIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inbound_refusals')
    .select(['clinic_id', (eb) => eb.fn.sum<string>('count').as('n')])
    .where('clinic_id', 'in', clinicIds)
    .where('last_at', '>=', since)
    .groupBy('clinic_id')
    .execute();
  return new Map(rows.map((r) => [r.clinic_id!, Number(r.n)]));
}

/**
 * The network monitor's table: one row per clinic in the caller's scope, with its last image
 * (overall and per door), its gateway's health, the transfer lag (age of the oldest item
 * waiting in the gateway's queue), the errors of the last hour (refusals and gateway errors),
 * and its open alerts. A handful of set queries whatever the number of clinics: nothing here
 * scans `instances`.
 */
export async function networkOverview(
  db: Db,
  scope: ClinicScope,
  now = new Date(),
): Promise<NetworkOverview> {
  const clinics = await db
    .selectFrom('clinics')
    .select(['id', 'code', 'name', 'country', 'status', 'time_zone'])
    .where(inClinicScope(scope, 'clinics.id'))
    .orderBy('code')
    .execute();
  const ids = clinics.map((c) => c.id);
  const [last, gateways, alerts, hours, refused] = await Promise.all([
    lastReceivedByClinic(db, ids),
    gatewayHealthOf(db, ids),
    openAlerts(db, ids),
    workingHoursOf(db, ids),
    refusalCounts(db, ids, new Date(now.getTime() - HOUR)),
  ]);
  return {
    generatedAt: now.toISOString(),
    clinics: clinics.map((c): NetworkClinic => {
      const g = gateways.get(c.id);
      const byDoor = last.get(c.id) ?? [];
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        country: c.country.trim(),
        status: c.status,
        timeZone: c.time_zone,
        working: isOpen(scheduleOf(c.time_zone, hours.get(c.id)!), now),
        lastReceivedAt: byDoor[0]?.receivedAt ?? null,
        lastByDoor: byDoor,
        gateway: g
          ? {
              lastHeartbeatAt: g.lastHeartbeatAt?.toISOString() ?? null,
              queueDepth: g.queueDepth,
              queueBytes: g.queueBytes,
              oldestItemAt: g.oldestItemAt?.toISOString() ?? null,
              linkKbps: g.linkKbps,
              errorsLastHour: g.errorsLastHour,
            }
          : null,
        transferLagSeconds: g?.oldestItemAt
          ? Math.max(0, Math.round((now.getTime() - g.oldestItemAt.getTime()) / 1000))
          : null,
        errorsLastHour: (refused.get(c.id) ?? 0) + (g?.errorsLastHour ?? 0),
        alerts: alerts.get(c.id) ?? [],
      };
    }),
  };
}

/**
 * One clinic's history in hourly buckets (default: the last 7 days): images arrived (from the
 * instances of its studies received in the window, through the studies' clinic and received
 * indexes), refusals, and its gateway's queue, bytes sent and errors.
 */
export async function clinicHistory(
  db: Db,
  clinicId: string,
  q: HistoryQuery,
  now = new Date(),
): Promise<ClinicHistory> {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 24 * HOUR);
  if (to.getTime() - from.getTime() > 92 * 24 * HOUR || to <= from)
    throw appError(
      'VALIDATION_FAILED',
      undefined,
      'Choose a window of at most 92 days, its start before its end.',
    );
  const [images, refusals, gateway, last, alerts] = await Promise.all([
    db
      .selectFrom('instances as i')
      .innerJoin('studies as s', 's.id', 'i.study_id')
      .select([
        sql<Date>`date_trunc('hour', i.received_at)`.as('at'),
        (eb) => eb.fn.countAll<string>().as('n'),
      ])
      .where('s.clinic_id', '=', clinicId)
      .where('s.last_received_at', '>=', from)
      .where('i.received_at', '>=', from)
      .where('i.received_at', '<', to)
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom('inbound_refusals')
      .select([
        sql<Date>`date_trunc('hour', last_at)`.as('at'),
        (eb) => eb.fn.sum<string>('count').as('n'),
      ])
      .where('clinic_id', '=', clinicId)
      .where('last_at', '>=', from)
      .where('last_at', '<', to)
      .groupBy(sql`1`)
      .execute(),
    gatewayHistoryOf(db, clinicId, from, to),
    lastReceivedByClinic(db, [clinicId]),
    openAlerts(db, [clinicId]),
  ]);
  const buckets = new Map<number, HistoryBucket>();
  const bucket = (d: Date) => {
    const key = Math.floor(d.getTime() / HOUR) * HOUR;
    let b = buckets.get(key);
    if (!b) {
      b = {
        at: new Date(key).toISOString(),
        images: 0,
        refusals: 0,
        queueDepth: null,
        sentBytes: null,
        gatewayErrors: null,
      };
      buckets.set(key, b);
    }
    return b;
  };
  for (let t = Math.floor(from.getTime() / HOUR) * HOUR; t < to.getTime(); t += HOUR)
    bucket(new Date(t));
  for (const r of images) bucket(r.at).images = Number(r.n);
  for (const r of refusals) bucket(r.at).refusals = Number(r.n);
  for (const g of gateway) {
    const b = bucket(g.at);
    b.queueDepth = g.queueDepth;
    b.sentBytes = g.sentBytes;
    b.gatewayErrors = g.errors;
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b),
    lastByDoor: last.get(clinicId) ?? [],
    alerts: alerts.get(clinicId) ?? [],
  };
}
