import { Worker } from 'node:worker_threads';
import { appError, type ErrorCode } from '../../platform/errors';
import type { Transcoded } from './transcoder';
import type { TranscodeReply, TranscodeRequest } from './worker';

/**
 * Transcoding on its own thread: a 2500×2048 JPEG 2000 image takes seconds to decode
 * (bench/transcode.ts), which on the event loop would stall every association and request.
 * One worker, started on first use and kept; requests queue in its message port, in order.
 * When the worker dies, what it had in hand fails and the next request starts a new one.
 */

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (t: Transcoded) => void; reject: (e: unknown) => void }
>();

function failAll(err: unknown): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = undefined;
}

function start(): Worker {
  // The thread runs the TypeScript sources as the server does (node --import tsx).
  const w = new Worker(new URL('./worker.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  w.unref();
  w.on('message', (reply: TranscodeReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if ('error' in reply) {
      const { code, message, details } = reply.error;
      p.reject(
        appError((code as ErrorCode | undefined) ?? 'DICOM_TRANSCODE_FAILED', details, message),
      );
    } else {
      const part10 = Buffer.from(
        reply.part10.buffer,
        reply.part10.byteOffset,
        reply.part10.byteLength,
      );
      p.resolve({ transferSyntaxUid: '', part10, datasetOffset: reply.datasetOffset });
    }
    if (!pending.size) w.unref();
  });
  w.on('error', failAll);
  w.on('exit', () =>
    failAll(appError('DICOM_TRANSCODE_FAILED', undefined, 'The transcoding thread stopped.')),
  );
  return w;
}

/** {@link transcodeSync} on the transcoding thread. */
export function transcodeOffThread(file: Buffer, from: string, to: string): Promise<Transcoded> {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  return new Promise<Transcoded>((resolve, reject) => {
    pending.set(id, {
      resolve: (t) => resolve({ ...t, transferSyntaxUid: to }),
      reject,
    });
    w.ref();
    const req: TranscodeRequest = { id, file, from, to };
    w.postMessage(req);
  });
}
