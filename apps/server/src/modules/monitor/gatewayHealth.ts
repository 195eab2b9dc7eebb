import type { Db } from '../../platform/db';

/** One clinic's gateway health as the monitor reads it (the gateways module owns the rows). */
export interface GatewayHealthRow {
  clinicId: string;
  lastHeartbeatAt: Date | null;
  queueDepth: number | null;
  queueBytes: number | null;
  oldestItemAt: Date | null;
  linkKbps: number | null;
  /** Errors the gateway reported over the last hour. */
  errorsLastHour: number;
}

/** One hourly bucket of a gateway's heartbeats. */
export interface GatewayHistoryBucket {
  at: Date;
  queueDepth: number | null;
  sentBytes: number | null;
  errors: number | null;
}

/** How the monitor reads gateway health: installed by the app from the gateways module. */
export interface GatewayHealthSource {
  latest(db: Db, clinicIds: readonly string[]): Promise<GatewayHealthRow[]>;
  history(db: Db, clinicId: string, from: Date, to: Date): Promise<GatewayHistoryBucket[]>;
}

let source: GatewayHealthSource | null = null;

/**
 * Installs where gateway health comes from (the gateways module reads its heartbeats; the
 * monitor cannot import a module that may come to import it). Without one, no clinic has a
 * gateway column and silence is judged on images alone.
 */
export function useGatewayHealth(s: GatewayHealthSource | null): void {
  source = s;
}

/** The latest gateway health per clinic (none without an installed source). */
export async function gatewayHealthOf(
  db: Db,
  clinicIds: readonly string[],
): Promise<Map<string, GatewayHealthRow>> {
  if (!source || clinicIds.length === 0) return new Map();
  return new Map((await source.latest(db, clinicIds)).map((r) => [r.clinicId, r]));
}

/** A clinic's gateway buckets between `from` and `to` (none without an installed source). */
export async function gatewayHistoryOf(
  db: Db,
  clinicId: string,
  from: Date,
  to: Date,
): Promise<GatewayHistoryBucket[]> {
  return source ? source.history(db, clinicId, from, to) : [];
}
