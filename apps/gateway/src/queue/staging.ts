import { createHash, randomUUID, type Hash } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { DatasetHash } from './datasetHash';

/** Bytes of an instance's beginning kept in memory to read its header without re-reading it. */
export const HEAD_BYTES = 256 * 1024;

/** A staged file once all of it is on disk and fsynced. */
export interface StagedFile {
  tmpPath: string;
  bytes: number;
  /** SHA-256 of the whole file as staged. */
  sha256: string;
  /** SHA-256 of the dataset after the meta group: the same instance however it arrived. */
  datasetSha256: string;
  /** The first `HEAD_BYTES` (or all, when smaller). */
  head: Buffer;
}

/**
 * A Writable that streams one instance into `<queue>/tmp/`, hashing it (SHA-256, of the file and of
 * its dataset) on the way and
 * keeping its head for the header reader. When the stream finishes, the file is fsynced and
 * closed: `staged` then resolves. Writes go through fs/promises, off the event loop, and the
 * stream's buffer gives the sender backpressure. `discard()` removes the file (a refused or
 * aborted instance).
 *
 * Must stay true: a file system error (disk full) never errors the stream itself: an errored
 * stream never emits 'drain', which a writer may be waiting for. The error is kept, the rest of
 * the instance is read and dropped, and `staged` rejects with it once the stream ends: the
 * C-STORE then gets its failure status.
 *
 * dcmjs-dimse 0.3.3 heeds a refused write only for a dataset's first PDU, so `pressure` lets the
 * receiver pause its socket while the buffer is full (TCP then slows the sender) and resume it on
 * 'drain': memory stays bounded by the buffer, not by the instance size.
 */
export class StagingWriter extends Writable {
  /** Resolves once the file is complete and fsynced; rejects when writing failed. */
  readonly staged: Promise<StagedFile>;
  readonly tmpPath: string;
  private handle: FileHandle | undefined;
  private readonly hash: Hash = createHash('sha256');
  private readonly datasetHash = new DatasetHash();
  private readonly headParts: Buffer[] = [];
  private headLength = 0;
  private bytes = 0;
  /** The first file system error; the bytes after it are dropped. */
  private failure: Error | undefined;
  /** Whether `pressure` paused the source. */
  private paused = false;
  private readonly resumeSource = () => {
    if (!this.paused) return;
    this.paused = false;
    this.pressure?.resume();
  };

  constructor(
    tmpDir: string,
    prefix?: Buffer,
    private readonly pressure?: { pause(): void; resume(): void },
  ) {
    super({ highWaterMark: 1024 * 1024 });
    this.tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
    this.staged = new Promise<StagedFile>((resolve, reject) => {
      this.once('finish', () =>
        this.failure
          ? reject(this.failure)
          : resolve({
              tmpPath: this.tmpPath,
              bytes: this.bytes,
              sha256: this.hash.digest('hex'),
              datasetSha256: this.datasetHash.digest(),
              head: Buffer.concat(this.headParts),
            }),
      );
      this.once('error', reject);
      this.once('close', () => {
        if (!this.writableFinished) reject(new Error('the instance was not received completely'));
      });
    });
    // A rejection nobody awaited yet (an aborted association) must not crash the process.
    this.staged.catch(() => undefined);
    // A stream that ends or closes while its source is paused never drains (Node emits no
    // 'drain' once ending): the source must not stay paused.
    this.once('finish', this.resumeSource);
    this.once('close', this.resumeSource);
    if (prefix) this.write(prefix);
  }

  /** Writes `chunk`; when the buffer is full, pauses the source until it drains. */
  override write(
    chunk: unknown,
    encoding?: BufferEncoding | ((error: Error | null | undefined) => void),
    callback?: (error: Error | null | undefined) => void,
  ): boolean {
    const ok =
      typeof encoding === 'function'
        ? super.write(chunk, encoding)
        : encoding === undefined
          ? super.write(chunk, callback)
          : super.write(chunk, encoding, callback);
    if (!ok && this.pressure && !this.paused && !this.destroyed) {
      this.paused = true;
      this.pressure.pause();
      this.once('drain', this.resumeSource);
    }
    return ok;
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.tmpPath, 'wx').then(
      (h) => {
        this.handle = h;
        callback();
      },
      (e: Error) => {
        this.failure = e;
        callback();
      },
    );
  }

  override _write(
    chunk: Buffer,
    _enc: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    if (this.failure) return callback();
    this.hash.update(chunk);
    this.datasetHash.update(chunk);
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headParts.push(Buffer.from(part));
      this.headLength += part.length;
    }
    this.bytes += chunk.length;
    this.handle!.write(chunk).then(
      () => callback(),
      (e: Error) => {
        this.failure = e;
        callback();
      },
    );
  }

  override _final(callback: (error?: Error | null) => void): void {
    const h = this.handle;
    if (!h) return callback(); // never opened: `failure` says why
    (this.failure ? h.close() : h.sync().then(() => h.close())).then(
      () => {
        this.handle = undefined;
        callback();
      },
      (e: Error) => {
        this.failure ??= e;
        callback();
      },
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const h = this.handle;
    this.handle = undefined;
    (h ? h.close().catch(() => undefined) : Promise.resolve()).then(() => callback(error));
  }

  /** Stops writing and removes the temporary file. */
  async discard(): Promise<void> {
    this.destroy();
    await new Promise((r) => (this.closed ? r(undefined) : this.once('close', r)));
    await unlink(this.tmpPath).catch(() => undefined);
  }
}
