import { mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log';
import { fsyncDir, writeFileDurably } from './durable';
import { recoverQueue, sidecarOf, type Sidecar } from './recovery';
import { StagingWriter, type StagedFile } from './staging';
import type { GatewayQueue, Priority, QueueItem, QueueStats } from './types';

/** What reception knows about a staged instance besides its bytes. */
export interface InstanceFacts {
  sopInstanceUid: string;
  sopClassUid: string;
  studyInstanceUid: string;
  transferSyntaxUid: string;
  priority: Priority;
}

/** How an enqueue ended: a new item, or the same instance with the same bytes already queued. */
export interface Enqueued {
  item: QueueItem;
  duplicate: boolean;
}

/** Queue order: urgent first, then the oldest acknowledgement, then id for a stable order. */
export function compareItems(a: QueueItem, b: QueueItem): number {
  if (a.priority !== b.priority) return a.priority === 'urgent' ? -1 : 1;
  return a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The gateway's durable queue (docs/adr/0031). Each item is two files in `<dataDir>/queue/items`:
 * the Part 10 instance exactly as received (`<id>.dcm`) and its metadata sidecar (`<id>.json`),
 * the sidecar being the commit marker. `enqueue` resolves only once both are fsynced, renamed
 * into place and the directory fsynced: reception acknowledges after that. The index lives in
 * memory and is rebuilt from the directory at start, where half-written files are removed.
 *
 * Must stay true: an item is in the index only when its files are durable; a mutation of one item
 * never overlaps another mutation of the same item.
 */
export class DiskQueue implements GatewayQueue {
  private readonly waiters = new Set<() => void>();
  private readonly pending = new Map<string, Promise<Enqueued>>();
  private readonly locks = new Map<string, Promise<void>>();
  private wakeTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly root: string,
    private readonly items: Map<string, QueueItem>,
    private readonly log: Logger,
  ) {}

  /** Opens (creating if needed) the queue under `dataDir`, recovering what a crash left. */
  static async open(dataDir: string, log: Logger): Promise<DiskQueue> {
    const root = path.join(dataDir, 'queue');
    await mkdir(path.join(root, 'tmp'), { recursive: true });
    await mkdir(path.join(root, 'items'), { recursive: true });
    const { items, removed } = await recoverQueue(root);
    log.info({ event: 'queue.recovered', depth: items.size, removed }, 'queue opened');
    return new DiskQueue(root, items, log);
  }

  private get itemsDir(): string {
    return path.join(this.root, 'items');
  }

  /**
   * A writer staging one instance in `tmp/`; `prefix` goes first (a DIMSE meta header), and
   * `pressure` pauses the source while the writer's buffer is full.
   */
  stage(prefix?: Buffer, pressure?: { pause(): void; resume(): void }): StagingWriter {
    return new StagingWriter(path.join(this.root, 'tmp'), prefix, pressure);
  }

  /**
   * Moves a fully staged (fsynced) file into the queue durably, or drops it when the same SOP
   * Instance with an identical dataset is already queued (whoever sent it, docs/adr/0031). Resolves once it is safe to acknowledge.
   */
  async enqueue(staged: StagedFile, facts: InstanceFacts, now = Date.now()): Promise<Enqueued> {
    const id = `${facts.sopInstanceUid}_${staged.datasetSha256.slice(0, 16)}`;
    const known = this.items.get(id) ?? (await this.pending.get(id))?.item;
    if (known) {
      await unlink(staged.tmpPath).catch(() => undefined);
      return { item: known, duplicate: true };
    }
    const work = this.commit(id, staged, facts, now);
    this.pending.set(id, work);
    try {
      return await work;
    } finally {
      this.pending.delete(id);
    }
  }

  private async commit(
    id: string,
    staged: StagedFile,
    facts: InstanceFacts,
    now: number,
  ): Promise<Enqueued> {
    const item: QueueItem = {
      id,
      path: path.join(this.itemsDir, `${id}.dcm`),
      bytes: staged.bytes,
      sha256: staged.sha256,
      ...facts,
      enqueuedAt: now,
      attempts: 0,
      notBefore: 0,
      lastError: null,
    };
    // Data first, then its sidecar (the commit marker), then one directory fsync for both.
    const sidecar = path.join(this.itemsDir, `${id}.json`);
    await rename(staged.tmpPath, item.path);
    try {
      await writeFileDurably(sidecar, JSON.stringify(sidecarOf(item)), {
        syncDir: false,
        tmpDir: path.join(this.root, 'tmp'),
      });
      await fsyncDir(this.itemsDir);
    } catch (e) {
      // Not acknowledged: leave nothing that a restart would have to clean up.
      await unlink(sidecar).catch(() => undefined);
      await unlink(item.path).catch(() => undefined);
      throw e;
    }
    this.items.set(id, item);
    this.wake();
    return { item, duplicate: false };
  }

  /** Runs `fn` after any earlier mutation of item `id` settled. */
  private async exclusive(id: string, fn: () => Promise<void>): Promise<void> {
    const before = this.locks.get(id) ?? Promise.resolve();
    const run = before.then(fn);
    const settled = run.catch(() => undefined);
    this.locks.set(id, settled);
    try {
      await run;
    } finally {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    }
  }

  async ready(limit: number, now = Date.now()): Promise<QueueItem[]> {
    const out: QueueItem[] = [];
    for (const item of this.items.values()) if (item.notBefore <= now) out.push(item);
    return out
      .sort(compareItems)
      .slice(0, limit)
      .map((i) => ({ ...i }));
  }

  async complete(id: string): Promise<void> {
    await this.exclusive(id, async () => {
      const item = this.items.get(id);
      if (!item) return;
      // The sidecar goes first: without it, recovery treats a left-over .dcm as half-written.
      await unlink(path.join(this.itemsDir, `${id}.json`));
      this.items.delete(id);
      await unlink(item.path).catch(() => undefined);
      await fsyncDir(this.itemsDir);
      this.log.debug({ event: 'queue.completed', id }, 'item sent and removed');
    });
  }

  async fail(id: string, error: string, notBefore: number): Promise<void> {
    await this.exclusive(id, async () => {
      const item = this.items.get(id);
      if (!item) return;
      const next = {
        ...item,
        attempts: item.attempts + 1,
        notBefore,
        lastError: error.slice(0, 500),
      };
      await writeFileDurably(
        path.join(this.itemsDir, `${id}.json`),
        JSON.stringify(sidecarOf(next)),
        {
          tmpDir: path.join(this.root, 'tmp'),
        },
      );
      this.items.set(id, next);
      this.scheduleWake();
    });
  }

  async stats(): Promise<QueueStats> {
    let bytes = 0;
    let urgent = 0;
    let oldestAt: number | null = null;
    for (const item of this.items.values()) {
      bytes += item.bytes;
      if (item.priority === 'urgent') urgent++;
      if (oldestAt === null || item.enqueuedAt < oldestAt) oldestAt = item.enqueuedAt;
    }
    return { depth: this.items.size, bytes, urgent, oldestAt };
  }

  whenReady(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    for (const item of this.items.values()) if (item.notBefore <= now) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.delete(waiter);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
      this.scheduleWake();
    });
  }

  /** Wakes every waiter (an item became ready). */
  private wake(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const w of waiting) w();
  }

  /** Wakes the waiters when the earliest deferred item becomes ready. */
  private scheduleWake(): void {
    if (!this.waiters.size) return;
    let earliest = Infinity;
    for (const item of this.items.values()) earliest = Math.min(earliest, item.notBefore);
    if (earliest === Infinity) return;
    clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => this.wake(), Math.max(0, earliest - Date.now()));
    this.wakeTimer.unref();
  }

  /** Stops the wake timer (at shutdown). */
  close(): void {
    clearTimeout(this.wakeTimer);
  }
}

export type { Sidecar };
