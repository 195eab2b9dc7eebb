import fs from 'node:fs';
import pino, { type Logger } from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config, type NodeRole } from './config';
import { bootstrapAdmin, seedDemo, seedSampleStudies } from './modules/demo';
import { openDatabase } from './platform/database';
import type { Db } from './platform/db';
import { startRealtime } from './platform/realtime';
import { startJobs } from './platform/jobs';
import type { ObjectStorage } from './platform/storage';
import { openStorage } from './platform/openStorage';
import { checkRecentObjects, recoverStaging } from './modules/ingest';
import { unwireTaskEvents, wireTaskEvents } from './modules/realtime';
import { reportReleaseQueue } from './modules/reports';
import { createEmailQueue, unwireNotifications, wireNotifications } from './modules/notifications';
import { seedDemoGateway } from './modules/gateways';
import { CadModelError, startCadRunner } from './modules/cadRunner';
import { banner } from './startup/banner';
import { wireModuleHooks } from './startup/moduleHooks';
import { startDoors } from './startup/doors';
import { cronJobs, deliverySettingsOf, startWorkerRole } from './startup/workerRole';

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
  const has = (role: NodeRole) => config.roles.includes(role);
  const logger = pino({ level: config.logLevel });
  logger.info({ roles: config.roles }, 'Starting the roles of this node');
  fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (m) => logger.info(m),
  });

  // Live events: every node publishes (NOTIFY); a realtime node also holds the one LISTEN
  // connection that feeds its WebSockets, so NOTIFY fans out to every realtime node.
  const rtLog = logger.child({ component: 'realtime' });
  const realtime = await startRealtime({
    url: database.url,
    listen: has('realtime'),
    log: {
      info: (m) => rtLog.info(m),
      warn: (m) => rtLog.warn(m),
      error: (m) => rtLog.error(m),
    },
  });
  wireTaskEvents(realtime, database.db, rtLog);

  const storage = openStorage(config.dataDir, config.storage);
  // Every node produces jobs in its writes' transactions; only a worker node works them.
  const boss = await startJobs(
    database.url,
    cronJobs({ config, db: database.db, storage, logger }),
    (e) => logger.error({ err: e }, 'job queue error'),
    { work: has('worker') },
  );
  // Releasing a report enqueues `report.released` (delivery works it) in the same transaction; the
  // queue exists before anything here can release (the demo's sample reads included).
  const reportReleases = await reportReleaseQueue(boss);
  // Modules' hooks into each other (a retake resumes when new images arrive, a clinic's SR is
  // taken as its read, a CAD's objects as results…) belong to every node, whatever its roles.
  wireModuleHooks({});

  // Staging files are written by the doors that take objects (HTTP and DIMSE).
  const ingests = has('http') || has('dimse');
  if (ingests) {
    const recovered = await recoverStaging(database.db, storage);
    if (recovered.restored.length || recovered.discarded)
      logger.warn(
        { restored: recovered.restored, discarded: recovered.discarded },
        'Settled the staging files left by the last run',
      );
  }
  // After a power cut, the last objects stored are the ones a filesystem could lose (ADR 0004).
  const recentObjects = ingests ? await checkRecentObjects(database.db, storage) : undefined;
  if (recentObjects?.missing.length)
    logger.error(
      { checked: recentObjects.checked, missing: recentObjects.missing },
      'Index rows name stored objects that are missing or of another size',
    );
  // The centre's own CAD model, when configured, runs on worker nodes (CPU work beside the
  // sweeps): checked before anything is read, so a bad model refuses the boot; started before
  // the demo's sample studies and the worklist, so every new read queues its run.
  const cadRunner =
    config.cadRunner && has('worker')
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

  // The organisation is seeded by a worker node: one kind of node does the one-off work.
  if (has('worker')) await seedOrBootstrap(config, database.db, storage, reportReleases, logger);

  // Notifications are pushed live (a NOTIFY in their own transaction) and, when SMTP is set,
  // e-mailed through a durable queue whose jobs commit with them: every node queues them.
  if (config.smtp) await createEmailQueue(boss);
  wireNotifications({ ...(config.smtp ? { boss } : {}), publicUrl: config.publicUrl });

  const worker = has('worker')
    ? await startWorkerRole({ config, db: database.db, storage, boss, logger })
    : undefined;

  const app = has('http')
    ? await buildApp({
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
        delivery: deliverySettingsOf(config),
        recentObjects,
        httpLimits: config.doors.http,
        roles: config.roles,
        ...(has('worker') ? { workerQueues: boss } : {}),
      })
    : undefined;
  // DICOM listens before HTTP, so a healthy /api/health means both doors are open.
  const doors = has('dimse')
    ? await startDoors({ config, db: database.db, storage, logger })
    : undefined;
  if (app) await app.listen({ port: config.http.port, host: config.http.host });
  const shown = config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
  banner(config, app ? `http://${shown}:${config.http.port}/` : undefined, doors?.dicom);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Stopping');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await app?.close().catch(() => undefined);
    await doors?.hl7?.close().catch(() => undefined);
    await worker?.stop();
    await cadRunner?.stop().catch(() => undefined);
    unwireNotifications();
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

/** Seeds the demo organisation (demo mode) or bootstraps the first admin account. */
async function seedOrBootstrap(
  config: Config,
  db: Db,
  storage: ObjectStorage,
  reportReleases: Awaited<ReturnType<typeof reportReleaseQueue>>,
  logger: Logger,
): Promise<void> {
  if (config.demo) {
    // Centres seeded now stay open for the first day, so the walk-through works at any hour.
    const { created } = await seedDemo(db, { openFrom: new Date() });
    logger.info(
      { created: created.length },
      created.length
        ? 'Seeded the demo organisation'
        : 'Demo organisation already present; kept as is',
    );
    const beats = await seedDemoGateway(db, 'DEMO1');
    if (beats) logger.info({ heartbeats: beats }, 'Gave the DEMO1 gateway its heartbeat history');
    if (config.demoStudies) {
      const n = await seedSampleStudies(db, storage, reportReleases);
      if (n) logger.info({ instances: n }, 'Stored sample studies for the demo clinics');
    }
  } else {
    const boot = await bootstrapAdmin(db, config.adminPassword);
    if (boot?.generatedPassword) {
      console.log(
        `\nFirst start: created account "admin" with password ${boot.generatedPassword}\nIt is shown this once. Sign in and change it.\n`,
      );
    }
  }
}

main().catch((e) => {
  console.error('Telerad failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
