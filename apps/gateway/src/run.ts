import type { GatewayConfig } from './config';
import { CredentialsWatch } from './credentialsWatch';
import { Heartbeat } from './heartbeat';
import type { Logger } from './log';
import { DiskQueue } from './queue/diskQueue';
import type { GatewayQueue } from './queue/types';
import { startDimse } from './receive/dimse';
import { watchFolder } from './receive/folder';
import { ErrorRing } from './status/errors';
import { startStatusServer } from './status/server';
import type { StatusSnapshot } from './status/snapshot';
import { TransferStats } from './status/transferStats';
import { freeDiskBytes } from './heartbeat';
import { GATEWAY_VERSION } from './version';
import { startTransfer } from './transfer';
import { gatewayWorklist, Outbox, WorklistCache, WorklistSync } from './worklist';
import type { WorklistEntry } from '@telerad/dicom';

/** A started upload loop: `stop` resolves once no send is in flight. */
interface TransferHandle {
  stop(): Promise<void>;
}

/**
 * Starts the upload half (`./transfer/`, docs/adr/0032) once the gateway holds a token. `token`
 * is read at each request, so a rotated token is used from the next request on, with the queue
 * and the loop's work in flight kept.
 */
function startUpload(
  config: GatewayConfig,
  queue: GatewayQueue,
  stats: TransferStats,
  errors: ErrorRing,
  token: () => string,
  log: Logger,
): TransferHandle {
  return startTransfer({
    config: config.transfer,
    queue,
    stats,
    errors: { push: (e) => errors.push(e.code, e.message) },
    token,
    log,
    centreUrl: config.centreUrl,
    dataDir: config.dataDir,
  });
}

/** A running gateway. */
export interface RunningGateway {
  /**
   * The scheduled orders the local modality worklist answers from: the centre's last list (kept
   * on disk) and the orders registered here not yet taken by the centre.
   */
  worklist(): Promise<WorklistEntry[]>;
  /** Graceful stop: refuse new associations, finish durable writes, stop every part. */
  stop(): Promise<void>;
}

/** Starts reception, the queue, the status page, the heartbeat and the transfer loop. */
export async function runGateway(config: GatewayConfig, log: Logger): Promise<RunningGateway> {
  const startedAt = new Date().toISOString();
  const errors = new ErrorRing();
  const stats = new TransferStats();
  const queue = await DiskQueue.open(config.dataDir, log);
  let transfer: TransferHandle | null = null;
  let stopping = false;
  const credentials = await CredentialsWatch.start(config.dataDir, log, (next, previous) => {
    if (previous) {
      log.info({ event: 'gateway.tokenRotated' }, 'new credentials: upload goes on with them');
      return;
    }
    log.info({ event: 'gateway.enrolled', clinicCode: next.clinicCode }, 'enrolled: upload starts');
    if (!stopping) transfer = startUpload(config, queue, stats, errors, token, log);
  });
  const token = () => credentials.current?.token ?? '';
  if (!credentials.current)
    log.warn(
      { event: 'gateway.notEnrolled' },
      'not enrolled: reception runs and queues; heartbeat and upload start once telerad-gateway enrol has run',
    );
  const heartbeat = new Heartbeat({
    centreUrl: config.centreUrl,
    dataDir: config.dataDir,
    token: () => credentials.current?.token ?? null,
    queue,
    errors,
    stats,
    log,
  });

  const cache = await WorklistCache.open(config.dataDir, log);
  const outbox = await Outbox.open(config.dataDir, log);
  const sync = new WorklistSync({
    centreUrl: config.centreUrl,
    token: () => credentials.current?.token ?? null,
    cache,
    outbox,
    errors,
    log,
    intervalSeconds: config.worklistSyncSeconds,
  });
  const worklist = async () => gatewayWorklist(cache, outbox);
  const localOrders = {
    add: async (input: unknown) => {
      const order = await outbox.add(input);
      sync.soon();
      return order;
    },
    waiting: () => outbox.waiting(),
    refused: () => outbox.refused(),
  };

  const snapshot = async (): Promise<StatusSnapshot> => {
    const q = await queue.stats();
    const t = stats.snapshot();
    return {
      running: true,
      version: GATEWAY_VERSION,
      pid: process.pid,
      startedAt,
      aeTitle: config.aeTitle,
      port: config.port,
      centreUrl: config.centreUrl,
      enrolled: credentials.current !== null,
      clinicCode: credentials.current?.clinicCode ?? null,
      queue: { ...q, oldestAt: q.oldestAt === null ? null : new Date(q.oldestAt).toISOString() },
      lastSuccessAt: t.lastSuccessAt === null ? null : new Date(t.lastSuccessAt).toISOString(),
      sentInstances: t.sentInstances,
      linkKbps: t.linkKbps,
      lastHeartbeat: heartbeat.last,
      freeDiskBytes: await freeDiskBytes(config.dataDir).catch(() => null),
      errorCount: errors.count,
      orders: { waiting: outbox.waiting().length, refused: outbox.refused().length },
      worklist: {
        items: (await worklist()).length,
        syncedAt: cache.syncedAt,
        lastSync: sync.last,
      },
      recentErrors: errors.recent(20).map(({ at, code, message }) => ({ at, code, message })),
    };
  };

  const dimse = await startDimse({ config, queue, log, errors, worklist });
  const folder = config.watchFolder
    ? await watchFolder({
        folder: config.watchFolder,
        priority: config.priority,
        queue,
        log,
        errors,
      })
    : null;
  const status = await startStatusServer(config.statusPort, snapshot, log, localOrders);
  const beats = heartbeat.start(config.heartbeatSeconds);
  sync.start();
  if (credentials.current) transfer = startUpload(config, queue, stats, errors, token, log);
  log.info({ event: 'gateway.started', version: GATEWAY_VERSION }, 'gateway started');

  return {
    worklist,
    async stop() {
      log.info({ event: 'gateway.stopping' }, 'stopping');
      await dimse.close();
      await folder?.close();
      stopping = true;
      credentials.stop();
      beats.stop();
      await sync.stop();
      await transfer?.stop();
      await status.close();
      queue.close();
      log.info({ event: 'gateway.stopped' }, 'stopped');
    },
  };
}
