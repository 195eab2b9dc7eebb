import type { GatewayConfig } from '../config';
import { readCredentials } from '../credentials';
import { freeDiskBytes } from '../heartbeat';
import { readQueueStats } from '../queue/inspect';
import { countWaitingOrders } from '../worklist/outbox';
import { GATEWAY_VERSION } from '../version';
import { StatusSnapshot } from './snapshot';

/**
 * `telerad-gateway status`: asks the running gateway's status page; when nothing answers, reads
 * the queue directory itself (without changing it) and says the gateway is not running.
 */
export async function readStatus(config: GatewayConfig): Promise<StatusSnapshot> {
  try {
    const response = await fetch(`http://127.0.0.1:${config.statusPort}/status.json`, {
      signal: AbortSignal.timeout(3_000),
    });
    if (response.ok) return StatusSnapshot.parse(await response.json());
  } catch {
    // Nothing listening (or not the gateway): read the disk instead.
  }
  const queue = await readQueueStats(config.dataDir);
  const credentials = await readCredentials(config.dataDir).catch(() => null);
  return {
    running: false,
    version: GATEWAY_VERSION,
    pid: null,
    startedAt: null,
    aeTitle: config.aeTitle,
    port: config.port,
    centreUrl: config.centreUrl,
    enrolled: credentials !== null,
    clinicCode: credentials?.clinicCode ?? null,
    queue: {
      ...queue,
      oldestAt: queue.oldestAt === null ? null : new Date(queue.oldestAt).toISOString(),
    },
    lastSuccessAt: null,
    sentInstances: 0,
    linkKbps: null,
    lastHeartbeat: null,
    freeDiskBytes: await freeDiskBytes(config.dataDir).catch(() => null),
    errorCount: 0,
    orders: { waiting: await countWaitingOrders(config.dataDir), refused: 0 },
    worklist: { items: 0, syncedAt: null, lastSync: null },
    recentErrors: [],
  };
}
