import type { Db } from '../../platform/db';
import { startPeriodic } from '../../platform/periodic';
import { escalateCriticalResults, type CriticalEscalationStep } from './escalation';

/**
 * Runs the escalation of unacknowledged critical alerts every `intervalMs` (the state lives in
 * the rows, so a restart picks up where the last sweep left off). Returns the stop function.
 */
export function startCriticalSweep(opts: {
  db: Db;
  intervalMs: number;
  onError: (e: unknown) => void;
  onEscalated?: (steps: CriticalEscalationStep[]) => void;
}): { stop(): Promise<void> } {
  return startPeriodic(
    opts.intervalMs,
    async () => {
      const steps = await escalateCriticalResults(opts.db, new Date());
      if (steps.length) opts.onEscalated?.(steps);
    },
    opts.onError,
  );
}
