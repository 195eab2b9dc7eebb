import type { AlertSweepResult } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { startPeriodic } from '../../platform/periodic';
import { sweepNetworkAlerts } from './alerts';
import { sweepOldRefusals } from './refusals';
import { getMonitorSettings } from './settings';

/**
 * Runs the network alert rules every `intervalMs` and drops refusals past their retention. The
 * state lives in the rows (open alerts, refusal times), so several processes may run it and a
 * restart picks up where the last pass left off. Returns the stop function.
 */
export function startMonitorSweep(opts: {
  db: Db;
  intervalMs: number;
  onError: (e: unknown) => void;
  onChanged?: (r: AlertSweepResult) => void;
}): { stop(): Promise<void> } {
  return startPeriodic(
    opts.intervalMs,
    async () => {
      const now = new Date();
      const r = await sweepNetworkAlerts(opts.db, now);
      if (r.raised.length || r.cleared.length) opts.onChanged?.(r);
      const { retentionDays } = await getMonitorSettings(opts.db);
      await sweepOldRefusals(opts.db, retentionDays, now);
    },
    opts.onError,
  );
}
