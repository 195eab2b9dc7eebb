import type { Readable } from 'node:stream';

/**
 * The chunks of `source` as they were pushed, in runs: each step yields every chunk that arrived
 * since the last. `for await` over a Readable reads with `read()`, which joins everything
 * buffered into one new buffer: for a 10 MB object that copies most of it once more, and the
 * external memory that churns keeps garbage collection and peak memory up while receiving. Here
 * no chunk is copied. The source is paused while more than its high-water mark of bytes wait, so
 * backpressure reaches its writer as it would through `read()`.
 *
 * A source that errors, or closes before its end, throws; a consumer that stops early destroys
 * the source.
 */
export async function* chunkRuns(source: Readable): AsyncGenerator<Buffer[]> {
  const limit = Math.max(source.readableHighWaterMark, 1);
  let queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onData = (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= limit) source.pause();
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onError = (err: Error) => {
    failure ??= err;
    wake?.();
  };
  const onClose = () => {
    if (!ended) failure ??= new Error('the stream closed before its end');
    wake?.();
  };
  source.on('data', onData);
  source.once('end', onEnd);
  source.on('error', onError);
  source.once('close', onClose);
  try {
    for (;;) {
      if (failure) throw failure;
      if (queue.length) {
        const run = queue;
        queue = [];
        queued = 0;
        if (source.isPaused() && !ended) source.resume();
        yield run;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('error', onError);
    source.off('close', onClose);
    if (!ended && !source.destroyed) source.destroy();
  }
}
