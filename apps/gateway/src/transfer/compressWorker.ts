import { parentPort } from 'node:worker_threads';
import type { CompressionMode } from './config';
import { loadCodecs, prepareSync, type Prepared } from './compress';

/**
 * The compression thread (compressThread.ts): encodes pixel data away from the event loop, which
 * the gateway's DICOM receiver shares, so a local C-STORE is acknowledged just as fast while a
 * 20 MB radiograph is being compressed. One request at a time, in order.
 */
export interface CompressRequest {
  id: number;
  file: Uint8Array;
  mode: CompressionMode;
  gzipFallback: boolean;
}

/** The prepared instance, or why preparing failed. */
export type CompressReply =
  ({ id: number } & Omit<Prepared, 'body'> & { body: Uint8Array }) | { id: number; error: string };

parentPort?.on('message', (req: CompressRequest) => {
  void (async () => {
    let reply: CompressReply;
    try {
      const codecs =
        req.mode === 'jpeg-ls' || req.mode === 'htj2k' ? await loadCodecs() : undefined;
      const file = Buffer.from(req.file.buffer, req.file.byteOffset, req.file.byteLength);
      reply = { id: req.id, ...prepareSync(codecs, file, req.mode, req.gzipFallback) };
    } catch (e) {
      reply = { id: req.id, error: (e as Error).message };
    }
    parentPort!.postMessage(reply);
  })();
});
