import {
  GATEWAY_SILENT_AFTER_MS,
  type GatewayStatus,
  type GatewaySummary,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';

/** The `gateways` columns a summary is made of. */
export const GATEWAY_COLUMNS = [
  'g.id',
  'g.clinic_id',
  'g.name',
  'g.host_name',
  'g.version',
  'g.service_user_id',
  'g.enrol_code_used_at',
  'g.enrol_code_expires_at',
  'g.created_at',
  'g.enrolled_at',
  'g.revoked_at',
  'g.last_heartbeat_at',
] as const;

/** One `gateways` row as read by `GATEWAY_COLUMNS`, with its latest queue when known. */
export interface GatewayRow {
  id: string;
  clinic_id: string;
  name: string;
  host_name: string | null;
  version: string | null;
  service_user_id: string | null;
  enrol_code_used_at: Date | null;
  enrol_code_expires_at: Date | null;
  created_at: Date;
  enrolled_at: Date | null;
  revoked_at: Date | null;
  last_heartbeat_at: Date | null;
  queue_depth?: number | null;
  queue_bytes?: number | null;
}

/** Where a gateway stands now, from its row. */
export function gatewayStatus(r: GatewayRow, now = new Date()): GatewayStatus {
  if (r.revoked_at) return 'revoked';
  if (!r.enrolled_at) return 'awaiting_enrolment';
  const last = r.last_heartbeat_at?.getTime();
  return last !== undefined && now.getTime() - last <= GATEWAY_SILENT_AFTER_MS
    ? 'online'
    : 'silent';
}

/** A row as the API shows it. */
export function toSummary(r: GatewayRow, now = new Date()): GatewaySummary {
  const waiting =
    !r.revoked_at && !r.enrol_code_used_at && r.enrol_code_expires_at
      ? r.enrol_code_expires_at.toISOString()
      : null;
  return {
    id: r.id,
    clinicId: r.clinic_id,
    name: r.name,
    hostName: r.host_name,
    version: r.version,
    status: gatewayStatus(r, now),
    createdAt: r.created_at.toISOString(),
    enrolledAt: r.enrolled_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    lastHeartbeatAt: r.last_heartbeat_at?.toISOString() ?? null,
    codeExpiresAt: waiting,
    queueDepth: r.queue_depth ?? null,
    queueBytes: r.queue_bytes ?? null,
  };
}

/**
 * The gateways of the caller's clinics (or one clinic), newest first, each with the queue of its
 * latest heartbeat (one lateral read of the newest row per gateway on its index).
 */
export async function listGatewayRows(
  db: Db,
  scope: ClinicScope,
  clinicId?: string,
): Promise<GatewayRow[]> {
  let q = db
    .selectFrom('gateways as g')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('gateway_heartbeats as h')
          .select(['h.queue_depth', 'h.queue_bytes'])
          .whereRef('h.gateway_id', '=', 'g.id')
          .orderBy('h.received_at', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.on(sql<boolean>`true`),
    )
    .select([...GATEWAY_COLUMNS, 'latest.queue_depth', 'latest.queue_bytes'])
    .where(inClinicScope(scope, 'g.clinic_id'))
    .orderBy('g.created_at', 'desc');
  if (clinicId) q = q.where('g.clinic_id', '=', clinicId);
  return q.execute();
}

/** One gateway's row, or undefined. */
export async function loadGatewayRow(db: Db, id: string): Promise<GatewayRow | undefined> {
  return db
    .selectFrom('gateways as g')
    .select(GATEWAY_COLUMNS)
    .where('g.id', '=', id)
    .executeTakeFirst();
}
