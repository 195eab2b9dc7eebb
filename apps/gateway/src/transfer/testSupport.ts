import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayQueue, Priority, QueueItem, QueueStats } from '../queue/types';

/**
 * Test helpers of the transfer module (imported from its tests only): an in-memory queue,
 * recording stats and a proxy that can cut the link.
 */

/** A file to enqueue: where it is and its identity (as the receiver would have parsed it). */
export interface Received {
  path: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  transferSyntaxUid: string;
  sopClassUid?: string;
}

/**
 * An in-memory {@link GatewayQueue} over files in a temp directory, with the semantics the
 * transfer loop relies on: urgent first then oldest, `fail` counts and defers, `whenReady` wakes
 * on an enqueue or when a deferred item comes due.
 */
export class MemoryQueue implements GatewayQueue {
  readonly items = new Map<string, QueueItem>();
  readonly completed: string[] = [];
  private wakers: (() => void)[] = [];
  private seq = 0;

  /** Adds `file` as a new item; answers its id. */
  enqueue(file: Received, priority: Priority = 'routine'): string {
    const bytes = fs.readFileSync(file.path);
    const id = `${file.sopInstanceUid}-${++this.seq}`;
    this.items.set(id, {
      id,
      path: file.path,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sopInstanceUid: file.sopInstanceUid,
      sopClassUid: file.sopClassUid ?? '1.2.840.10008.5.1.4.1.1.1.1',
      studyInstanceUid: file.studyInstanceUid,
      transferSyntaxUid: file.transferSyntaxUid,
      priority,
      enqueuedAt: Date.now() + this.seq / 1000,
      attempts: 0,
      notBefore: 0,
      lastError: null,
    });
    this.wake();
    return id;
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    for (const f of w) f();
  }

  async ready(limit: number, now = Date.now()): Promise<QueueItem[]> {
    return [...this.items.values()]
      .filter((i) => i.notBefore <= now)
      .sort(
        (a, b) =>
          Number(b.priority === 'urgent') - Number(a.priority === 'urgent') ||
          a.enqueuedAt - b.enqueuedAt,
      )
      .slice(0, limit)
      .map((i) => ({ ...i }));
  }

  async complete(id: string): Promise<void> {
    if (this.items.delete(id)) this.completed.push(id);
  }

  async fail(id: string, error: string, notBefore: number): Promise<void> {
    const i = this.items.get(id);
    if (!i) return;
    i.attempts++;
    i.lastError = error;
    i.notBefore = notBefore;
  }

  async stats(): Promise<QueueStats> {
    const all = [...this.items.values()];
    return {
      depth: all.length,
      bytes: all.reduce((n, i) => n + i.bytes, 0),
      urgent: all.filter((i) => i.priority === 'urgent').length,
      oldestAt: all.length ? Math.min(...all.map((i) => i.enqueuedAt)) : null,
    };
  }

  whenReady(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const all = [...this.items.values()];
    if (all.some((i) => i.notBefore <= now)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const due = Math.min(...all.map((i) => i.notBefore));
      const timer = Number.isFinite(due) ? setTimeout(resolve, due - now) : undefined;
      this.wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      });
    });
  }

  /** Resolves once the queue is empty (or rejects after `ms`). */
  async drained(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.items.size) {
      if (Date.now() > until)
        throw new Error(
          `queue not drained: ${[...this.items.values()].map((i) => i.lastError).join('; ')}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Stats that keep what the loop reported, for assertions. */
export class RecordingStats {
  wireBytes = 0;
  originalBytes = 0;
  successes = 0;
  kbps: number | null = null;
  recordSent(wire: number, original: number): void {
    this.wireBytes += wire;
    this.originalBytes += original;
  }
  recordSuccess(): void {
    this.successes++;
  }
  recordLinkKbps(kbps: number): void {
    this.kbps = kbps;
  }
}

/** One request the proxy passed on. */
export interface ProxiedRequest {
  method: string;
  path: string;
  uploadOffset: number | null;
  status?: number;
}

/**
 * A real HTTP hop between the gateway and the centre that records every request and can cut
 * the link: `cutPatchAt(n)` destroys both sockets once the tus PATCH carrying file offset n has
 * passed the bytes before it, as a dropped clinic link does mid-file.
 */
export async function linkProxy(target: string, port = 0) {
  const log: ProxiedRequest[] = [];
  let cutAt: number | undefined;
  const server = http.createServer((req, res) => {
    const entry: ProxiedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      uploadOffset: req.headers['upload-offset'] ? Number(req.headers['upload-offset']) : null,
    };
    log.push(entry);
    const upstream = http.request(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers },
      (up) => {
        entry.status = up.statusCode;
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    // The PATCH whose range holds the cut offset loses the link that many bytes in.
    const length = Number(req.headers['content-length'] ?? 0);
    const off = entry.uploadOffset;
    let cut =
      req.method === 'PATCH' &&
      cutAt !== undefined &&
      off !== null &&
      off <= cutAt &&
      cutAt < off + length
        ? cutAt - off
        : undefined;
    if (cut !== undefined) cutAt = undefined;
    req.on('data', (chunk: Buffer) => {
      if (cut === undefined) return void upstream.write(chunk);
      if (cut === Number.NEGATIVE_INFINITY) return;
      const keep = Math.max(0, cut);
      upstream.write(chunk.subarray(0, keep));
      cut -= chunk.length;
      if (cut <= 0) {
        // The link drops: neither side hears from the other again on these connections.
        setTimeout(() => {
          upstream.destroy();
          req.socket.destroy();
        }, 50);
        cut = Number.NEGATIVE_INFINITY;
      }
    });
    req.on('end', () => upstream.end());
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    log,
    cutPatchAt(offset: number) {
      cutAt = offset;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
