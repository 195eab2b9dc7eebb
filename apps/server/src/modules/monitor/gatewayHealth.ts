import type { GatewayHealth } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { gatewayHeartbeatHistory, latestGatewayHealth } from '../gateways';

/** One clinic's gateway health as the monitor reads it (the gateways module owns the rows). */
export interface GatewayHealthRow {
  clinicId: string;
  lastHeartbeatAt: Date | null;
  queueDepth: number | null;
  queueBytes: number | null;
  oldestItemAt: Date | null;
  linkKbps: number | null;
  /** Errors the clinic's gateways reported over the last hour. */
  errorsLastHour: number;
}

/** One hourly bucket of a clinic's gateway heartbeats. */
export interface GatewayHistoryBucket {
  at: Date;
  queueDepth: number | null;
  sentBytes: number | null;
  errors: number | null;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);
const sum = (xs: (number | null)[]) =>
  xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null;
const latest = (xs: (Date | null)[], pick: (a: number, b: number) => number) => {
  const ts = xs.filter((x): x is Date => x !== null).map((x) => x.getTime());
  return ts.length ? new Date(ts.reduce(pick)) : null;
};

/**
 * A clinic's gateways (usually one) as one row: the newest heartbeat, the queues summed, the
 * oldest waiting item of any, the fastest link, the errors summed.
 */
function combine(clinicId: string, gs: GatewayHealth[]): GatewayHealthRow {
  const kbps = gs.map((g) => g.linkKbps).filter((k): k is number => k !== null);
  return {
    clinicId,
    lastHeartbeatAt: latest(
      gs.map((g) => date(g.lastHeartbeatAt)),
      Math.max,
    ),
    queueDepth: sum(gs.map((g) => g.queueDepth)),
    queueBytes: sum(gs.map((g) => g.queueBytes)),
    oldestItemAt: latest(
      gs.map((g) => date(g.oldestItemAt)),
      Math.min,
    ),
    linkKbps: kbps.length ? Math.max(...kbps) : null,
    errorsLastHour: gs.reduce((a, g) => a + g.errorCount, 0),
  };
}

/** The gateway health per clinic of `clinicIds` (a clinic without a gateway has no entry). */
export async function gatewayHealthOf(
  db: Db,
  clinicIds: readonly string[],
): Promise<Map<string, GatewayHealthRow>> {
  if (clinicIds.length === 0) return new Map();
  const byClinic = new Map<string, GatewayHealth[]>();
  for (const g of await latestGatewayHealth(db, [...clinicIds]))
    byClinic.set(g.clinicId, [...(byClinic.get(g.clinicId) ?? []), g]);
  return new Map([...byClinic].map(([id, gs]) => [id, combine(id, gs)]));
}

/** A clinic's gateway heartbeats between `from` and `to`, in hourly buckets. */
export async function gatewayHistoryOf(
  db: Db,
  clinicId: string,
  from: Date,
  to: Date,
): Promise<GatewayHistoryBucket[]> {
  const hourStart = new Date(Math.floor(from.getTime() / 3_600_000) * 3_600_000);
  return (await gatewayHeartbeatHistory(db, clinicId, hourStart, to, 60)).map((b) => ({
    at: new Date(b.at),
    queueDepth: b.maxQueueDepth,
    sentBytes: b.sentBytes,
    errors: b.errorCount,
  }));
}
