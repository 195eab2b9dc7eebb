import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

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

/** Bytes gathered before one write to a staging file. */
const WRITE_BATCH = 512 * 1024;

/** Writes every byte of `buffers` (writev may write less than asked). */
async function writeAll(fh: fsp.FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers);
  while (rest.length > 0) {
    const { bytesWritten } = await fh.write(rest, 0, rest.length, null);
    rest = rest.subarray(bytesWritten);
  }
}

/**
 * Open descriptors of recently used object directories, so making a rename durable is one
 * fsync on the thread pool rather than open + fsync + close, and never blocks the event loop
 * (several associations store at once). Bounded; the oldest is closed first.
 */
const DIR_FDS_MAX = 256;
const dirFds = new Map<string, Promise<fsp.FileHandle>>();

async function fsyncDir(dir: string): Promise<void> {
  let handle = dirFds.get(dir);
  if (handle) {
    dirFds.delete(dir); // re-insert: most recently used last
  } else {
    handle = fsp.open(dir, 'r');
    handle.catch(() => dirFds.delete(dir));
  }
  dirFds.set(dir, handle);
  if (dirFds.size > DIR_FDS_MAX) {
    const [oldest, fh] = dirFds.entries().next().value as [string, Promise<fsp.FileHandle>];
    dirFds.delete(oldest);
    void fh.then((h) => h.close()).catch(() => undefined);
  }
  await (await handle).sync();
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
      const fh = await fsp.open(tempPath, 'wx');
      try {
        // Network reads arrive in PDU-sized pieces (often 16 KiB); writing them in batches of up
        // to WRITE_BATCH bytes keeps thread-pool round trips few, and memory bounded.
        let batch: Buffer[] = [];
        let batchBytes = 0;
        for await (const chunk of source as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > maxBytes) throw new ObjectTooLargeError(maxBytes);
          hash.update(chunk);
          batch.push(chunk);
          batchBytes += chunk.length;
          if (batchBytes >= WRITE_BATCH) {
            await writeAll(fh, batch);
            batch = [];
            batchBytes = 0;
          }
        }
        if (batch.length) await writeAll(fh, batch);
        await fh.datasync();
        await fh.close();
      } catch (e) {
        await fh.close().catch(() => undefined);
        await fsp.rm(tempPath, { force: true });
        throw e;
      }
      return { tempPath, size, sha256: hash.digest('hex') };
    },

    async commit(staged) {
      const key = staged.sha256;
      const dest = keyPath(key);
      const dir = path.dirname(dest);
      // The staged bytes are already durable: stage() fdatasyncs before closing.
      if (fs.existsSync(dest)) {
        // Same bytes already durable under this key.
        await fsp.rm(staged.tempPath, { force: true });
        return key;
      }
      const created = !fs.existsSync(dir);
      await fsp.mkdir(dir, { recursive: true });
      fs.renameSync(staged.tempPath, dest); // a metadata update: cheaper than a thread-pool hop
      await fsyncDir(dir);
      // New fan-out directories must be durable entries in their parents too.
      if (created) {
        await fsyncDir(path.dirname(dir));
        await fsyncDir(objects);
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
