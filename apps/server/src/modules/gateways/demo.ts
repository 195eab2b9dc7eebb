import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { createGatewayAccount } from '../users';

/** The demo gateway's name, by which a re-run finds it. */
const DEMO_GATEWAY = 'Reception gateway';
/** Hours of heartbeat history the demo gateway starts with. */
const HISTORY_HOURS = 6;

/**
 * Gives the demo clinic `clinicCode` one enrolled gateway with six hours of heartbeats (one a
 * minute, ending now), so the network monitor has a history to show: a morning's sending with
 * the link rate wandering, and a 20-minute outage two hours ago during which the queue grew and
 * errors were reported, then drained. A re-run keeps the gateway and adds the missing minutes
 * since its last heartbeat (at most six hours). Its service account has no token: to drive the
 * demo with a real gateway, rotate it (or add one) and enrol with the code.
 */
export async function seedDemoGateway(
  db: Db,
  clinicCode: string,
  now = new Date(),
): Promise<number> {
  const clinic = await db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', clinicCode)
    .executeTakeFirst();
  if (!clinic) return 0;
  return db.transaction().execute(async (trx) => {
    let gateway = await trx
      .selectFrom('gateways')
      .select(['id', 'last_heartbeat_at'])
      .where('clinic_id', '=', clinic.id)
      .where('name', '=', DEMO_GATEWAY)
      .executeTakeFirst();
    if (!gateway) {
      const enrolledAt = new Date(now.getTime() - (HISTORY_HOURS + 1) * 3_600_000);
      const { id } = await trx
        .insertInto('gateways')
        .values({
          clinic_id: clinic.id,
          name: DEMO_GATEWAY,
          host_name: `${clinicCode.toLowerCase()}-reception`,
          version: '1.0.0',
          enrolled_at: enrolledAt,
          created_at: enrolledAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const userId = await createGatewayAccount(trx, {
        clinicId: clinic.id,
        gatewayId: id,
        displayName: `Gateway ${clinicCode.toLowerCase()}-reception (${clinicCode})`,
      });
      await trx
        .updateTable('gateways')
        .set({ service_user_id: userId })
        .where('id', '=', id)
        .execute();
      gateway = { id, last_heartbeat_at: null };
    }
    // Minutes 0 … minutes-1 before now: every minute since the last heartbeat, at most six hours.
    const since = gateway.last_heartbeat_at
      ? now.getTime() - gateway.last_heartbeat_at.getTime()
      : Infinity;
    const minutes = Math.min(HISTORY_HOURS * 60, Math.floor(since / 60_000));
    if (minutes <= 0) return 0;
    // One INSERT … SELECT over generate_series: minute m of the history, counted back from now.
    // The outage runs from 140 to 120 minutes ago.
    await sql`
      insert into gateway_heartbeats (gateway_id, clinic_id, received_at, version, queue_depth,
        queue_bytes, oldest_item_at, last_success_at, free_disk_bytes, errors, error_count,
        sent_instances, sent_bytes, link_kbps, compression_saved_bytes)
      select ${gateway.id}::uuid, ${clinic.id}::uuid, t, '1.0.0', q, q * 2400000,
        case when q > 0 then t - make_interval(mins => least(q, 25)) end,
        case when down then ${now}::timestamptz - interval '140 minutes' else t - interval '20 seconds' end,
        52000000000 - m * 1000000,
        case when down then jsonb_build_array(jsonb_build_object('at', t, 'code', 'CONNECT_TIMEOUT',
          'message', 'The centre did not answer within 30 s; retrying.')) else '[]'::jsonb end,
        case when down then 2 else 0 end,
        case when down then 0 else s end,
        case when down then 0 else s * 2300000 end,
        case when down then null else round((900 + 350 * sin(m / 37.0))::numeric, 1) end,
        m * 180000
      from (
        select m, t, down,
          case when down then 141 - m
               when m between 100 and 119 then m - 100
               else (m % 7 = 0)::int end as q,
          case when m between 100 and 119 then 4 when m % 5 = 0 then 2 else 1 end as s
        from (
          select m, ${now}::timestamptz - make_interval(mins => m) as t, m between 120 and 140 as down
          from generate_series(0, ${minutes - 1}) as m
        ) g
      ) h`.execute(trx);
    await trx
      .updateTable('gateways')
      .set({ last_heartbeat_at: now })
      .where('id', '=', gateway.id)
      .execute();
    return minutes;
  });
}
