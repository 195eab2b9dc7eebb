import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../platform/db';
import type { ObjectStorage } from '../platform/storage';
import type { PeriodicJob } from '../platform/jobs';
import { purgeExpiredSessions } from '../modules/auth';
import { startStabilityWatcher } from '../modules/ingest';
import { sweepUploads } from '../modules/upload';
import { startStudyIntake, startTaskSweep } from '../modules/worklist';
import {
  startDeliverySweep,
  startReleaseConsumer,
  type DeliveryDeps,
  type DeliverySettings,
} from '../modules/delivery';
import { startEmailWorker } from '../modules/notifications';
import { startCadForwarding } from '../modules/cad';
import { scheduleDigests } from '../modules/digest';
import { startPeriodicWork } from './periodicWork';

/**
 * The cron jobs pg-boss runs on a worker node. pg-boss keeps one schedule per queue in the
 * database and creates each due job once (its cron monitor is singleton across instances), so
 * several worker nodes run each tick once (docs/adr/0047).
 */
export function cronJobs(opts: {
  config: Config;
  db: Db;
  storage: ObjectStorage;
  logger: Logger;
}): PeriodicJob[] {
  const { config, db, storage, logger } = opts;
  return [
    {
      name: 'sessions-purge',
      cron: '*/15 * * * *',
      run: async () => void (await purgeExpiredSessions(db)),
    },
    {
      // Browser uploads left open: complete files are ingested again (never dropped), half-sent
      // ones past their expiry go and their rows say so.
      name: 'uploads-expire',
      cron: '7 * * * *',
      run: async () => {
        const swept = await sweepUploads({
          db,
          dataDir: config.dataDir,
          ingest: {
            db,
            storage,
            minFreeBytes: config.archive.minFreeBytes,
            maxObjectBytes: config.archive.maxObjectBytes,
          },
        });
        if (swept.stuck.length)
          logger.warn(
            { uploads: swept.stuck },
            'complete uploads still refused by ingest for a passing reason: look at them',
          );
      },
    },
  ];
}

/** The delivery settings every role shares (http retries, the worker's sweep). */
export function deliverySettingsOf(config: Config): DeliverySettings {
  return {
    maxAttempts: config.delivery.maxAttempts,
    retryBaseSeconds: config.delivery.retrySeconds,
    retryMaxSeconds: 3600,
    callingAe: config.dicom.aeTitle,
    publicUrl: config.publicUrl,
  };
}

/**
 * The `worker` role: the job consumers (stable studies, released reports, e-mail, digests) and
 * the sweeps (stability, intake repair, tasks, delivery, critical escalation, network alerts,
 * SOP reviews, heartbeat retention). Each is safe beside the same work on other worker nodes;
 * docs/adr/0047 names the guard of each. `stop` ends them in the order main.ts always used.
 */
export async function startWorkerRole(opts: {
  config: Config;
  db: Db;
  storage: ObjectStorage;
  boss: PgBoss;
  logger: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const { config, db, storage, boss, logger } = opts;
  const mail = config.smtp
    ? await startEmailWorker({ boss, smtp: config.smtp, log: logger.child({ component: 'mail' }) })
    : null;
  // Clinic managers' daily digest, at 07:00 by their clock, once a day: only with SMTP.
  const digests = config.smtp
    ? await scheduleDigests({
        db,
        boss,
        publicUrl: config.publicUrl,
        log: logger.child({ component: 'digest' }),
      })
    : null;

  // Delivery: each released version goes to the portal (PDF), the clinic PACS (C-STORE) and its
  // webhook; failed attempts are retried with backoff by the sweep.
  const deliveryDeps: DeliveryDeps = {
    db,
    storage,
    log: logger.child({ component: 'delivery' }),
    settings: deliverySettingsOf(config),
  };
  const releases = await startReleaseConsumer({ deps: deliveryDeps, boss });
  const deliverySweep = startDeliverySweep({
    deps: deliveryDeps,
    onError: (e) => logger.error({ err: e }, 'delivery sweep failed'),
  });
  // Stable study → its CXR images to each CAD that takes its clinic's studies (docs/adr/0040):
  // the stability sweep enqueues `study.forward` with `study.stable`; retries after backoff.
  const cadForwarding = await startCadForwarding({
    deps: { ...deliveryDeps, log: logger.child({ component: 'cadForward' }) },
    boss,
    onError: (e) => logger.error({ err: e }, 'CAD forward sweep failed'),
  });
  // Stable study → reading task: the watcher marks a study stable and enqueues `study.stable` in
  // one transaction; the worklist works the queue, takes the fast path after each commit, and
  // repairs any hand-off missed all the same.
  const worklist = await startStudyIntake({
    db,
    boss,
    log: logger.child({ component: 'worklist' }),
  });
  const stability = await startStabilityWatcher({
    db,
    boss,
    quietSeconds: config.archive.stableSeconds,
    // The sweep is one indexed UPDATE; sweeping often keeps arrival-to-worklist well under 1 s.
    intervalMs: Math.min(250, config.archive.stableSeconds * 250),
    onStable: worklist.onStable,
    onError: (e) => logger.error({ err: e }, 'stability sweep failed'),
  });

  const taskSweep = startTaskSweep({
    db,
    claimTimeoutSeconds: config.worklist.claimTimeoutSeconds,
    intervalMs: 5000,
    onError: (e) => logger.error({ err: e }, 'task sweep failed'),
    onSwept: (r) => {
      if (r.reevaluated.length)
        logger.warn(
          { taskIds: r.reevaluated },
          'waiting tasks routed again by the sweep: routing inputs were changed without changeRoutingInputs',
        );
    },
  });

  const periodicWork = startPeriodicWork({ db, logger });

  return {
    stop: async () => {
      await stability.stop().catch(() => undefined);
      await worklist.stop().catch(() => undefined);
      await taskSweep.stop().catch(() => undefined);
      await periodicWork.stop();
      await digests?.stop().catch(() => undefined);
      await mail?.stop().catch(() => undefined);
      await releases.stop().catch(() => undefined);
      await deliverySweep.stop().catch(() => undefined);
      await cadForwarding.stop().catch(() => undefined);
    },
  };
}
