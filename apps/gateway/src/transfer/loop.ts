import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { QueueItem } from '../queue/types';
import { backoffDelay } from './backoff';
import { CompressThread } from './compressThread';
import { parseTransferConfig, type TransferConfig } from './config';
import { LinkMeter } from './linkMeter';
import { sendBatch, sendLarge, type JobContext } from './send';
import { TokenBucket } from './throttle';
import { TusState } from './tusState';
import { LinkDown, type SendOutcome, type TransferDeps, type TransferHandle } from './types';
import { describe } from './wire';
import { allowedPriorities } from './windows';

/** While the window allows nothing that is queued, look again this often (ms). */
const WINDOW_RECHECK_MS = 30_000;
/** While the queue has nothing ready, look again this often even if it does not wake us (ms). */
const IDLE_RECHECK_MS = 5_000;

/**
 * The transfer loop: waits for the queue, takes what is ready fresh before each job (so an urgent
 * study that just arrived goes next), keeps `concurrency` jobs in flight, and completes or fails
 * each item by its outcome. An outage (LinkDown) pauses everything with backoff and costs no
 * item an attempt; a refusal of one object waits `permanentRetryMs` and is reported once.
 */
export class TransferLoop implements TransferHandle {
  private readonly cfg: TransferConfig;
  private readonly ctx: JobContext;
  private readonly stopping = new AbortController();
  private readonly inFlight = new Map<Promise<void>, Set<string>>();
  private readonly linkMeter = new LinkMeter();
  private linkFailures = 0;
  private pausedUntil = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: TransferDeps) {
    this.cfg = parseTransferConfig(deps.config);
    const centreUrl = (deps.centreUrl ?? this.cfg.centreUrl)?.replace(/\/+$/, '');
    const dataDir = deps.dataDir ?? this.cfg.stateDir;
    if (!centreUrl) throw new Error('transfer: no centre URL (transfer.centreUrl) is configured');
    if (!dataDir) throw new Error('transfer: no data directory to keep upload state in');
    const token = deps.token;
    this.ctx = {
      cfg: this.cfg,
      centreUrl,
      get token() {
        return typeof token === 'function' ? token() : token;
      },
      compressor: new CompressThread(),
      tus: new TusState(path.join(dataDir, 'transfer', 'tus')),
      meter: {
        bucket: TokenBucket.fromKbps(this.cfg.bandwidthKbps),
        onBytes: (n) => this.linkMeter.add(n),
      },
      stats: deps.stats,
      signal: this.stopping.signal,
    };
  }

  /** Starts the loop (once). */
  start(): this {
    this.running ??= this.run().catch((e: unknown) => {
      this.deps.log.error({ err: describe(e) }, 'transfer loop ended');
    });
    return this;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    await Promise.allSettled(this.inFlight.keys());
    await this.ctx.compressor.close();
  }

  private get busyIds(): Set<string> {
    return new Set([...this.inFlight.values()].flatMap((s) => [...s]));
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  /**
   * Waits for the queue to offer something, or for IDLE_RECHECK_MS: an item deferred by a
   * backoff becomes ready without any enqueue, and the queue need not wake us for it.
   */
  private async waitForQueue(): Promise<void> {
    const done = new AbortController();
    const signal = AbortSignal.any([this.stopping.signal, done.signal]);
    await Promise.race([
      this.deps.queue.whenReady(signal).catch(() => undefined),
      sleep(IDLE_RECHECK_MS, undefined, { signal }).catch(() => undefined),
    ]);
    done.abort();
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const wait = this.pausedUntil - Date.now();
      if (wait > 0) {
        await this.pause(wait);
        continue;
      }
      if (this.inFlight.size >= this.cfg.concurrency) {
        await Promise.race(this.inFlight.keys());
        continue;
      }
      const job = await this.nextJob();
      if (job === 'idle') {
        if (this.inFlight.size) await Promise.race(this.inFlight.keys());
        else await this.waitForQueue();
        continue;
      }
      if (job === 'window') {
        await Promise.race([this.pause(WINDOW_RECHECK_MS), ...this.inFlight.keys()]);
        continue;
      }
      const ids = new Set(job.map((i) => i.id));
      const p: Promise<void> = this.execute(job).finally(() => this.inFlight.delete(p));
      this.inFlight.set(p, ids);
    }
  }

  /** The next job from what is ready now: one large item, or a batch of small ones. */
  private async nextJob(): Promise<QueueItem[] | 'idle' | 'window'> {
    const busy = this.busyIds;
    const limit = this.cfg.batchCount + busy.size;
    const ready = (await this.deps.queue.ready(limit)).filter((i) => !busy.has(i.id));
    if (!ready.length) return 'idle';
    const allowed = allowedPriorities(this.cfg);
    const sendable = ready.filter((i) => allowed.has(i.priority));
    if (!sendable.length) return 'window';
    const first = sendable[0]!;
    if (first.bytes > this.cfg.tusAboveBytes) return [first];
    const batch: QueueItem[] = [];
    let bytes = 0;
    for (const i of sendable) {
      if (i.bytes > this.cfg.tusAboveBytes) continue;
      if (batch.length && bytes + i.bytes > this.cfg.batchBytes) break;
      batch.push(i);
      bytes += i.bytes;
      if (batch.length >= this.cfg.batchCount) break;
    }
    return batch;
  }

  private async execute(items: QueueItem[]): Promise<void> {
    let outcomes: Map<string, SendOutcome>;
    try {
      outcomes =
        items.length === 1 && items[0]!.bytes > this.cfg.tusAboveBytes
          ? await sendLarge(this.ctx, items[0]!)
          : await sendBatch(this.ctx, items);
    } catch (e) {
      if (e instanceof LinkDown) return this.linkDown(e);
      outcomes = new Map(
        items.map((i) => [
          i.id,
          { kind: 'retry', code: 'GATEWAY_SEND_FAILED', message: describe(e) } as SendOutcome,
        ]),
      );
    }
    this.linkFailures = 0;
    const kbps = this.linkMeter.kbps();
    if (kbps !== null) this.deps.stats.recordLinkKbps?.(kbps);
    for (const item of items) await this.settle(item, outcomes.get(item.id));
  }

  private linkDown(e: LinkDown): void {
    if (this.stopping.signal.aborted) return;
    this.linkFailures++;
    const delay = backoffDelay(this.linkFailures, this.cfg.backoffBaseMs, this.cfg.backoffCapMs);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
    // One report per outage, not one per retry.
    if (this.linkFailures === 1) this.deps.errors.push({ code: e.code, message: e.message });
    this.deps.log.warn({ err: e.message, retryInMs: delay }, 'centre unreachable; pausing');
  }

  private async settle(item: QueueItem, outcome: SendOutcome | undefined): Promise<void> {
    const { queue, stats, errors } = this.deps;
    if (outcome?.kind === 'stored') {
      await queue.complete(item.id);
      stats.recordSuccess();
      return;
    }
    const o = outcome ?? { kind: 'retry', code: 'GATEWAY_NO_OUTCOME', message: 'No answer.' };
    const now = Date.now();
    const notBefore =
      o.kind === 'refused'
        ? now + this.cfg.permanentRetryMs
        : now + backoffDelay(item.attempts + 1, this.cfg.backoffBaseMs, this.cfg.backoffCapMs);
    await queue.fail(item.id, `${o.code}: ${o.message}`, notBefore);
    if (o.kind === 'refused' || item.attempts === 0)
      errors.push({ code: o.code, message: `${item.sopInstanceUid}: ${o.message}` });
  }
}
