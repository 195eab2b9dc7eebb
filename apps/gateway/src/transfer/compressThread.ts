import { Worker } from 'node:worker_threads';
import type { CompressionMode } from './config';
import type { Prepared } from './compress';
import type { CompressReply, CompressRequest } from './compressWorker';

/**
 * Compression on its own thread: JPEG-LS of a 16-bit radiograph takes hundreds of milliseconds,
 * which on the event loop would delay every local acknowledgement. One worker, started on first
 * use; requests queue in its port, in order. When it dies, what it held fails and the next
 * request starts a new one.
 */
export class CompressThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (p: Prepared) => void; reject: (e: Error) => void }
  >();

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.worker = undefined;
  }

  private start(): Worker {
    // The thread runs the TypeScript sources as the gateway does (node --import tsx).
    const w = new Worker(new URL('./compressWorker.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
    });
    w.unref();
    w.on('message', (reply: CompressReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if ('error' in reply) p.reject(new Error(reply.error));
      else
        p.resolve({
          ...reply,
          body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength),
        });
      if (!this.pending.size) w.unref();
    });
    w.on('error', (e) => this.failAll(e));
    w.on('exit', () => this.failAll(new Error('the compression thread stopped')));
    return w;
  }

  /** Prepares `file` for the wire on the compression thread. */
  prepare(file: Buffer, mode: CompressionMode, gzipFallback: boolean): Promise<Prepared> {
    this.worker ??= this.start();
    const w = this.worker;
    const id = this.nextId++;
    return new Promise<Prepared>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      const req: CompressRequest = { id, file, mode, gzipFallback };
      w.postMessage(req);
    });
  }

  /** Ends the thread (what it held fails). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
