import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { startPeriodic } from '../../platform/periodic';

/**
 * Heartbeats are kept 30 days at full resolution (docs/adr/0033): at one a minute, 95 clinics
 * make about 4 M rows a month, which the indexes serve without a rollup.
 */
export const HEARTBEAT_RETENTION_DAYS = 30;

/** Rows one delete takes, so a long-stopped server catches up without one huge transaction. */
const PRUNE_BATCH = 10_000;

/**
 * Deletes heartbeats received before `now` minus the retention, oldest first in bounded
 * batches on the `received_at` index. Answers how many went.
 */
export async function pruneHeartbeats(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - HEARTBEAT_RETENTION_DAYS * 86_400_000);
  let total = 0;
  for (;;) {
    const r = await sql`
      delete from gateway_heartbeats where id in (
        select id from gateway_heartbeats where received_at < ${before}
        order by received_at limit ${PRUNE_BATCH})`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < PRUNE_BATCH) return total;
  }
}

/** Prunes old heartbeats every `intervalMs` (main.ts: hourly). */
export function startHeartbeatRetention(opts: {
  db: Db;
  intervalMs: number;
  onError: (e: unknown) => void;
  onPruned?: (rows: number) => void;
}): { stop(): Promise<void> } {
  return startPeriodic(
    opts.intervalMs,
    async () => {
      const n = await pruneHeartbeats(opts.db);
      if (n) opts.onPruned?.(n);
    },
    opts.onError,
  );
}
