import { Transform, type TransformCallback } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A token bucket shared by every request the gateway sends (RFC 2697's single-rate bucket,
 * without colours): tokens are bytes, refilled at `rate` bytes/s up to `burst`. A request body
 * streams through {@link ThrottledStream}, which takes tokens before it passes bytes on, so all
 * uploads together stay under the configured kbit/s and leave the clinic the rest of its link.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Waiters in order, so one big request cannot starve a small urgent one forever. */
  private queue: Promise<void> = Promise.resolve();

  /**
   * @param rate bytes per second (0 = unlimited)
   * @param burst the most bytes that may go at once after an idle spell
   */
  constructor(
    readonly rate: number,
    readonly burst: number = Math.max(16 * 1024, rate / 4),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** A bucket for `kbps` kilobits per second (1 kbit = 1000 bits); 0 means no limit. */
  static fromKbps(kbps: number): TokenBucket {
    return new TokenBucket((kbps * 1000) / 8);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }

  /** How long (ms) until `bytes` tokens are there, taking them when it is 0. */
  tryTake(bytes: number): number {
    if (this.rate <= 0) return 0;
    this.refill();
    // A chunk larger than the burst is let through once the bucket is full, going into debt.
    const need = Math.min(bytes, this.burst);
    if (this.tokens >= need) {
      this.tokens -= bytes;
      return 0;
    }
    return Math.ceil(((need - this.tokens) / this.rate) * 1000);
  }

  /** Resolves once `bytes` may be sent. */
  take(bytes: number): Promise<void> {
    const turn = this.queue.then(async () => {
      for (let wait = this.tryTake(bytes); wait > 0; wait = this.tryTake(bytes)) await sleep(wait);
    });
    this.queue = turn;
    return turn;
  }
}

/** Chunks at most this large pass the bucket one at a time, so requests interleave finely. */
const SLICE = 16 * 1024;

/** A pass-through stream paced by `bucket`; `onBytes` counts what went, `onEnd` says all did. */
export class ThrottledStream extends Transform {
  constructor(
    private readonly bucket: TokenBucket,
    private readonly onBytes: (n: number) => void = () => undefined,
    private readonly onEnd: () => void = () => undefined,
  ) {
    super();
  }

  override _flush(done: TransformCallback): void {
    this.onEnd();
    done();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    void (async () => {
      for (let at = 0; at < chunk.length; at += SLICE) {
        const slice = chunk.subarray(at, at + SLICE);
        await this.bucket.take(slice.length);
        this.onBytes(slice.length);
        this.push(slice);
      }
    })().then(() => done(), done);
  }
}
