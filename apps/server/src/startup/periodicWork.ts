import type { Logger } from 'pino';
import type { Db } from '../platform/db';
import { startCriticalSweep } from '../modules/critical';
import {
  arrivalsSettled,
  onArrivalWriteError,
  onRefusalWriteError,
  refusalsSettled,
  startMonitorSweep,
} from '../modules/monitor';
import { startSopReviewSweep } from '../modules/sops';
import { startHeartbeatRetention } from '../modules/gateways';

/**
 * The periodic sweeps whose state lives in the rows (critical escalation, network alerts, SOP
 * reviews, heartbeat retention); `stop` ends them and waits for the refusals and arrivals noted
 * in the background.
 */
export function startPeriodicWork({ db, logger }: { db: Db; logger: Logger }): {
  stop: () => Promise<void>;
} {
  // Critical alerts nobody at the clinic acknowledged escalate to its assistants, then to the
  // centre's supervisors; the level lives in the rows, so a restart resumes where it stopped.
  const criticalSweep = startCriticalSweep({
    db,
    intervalMs: 5000,
    onError: (e) => logger.error({ err: e }, 'critical result sweep failed'),
    onEscalated: (steps) => logger.warn({ steps }, 'critical results escalated: not acknowledged'),
  });

  // Network alerts (a clinic silent in its working hours, a gateway queue growing) and the
  // refusals' retention; the open alerts live in the rows, so several processes may sweep.
  onRefusalWriteError((e) => logger.warn({ err: e }, 'inbound refusal not recorded'));
  onArrivalWriteError((e) => logger.warn({ err: e }, 'last study received not recorded'));
  const monitorSweep = startMonitorSweep({
    db,
    intervalMs: 60_000,
    onError: (e) => logger.error({ err: e }, 'network monitor sweep failed'),
    onChanged: (r) => logger.warn(r, 'network alerts changed'),
  });

  // SOP owners are told once per version when its review falls due; the claim lives in the rows.
  const sopSweep = startSopReviewSweep({
    db,
    intervalMs: 60_000,
    onError: (e) => logger.error({ err: e }, 'SOP review sweep failed'),
    onReminded: (r) => logger.info({ reminders: r }, 'SOP owners reminded: reviews due'),
  });

  // Gateway heartbeats older than their retention go hourly, in bounded batches.
  const heartbeatRetention = startHeartbeatRetention({
    db,
    intervalMs: 3_600_000,
    onError: (e) => logger.error({ err: e }, 'gateway heartbeat retention failed'),
    onPruned: (rows) => logger.info({ rows }, 'old gateway heartbeats pruned'),
  });

  return {
    stop: async () => {
      await criticalSweep.stop().catch(() => undefined);
      await heartbeatRetention.stop().catch(() => undefined);
      await monitorSweep.stop().catch(() => undefined);
      // Refusals and arrivals noted in the background are written before the pool closes.
      await Promise.all([refusalsSettled(), arrivalsSettled()]).catch(() => undefined);
      await sopSweep.stop().catch(() => undefined);
    },
  };
}
