import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db';
import type { StudyStableEvent } from '../ingest';
import { logPrimaryRead, startStableStudyConsumer } from './consumer';
import { startStableStudyReconciler } from './reconcile';
import { createPrimaryReadTask } from './tasks';

/** The worklist's side of the stable-study hand-off, started by `startStudyIntake`. */
export interface StudyIntake {
  /**
   * The fast path, for the stability watcher to call after its sweep commits: creates each
   * study's primary read at once instead of waiting for the queue's next poll. It never throws;
   * a failure is logged and left to the queued job, which is the durable path.
   */
  onStable(events: readonly StudyStableEvent[]): void;
  stop(): Promise<void>;
}

/**
 * Starts everything that turns stable studies into primary reads: the `study.stable` consumer
 * (durable path), the fast path (`onStable`) and the reconciliation sweep that repairs any
 * hand-off missed all the same. All three create tasks through `createPrimaryReadTask`, which is
 * idempotent, so the same study arriving by two paths still gets one task.
 */
export async function startStudyIntake(opts: {
  db: Db;
  boss: PgBoss;
  log: Logger;
  /** How often the reconciliation sweep runs; 5 s, as the task sweep, unless given. */
  reconcileIntervalMs?: number;
}): Promise<StudyIntake> {
  const consumer = await startStableStudyConsumer(opts);
  const reconciler = startStableStudyReconciler({
    db: opts.db,
    log: opts.log,
    intervalMs: opts.reconcileIntervalMs ?? 5000,
  });
  return {
    onStable: (events) => {
      for (const e of events) {
        const log = opts.log.child({ studyId: e.studyId, studyUid: e.studyUid });
        log.info({ instances: e.numInstances }, 'study stable');
        createPrimaryReadTask(opts.db, e, new Date())
          .then((r) => logPrimaryRead(log, r))
          .catch((err: unknown) =>
            log.warn({ err }, 'fast-path task creation failed; the queued job will retry'),
          );
      }
    },
    stop: async () => {
      await reconciler.stop();
      await consumer.stop();
    },
  };
}
