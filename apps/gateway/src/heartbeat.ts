import { statfs } from 'node:fs/promises';
import { GatewayHeartbeat } from '@telerad/contracts';
import { centreEndpoint } from './enrol';
import type { Logger } from './log';
import type { GatewayQueue } from './queue/types';
import type { ErrorRing } from './status/errors';
import type { TransferStatsSource } from './status/transferStats';
import { GATEWAY_VERSION } from './version';

/** The outcome of the last heartbeat, for the status page. */
export interface HeartbeatResult {
  at: string;
  ok: boolean;
  /** HTTP status or network error when not ok. */
  error: string | null;
}

/** What the heartbeat reads and where it sends. */
export interface HeartbeatDeps {
  centreUrl: string;
  dataDir: string;
  token: () => string | null;
  queue: GatewayQueue;
  errors: ErrorRing;
  stats: TransferStatsSource;
  log: Logger;
  fetchImpl?: typeof fetch;
}

/** Free bytes for an unprivileged user on the file system of `dir`. */
export async function freeDiskBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Builds and sends heartbeats (`POST /api/gateways/heartbeat`). Errors and sent counts are those
 * since the last heartbeat the centre accepted, so a failed one loses nothing: the next carries
 * them. A failure is logged and recorded, never thrown: reception goes on regardless.
 */
export class Heartbeat {
  last: HeartbeatResult | null = null;
  private errorsSent = 0;
  private sentBase = { instances: 0, bytes: 0 };

  constructor(private readonly deps: HeartbeatDeps) {}

  /** The heartbeat body as of now. */
  async body(): Promise<{ body: GatewayHeartbeat; errorSeq: number }> {
    const { queue, errors, stats, dataDir } = this.deps;
    const q = await queue.stats();
    const t = stats.snapshot();
    const fresh = errors.since(this.errorsSent, 20);
    const body = GatewayHeartbeat.parse({
      version: GATEWAY_VERSION,
      queueDepth: q.depth,
      queueBytes: q.bytes,
      oldestItemAt: iso(q.oldestAt),
      lastSuccessAt: iso(t.lastSuccessAt),
      freeDiskBytes: await freeDiskBytes(dataDir),
      errors: fresh.map(({ at, code, message }) => ({ at, code, message })),
      errorCount: errors.count - this.errorsSent,
      sentInstances: t.sentInstances - this.sentBase.instances,
      sentBytes: t.sentBytes - this.sentBase.bytes,
      linkKbps: t.linkKbps,
      compressionSavedBytes: t.compressionSavedBytes,
    });
    return { body, errorSeq: errors.count };
  }

  /** Sends one heartbeat; resolves with its result whatever happened. */
  async beat(): Promise<HeartbeatResult> {
    const at = new Date().toISOString();
    const token = this.deps.token();
    if (!token) return (this.last = { at, ok: false, error: 'not enrolled' });
    try {
      const { body, errorSeq } = await this.body();
      const url = centreEndpoint(this.deps.centreUrl, '/api/gateways/heartbeat');
      const response = await (this.deps.fetchImpl ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.errorsSent = errorSeq;
      this.sentBase = {
        instances: this.sentBase.instances + body.sentInstances,
        bytes: this.sentBase.bytes + body.sentBytes,
      };
      this.deps.log.info(
        { event: 'heartbeat.sent', queueDepth: body.queueDepth },
        'heartbeat accepted',
      );
      return (this.last = { at, ok: true, error: null });
    } catch (e) {
      const error = (e as Error).message;
      this.deps.errors.push('HEARTBEAT_FAILED', `heartbeat to the centre failed: ${error}`);
      this.deps.log.warn(
        { event: 'heartbeat.failed', err: error },
        'heartbeat failed; retrying next tick',
      );
      return (this.last = { at, ok: false, error });
    }
  }

  /** Beats now and every `seconds` until stopped; ticks never overlap. */
  start(seconds: number): { stop(): void } {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const tick = async () => {
      await this.beat();
      if (!stopped) timer = setTimeout(() => void tick(), seconds * 1000);
    };
    void tick();
    return {
      stop() {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }
}
