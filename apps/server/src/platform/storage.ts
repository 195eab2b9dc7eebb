import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file being received, not yet durable or visible. */
export interface StagedObject {
  tempPath: string;
  size: number;
  sha256: string;
}

/** Free and total bytes where objects are stored. */
export interface DiskUsage {
  freeBytes: number;
  totalBytes: number;
}

/**
 * Where DICOM objects live. Objects are content-addressed by SHA-256, so a key never changes
 * meaning, a re-sent identical object is the same file, and a different version never
 * overwrites an earlier one.
 */
export interface ObjectStorage {
  /** Streams `source` to a staging file, hashing it; at most `maxBytes`. */
  stage(source: Readable, maxBytes: number): Promise<StagedObject>;
  /** Makes a staged file durable under its content key (fsync, rename, fsync directory). */
  commit(staged: StagedObject): Promise<string>;
  /** Drops a staged file that will not be kept. */
  discard(staged: StagedObject): Promise<void>;
  /** Absolute path of a committed object (filesystem backends only). */
  pathOf(key: string): string;
  /** A read stream over a committed object, optionally a byte range. */
  open(key: string, range?: { start: number; end: number }): Readable;
  usage(): Promise<DiskUsage>;
}

/** The object is larger than the configured maximum. */
export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`object exceeds ${maxBytes} bytes`);
  }
}

/**
 * fsyncs a directory so a rename into it is durable. Synchronous on purpose: it is a short
 * metadata flush, and three thread-pool hops (open, fsync, close) cost more than it does.
 */
function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The filesystem backend: `objects/ab/cd/<sha256>` under the data directory, staging files in
 * `staging/` on the same filesystem so the final rename is atomic.
 */
export function filesystemStorage(dataDir: string): ObjectStorage {
  const objects = path.join(dataDir, 'objects');
  const staging = path.join(dataDir, 'staging');
  fs.mkdirSync(objects, { recursive: true });
  fs.mkdirSync(staging, { recursive: true });
  const keyPath = (key: string) => path.join(objects, key.slice(0, 2), key.slice(2, 4), key);

  return {
    async stage(source, maxBytes) {
      const tempPath = path.join(staging, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          if (size > maxBytes) return cb(new ObjectTooLargeError(maxBytes));
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      try {
        await pipeline(
          source,
          meter,
          // flush: fsync on the same descriptor before it closes, so commit() need not reopen it.
          fs.createWriteStream(tempPath, { flags: 'wx', highWaterMark: 1 << 20, flush: true }),
        );
      } catch (e) {
        await fsp.rm(tempPath, { force: true });
        throw e;
      }
      return { tempPath, size, sha256: hash.digest('hex') };
    },

    async commit(staged) {
      const key = staged.sha256;
      const dest = keyPath(key);
      const dir = path.dirname(dest);
      // The staged bytes are already durable: stage() writes with flush.
      if (fs.existsSync(dest)) {
        // Same bytes already durable under this key.
        await fsp.rm(staged.tempPath, { force: true });
        return key;
      }
      const created = !fs.existsSync(dir);
      await fsp.mkdir(dir, { recursive: true });
      await fsp.rename(staged.tempPath, dest);
      fsyncDirSync(dir);
      // New fan-out directories must be durable entries in their parents too.
      if (created) {
        fsyncDirSync(path.dirname(dir));
        fsyncDirSync(objects);
      }
      return key;
    },

    async discard(staged) {
      await fsp.rm(staged.tempPath, { force: true });
    },

    pathOf: keyPath,

    open(key, range) {
      return fs.createReadStream(
        keyPath(key),
        range
          ? { start: range.start, end: range.end, highWaterMark: 1 << 20 }
          : { highWaterMark: 1 << 20 },
      );
    },

    async usage() {
      const s = await fsp.statfs(objects);
      return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    },
  };
}
