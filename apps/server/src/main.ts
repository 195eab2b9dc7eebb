import fs from 'node:fs';
import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import {
  bootstrapAdmin,
  DEMO_ACCOUNTS,
  DEMO_OPEN_HOURS,
  DEMO_OPEN_LABEL,
  DEMO_PASSWORD,
  seedDemo,
  seedSampleStudies,
} from './modules/demo';
import { purgeExpiredSessions } from './modules/auth';
import { startDimseServer, type DimseListener } from './modules/dimse';
import { startHl7Listener } from './modules/hl7';
import { openDatabase } from './platform/database';
import { startRealtime } from './platform/realtime';
import { startJobs } from './platform/jobs';
import { filesystemStorage } from './platform/storage';
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
import { startCriticalSweep } from './modules/critical';
import {
  arrivalsSettled,
  onArrivalWriteError,
  onRefusalWriteError,
  refusalsSettled,
  startMonitorSweep,
} from './modules/monitor';
import { startEmailWorker, unwireNotifications, wireNotifications } from './modules/notifications';
import { scheduleDigests } from './modules/digest';
import { startSopReviewSweep } from './modules/sops';
import { seedDemoGateway, startHeartbeatRetention } from './modules/gateways';

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

function banner(config: Config, url: string, dicom: DimseListener): void {
  const line = '─'.repeat(72);
  console.log(`\n${line}\n Telerad is running at ${url}\n`);
  if (config.demo) {
    console.log(' DEMO MODE — sample organisation and shared passwords. Not for production.\n');
    console.log(` Accounts (password "${DEMO_PASSWORD}" for all, MFA not enforced):`);
    for (const a of DEMO_ACCOUNTS)
      console.log(
        `   ${a.username.padEnd(13)} ${a.roles.join(', ')}${a.clinics ? ` (clinic ${a.clinics.join(', ')})` : ''}`,
      );
    console.log(
      `\n DICOM: AE title ${config.dicom.aeTitle} on port ${dicom.port}${config.dicom.tls ? ' (TLS)' : ''}; demo clinics send as calling AE DEMO1 or DEMO2,`,
    );
    console.log(
      `   e.g. storescu -aet DEMO1 -aec ${config.dicom.aeTitle} localhost ${dicom.port} file.dcm`,
    );
    if (config.demoStudies)
      console.log(
        ' Sample chest X-rays are in the archive (Studies); TELERAD_DEMO_STUDIES=0 skips them.',
      );
    console.log(
      ` Both centres are open around the clock for the first ${DEMO_OPEN_HOURS} hours after the demo was
   first seeded (exception "${DEMO_OPEN_LABEL}" under Centres), so tasks can be read at
   any hour; after that their service hours route the work.`,
    );
  }
  console.log(`\n Data directory: ${config.dataDir}\n${line}\n`);
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

  const storage = filesystemStorage(config.dataDir);
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

  // Critical alerts nobody at the clinic acknowledged escalate to its assistants, then to the
  // centre's supervisors; the level lives in the rows, so a restart resumes where it stopped.
  const criticalSweep = startCriticalSweep({
    db: database.db,
    intervalMs: 5000,
    onError: (e) => logger.error({ err: e }, 'critical result sweep failed'),
    onEscalated: (steps) => logger.warn({ steps }, 'critical results escalated: not acknowledged'),
  });

  // Network alerts (a clinic silent in its working hours, a gateway queue growing) and the
  // refusals' retention; the open alerts live in the rows, so several processes may sweep.
  onRefusalWriteError((e) => logger.warn({ err: e }, 'inbound refusal not recorded'));
  onArrivalWriteError((e) => logger.warn({ err: e }, 'last study received not recorded'));
  const monitorSweep = startMonitorSweep({
    db: database.db,
    intervalMs: 60_000,
    onError: (e) => logger.error({ err: e }, 'network monitor sweep failed'),
    onChanged: (r) => logger.warn(r, 'network alerts changed'),
  });

  // SOP owners are told once per version when its review falls due; the claim lives in the rows.
  const sopSweep = startSopReviewSweep({
    db: database.db,
    intervalMs: 60_000,
    onError: (e) => logger.error({ err: e }, 'SOP review sweep failed'),
    onReminded: (r) => logger.info({ reminders: r }, 'SOP owners reminded: reviews due'),
  });

  // Gateway heartbeats older than their retention go hourly, in bounded batches.
  const heartbeatRetention = startHeartbeatRetention({
    db: database.db,
    intervalMs: 3_600_000,
    onError: (e) => logger.error({ err: e }, 'gateway heartbeat retention failed'),
    onPruned: (rows) => logger.info({ rows }, 'old gateway heartbeats pruned'),
  });

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
  const dicom = await startDimseServer({
    db: database.db,
    storage,
    ingest: {
      db: database.db,
      storage,
      minFreeBytes: config.archive.minFreeBytes,
      maxObjectBytes: config.archive.maxObjectBytes,
    },
    aeTitle: config.dicom.aeTitle,
    port: config.dicom.port,
    limits: config.doors.dicom,
    tls: config.dicom.tls && {
      cert: fs.readFileSync(config.dicom.tls.certPath),
      key: fs.readFileSync(config.dicom.tls.keyPath),
    },
    logger,
  });
  const hl7 =
    config.hl7.port === undefined
      ? undefined
      : await startHl7Listener({
          db: database.db,
          logger,
          port: config.hl7.port,
          limits: {
            idleMs: config.hl7.idleMs,
            connectionsPerAddress: config.hl7.connectionsPerAddress,
          },
        });
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
    await taskSweep.stop().catch(() => undefined);
    await criticalSweep.stop().catch(() => undefined);
    await heartbeatRetention.stop().catch(() => undefined);
    await monitorSweep.stop().catch(() => undefined);
    // Refusals and arrivals noted in the background are written before the pool closes.
    await Promise.all([refusalsSettled(), arrivalsSettled()]).catch(() => undefined);
    await sopSweep.stop().catch(() => undefined);
    await digests?.stop().catch(() => undefined);
    await mail?.stop().catch(() => undefined);
    unwireNotifications();
    await releases.stop().catch(() => undefined);
    await deliverySweep.stop().catch(() => undefined);
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
