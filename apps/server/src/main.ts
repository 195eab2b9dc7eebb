import fs from 'node:fs';
import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { bootstrapAdmin, seedDemo, seedSampleStudies } from './modules/demo';
import { purgeExpiredSessions } from './modules/auth';
import { openDatabase } from './platform/database';
import { startRealtime } from './platform/realtime';
import { startJobs } from './platform/jobs';
import { openStorage } from './platform/openStorage';
import { checkRecentObjects, recoverStaging, startStabilityWatcher } from './modules/ingest';
import { sweepUploads } from './modules/upload';
import { startStudyIntake, startTaskSweep } from './modules/worklist';
import { unwireTaskEvents, wireTaskEvents } from './modules/realtime';
import { reportReleaseQueue, wireRetakes } from './modules/reports';
import {
  startDeliverySweep,
  startReleaseConsumer,
  type DeliveryDeps,
  type DeliverySettings,
} from './modules/delivery';
import { startEmailWorker, unwireNotifications, wireNotifications } from './modules/notifications';
import { scheduleDigests } from './modules/digest';
import { seedDemoGateway } from './modules/gateways';
import { CadModelError, startCadRunner } from './modules/cadRunner';
import { startCadForwarding } from './modules/cad';
import { banner } from './startup/banner';
import { startDoors } from './startup/doors';
import { startPeriodicWork } from './startup/periodicWork';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = pino({ level: config.logLevel });
  fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (m) => logger.info(m),
  });

  // Live events: one LISTEN connection per process; NOTIFY fans out to every process.
  const rtLog = logger.child({ component: 'realtime' });
  const realtime = await startRealtime({
    url: database.url,
    log: {
      info: (m) => rtLog.info(m),
      warn: (m) => rtLog.warn(m),
      error: (m) => rtLog.error(m),
    },
  });
  wireTaskEvents(realtime, database.db, rtLog);

  const storage = openStorage(config.dataDir, config.storage);
  const boss = await startJobs(
    database.url,
    [
      {
        name: 'sessions-purge',
        cron: '*/15 * * * *',
        run: async () => void (await purgeExpiredSessions(database.db)),
      },
      {
        // Browser uploads left open: complete files are ingested again (never dropped), half-sent
        // ones past their expiry go and their rows say so.
        name: 'uploads-expire',
        cron: '7 * * * *',
        run: async () => {
          const swept = await sweepUploads({
            db: database.db,
            dataDir: config.dataDir,
            ingest: {
              db: database.db,
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
    ],
    (e) => logger.error({ err: e }, 'job queue error'),
  );
  // Releasing a report enqueues `report.released` (delivery works it) in the same transaction; the
  // queue exists before anything here can release (the demo's sample reads included).
  const reportReleases = await reportReleaseQueue(boss);
  // Reads held for a retake resume when the stable-study path sees new images.
  wireRetakes();

  // The centre's own CAD model, when configured: checked before anything is read, so a bad
  // model refuses the boot; started before the demo's sample studies and the worklist, so
  // every new read queues its run.
  const cadRunner = config.cadRunner
    ? await startCadRunner({
        db: database.db,
        boss,
        storage,
        settings: config.cadRunner,
        log: logger.child({ component: 'cad-runner' }),
      }).catch((e: unknown) => {
        if (e instanceof CadModelError) {
          console.error(`Invalid configuration:\n  - ${e.message}`);
          process.exit(2);
        }
        throw e;
      })
    : null;

  const recovered = await recoverStaging(database.db, storage);
  if (recovered.restored.length || recovered.discarded)
    logger.warn(
      { restored: recovered.restored, discarded: recovered.discarded },
      'Settled the staging files left by the last run',
    );
  // After a power cut, the last objects stored are the ones a filesystem could lose (ADR 0004).
  const recentObjects = await checkRecentObjects(database.db, storage);
  if (recentObjects.missing.length)
    logger.error(
      { checked: recentObjects.checked, missing: recentObjects.missing },
      'Index rows name stored objects that are missing or of another size',
    );
  if (config.demo) {
    // Centres seeded now stay open for the first day, so the walk-through works at any hour.
    const { created } = await seedDemo(database.db, { openFrom: new Date() });
    logger.info(
      { created: created.length },
      created.length
        ? 'Seeded the demo organisation'
        : 'Demo organisation already present; kept as is',
    );
    const beats = await seedDemoGateway(database.db, 'DEMO1');
    if (beats) logger.info({ heartbeats: beats }, 'Gave the DEMO1 gateway its heartbeat history');
    if (config.demoStudies) {
      const n = await seedSampleStudies(database.db, storage, reportReleases);
      if (n) logger.info({ instances: n }, 'Stored sample studies for the demo clinics');
    }
  } else {
    const boot = await bootstrapAdmin(database.db, config.adminPassword);
    if (boot?.generatedPassword) {
      console.log(
        `\nFirst start: created account "admin" with password ${boot.generatedPassword}\nIt is shown this once. Sign in and change it.\n`,
      );
    }
  }

  // Notifications are pushed live (a NOTIFY in their own transaction) and, when SMTP is set,
  // e-mailed through a durable queue whose jobs commit with them.
  const mail = config.smtp
    ? await startEmailWorker({
        boss,
        smtp: config.smtp,
        log: logger.child({ component: 'mail' }),
      })
    : null;
  wireNotifications({ ...(config.smtp ? { boss } : {}), publicUrl: config.publicUrl });
  // Clinic managers' daily digest, at 07:00 by their clock, once a day: only with SMTP.
  const digests = config.smtp
    ? await scheduleDigests({
        db: database.db,
        boss,
        publicUrl: config.publicUrl,
        log: logger.child({ component: 'digest' }),
      })
    : null;

  // Delivery: each released version goes to the portal (PDF), the clinic PACS (C-STORE) and its
  // webhook; failed attempts are retried with backoff by the sweep.
  const deliverySettings: DeliverySettings = {
    maxAttempts: config.delivery.maxAttempts,
    retryBaseSeconds: config.delivery.retrySeconds,
    retryMaxSeconds: 3600,
    callingAe: config.dicom.aeTitle,
    publicUrl: config.publicUrl,
  };
  const deliveryDeps: DeliveryDeps = {
    db: database.db,
    storage,
    log: logger.child({ component: 'delivery' }),
    settings: deliverySettings,
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
    db: database.db,
    boss,
    log: logger.child({ component: 'worklist' }),
  });
  const stability = await startStabilityWatcher({
    db: database.db,
    boss,
    quietSeconds: config.archive.stableSeconds,
    // The sweep is one indexed UPDATE; sweeping often keeps arrival-to-worklist well under 1 s.
    intervalMs: Math.min(250, config.archive.stableSeconds * 250),
    onStable: worklist.onStable,
    onError: (e) => logger.error({ err: e }, 'stability sweep failed'),
  });

  const taskSweep = startTaskSweep({
    db: database.db,
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

  const periodicWork = startPeriodicWork({ db: database.db, logger });

  const app = await buildApp({
    config,
    db: database.db,
    storage,
    logger: logger.child({ component: 'http' }),
    claimTimeoutSeconds: config.worklist.claimTimeoutSeconds,
    jobs: boss,
    realtime,
    realtimeRecheckMs: config.realtimeRecheckSeconds * 1000,
    publicUrl: config.publicUrl,
    publicUrlSetting: config.publicUrlSetting,
    delivery: deliverySettings,
    recentObjects,
    httpLimits: config.doors.http,
  });
  // DICOM listens before HTTP, so a healthy /api/health means both doors are open.
  const { dicom, hl7 } = await startDoors({ config, db: database.db, storage, logger });
  await app.listen({ port: config.http.port, host: config.http.host });
  const shown = config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
  banner(config, `http://${shown}:${config.http.port}/`, dicom);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Stopping');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await app.close().catch(() => undefined);
    await hl7?.close().catch(() => undefined);
    await stability.stop().catch(() => undefined);
    await worklist.stop().catch(() => undefined);
    await cadRunner?.stop().catch(() => undefined);
    await taskSweep.stop().catch(() => undefined);
    await periodicWork.stop();
    await digests?.stop().catch(() => undefined);
    await mail?.stop().catch(() => undefined);
    unwireNotifications();
    await releases.stop().catch(() => undefined);
    await deliverySweep.stop().catch(() => undefined);
    await cadForwarding.stop().catch(() => undefined);
    await boss.stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
    unwireTaskEvents();
    await realtime.stop().catch(() => undefined);
    await database.close().catch((e) => logger.error({ err: e }, 'database close failed'));
    logger.info('Stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e) => {
  console.error('Telerad failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
