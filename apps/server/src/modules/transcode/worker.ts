import { parentPort } from 'node:worker_threads';
import { loadCodecs, transcodeSync } from './transcoder';

/**
 * The transcoding thread (offThread.ts): decodes and encodes pixel data away from the event
 * loop, which every association and HTTP request shares. One request at a time, in order.
 */
export interface TranscodeRequest {
  id: number;
  file: Uint8Array;
  from: string;
  to: string;
}

/** What the thread answers: the transcoded file, or the error's code, message and details. */
export type TranscodeReply =
  | { id: number; part10: Uint8Array; datasetOffset: number }
  | { id: number; error: { code?: string; message: string; details?: unknown } };

parentPort?.on('message', (req: TranscodeRequest) => {
  void (async () => {
    let reply: TranscodeReply;
    try {
      await loadCodecs();
      const out = transcodeSync(
        Buffer.from(req.file.buffer, req.file.byteOffset, req.file.byteLength),
        req.from,
        req.to,
      );
      reply = { id: req.id, part10: out.part10, datasetOffset: out.datasetOffset };
    } catch (e) {
      const err = e as { code?: string; message: string; details?: unknown };
      reply = { id: req.id, error: { code: err.code, message: err.message, details: err.details } };
    }
    parentPort!.postMessage(reply);
  })();
});
