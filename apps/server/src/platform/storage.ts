import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fsyncDir, hashFile, writeAll } from './storageFiles';
import { ObjectTooLargeError, type ObjectStorage, type RecoveryReport } from './storageTypes';
import { boundedProbe, writableDiskUsage } from './storageProbe';
import { chunkRuns } from './streamChunks';

export {
  ObjectTooLargeError,
  type DiskUsage,
  type FileScope,
  type ObjectStorage,
  type PlacedObject,
  type RecoveryReport,
  type StagedObject,
  type StorageProbe,
} from './storageTypes';

/** Bytes gathered before one write to a staging file. */
const WRITE_BATCH = 512 * 1024;

/**
 * A large object's written bytes are flushed in the background each time this much more has
 * been written (one flush at a time), rather than all at once after its last byte.
 */
const EARLY_FLUSH_BYTES = 2 * 1024 * 1024;

/** First-level fan-out: `objects/00` … `objects/ff`, by the first two hex digits of the hash. */
const FANOUT = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Where the object with `key` (its SHA-256) lives under `dataDir`: `objects/ab/<sha256>`, or,
 * for an object stored by an earlier version, `objects/ab/cd/<sha256>` (docs/adr/0003).
 */
export async function objectPath(dataDir: string, key: string): Promise<string> {
  return (
    (await storedObjectPath(dataDir, key)) ?? path.join(dataDir, 'objects', key.slice(0, 2), key)
  );
}

/** Whether `file` exists, asked on the thread pool (reads of many associations share the loop). */
const exists = (file: string): Promise<boolean> =>
  fsp.access(file).then(
    () => true,
    () => false,
  );

/** Where the object with `key` is stored, in either layout, or null when it is not. */
async function storedObjectPath(dataDir: string, key: string): Promise<string | null> {
  const flat = path.join(dataDir, 'objects', key.slice(0, 2), key);
  if (await exists(flat)) return flat;
  const nested = path.join(dataDir, 'objects', key.slice(0, 2), key.slice(2, 4), key);
  return (await exists(nested)) ? nested : null;
}

/**
 * The filesystem backend, under the data directory. Objects are `objects/ab/<sha256>`: one level
 * of 256 directories, all created (and made durable) when the storage opens, so committing an
 * object is one rename and one directory fsync and never a mkdir (docs/adr/0003). Objects stored
 * by earlier versions at `objects/ab/cd/<sha256>` are still found under the same keys. Staging
 * files live in `staging/` on the same filesystem, so the final rename is atomic.
 */
export function filesystemStorage(dataDir: string): ObjectStorage {
  const objects = path.join(dataDir, 'objects');
  const staging = path.join(dataDir, 'staging');
  fs.mkdirSync(objects, { recursive: true });
  fs.mkdirSync(staging, { recursive: true });
  // What an earlier process left, listed before this one stages anything: see recover(). Earlier
  // versions kept unused staging files apart, in `spare/`.
  const leftStaging = fs.readdirSync(staging);
  const oldSpare = path.join(dataDir, 'spare');
  const leftSpare = fs.existsSync(oldSpare) ? fs.readdirSync(oldSpare) : null;
  const keyPath = (key: string) => objectPath(dataDir, key);
  // Created in the background at once; the first commit waits for it.
  const fanout = (async () => {
    await Promise.all(FANOUT.map((d) => fsp.mkdir(path.join(objects, d), { recursive: true })));
    await fsyncDir(objects);
  })();
  fanout.catch(() => undefined); // observed by commit()

  // Staging files are created and opened ahead of need, one of each kind, so an object's bytes
  // never wait for a thread-pool round trip to create its file. Until taken, such a file is
  // empty, which is how recover() tells it from an object's bytes. An object that arrives whole within one
  // write batch (every object up to 512 KiB) is written through an O_DSYNC descriptor: one
  // write that returns once the bytes are on disk, instead of a write and then an fdatasync.
  const FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL;
  const spares = new Map<boolean, Promise<{ fh: fsp.FileHandle; tempPath: string }>>();
  // Staging names: unique to this storage (time and random bits, drawn once), then a counter;
  // O_EXCL refuses a name that exists all the same.
  const namePrefix = `${Date.now()}-${randomBytes(6).toString('hex')}`;
  let named = 0;
  const takeStaging = async (dsync: boolean) => {
    const create = () => {
      const tempPath = path.join(staging, `${namePrefix}-${++named}.part`);
      const opened = fsp
        .open(tempPath, dsync ? FLAGS | fs.constants.O_DSYNC : FLAGS, 0o644)
        .then((fh) => ({ fh, tempPath }));
      opened.catch(() => undefined); // observed when taken
      return opened;
    };
    const next = spares.get(dsync) ?? create();
    spares.set(dsync, create());
    return next;
  };

  const storage: ObjectStorage = {
    async stage(source, maxBytes) {
      const hash = createHash('sha256');
      let size = 0;
      let head: Buffer[] | undefined;
      let file: Awaited<ReturnType<typeof takeStaging>> | undefined;
      let durable: Promise<void>;
      try {
        // Network reads arrive in PDU-sized pieces; writing them in batches of up to WRITE_BATCH
        // bytes keeps thread-pool round trips few, and memory bounded.
        let batch: Buffer[] = [];
        let batchBytes = 0;
        // Flushes started while a large object still arrives; every one must succeed.
        const flushes: Promise<void>[] = [];
        let unflushed = 0;
        let flushing = false;
        for await (const run of chunkRuns(source)) {
          for (const chunk of run) {
            size += chunk.length;
            if (size > maxBytes) throw new ObjectTooLargeError(maxBytes);
            hash.update(chunk);
            batch.push(chunk);
            batchBytes += chunk.length;
          }
          if (batchBytes >= WRITE_BATCH) {
            file ??= await takeStaging(false);
            await writeAll(file.fh, batch);
            unflushed += batchBytes;
            if (unflushed >= EARLY_FLUSH_BYTES && !flushing) {
              // The disk writes what has come so far while the rest arrives, so the flush at
              // the end has only the tail left to write.
              unflushed = 0;
              flushing = true;
              const flushed = file.fh.datasync().finally(() => (flushing = false));
              flushed.catch(() => undefined); // observed through `durable`
              flushes.push(flushed);
            }
            head ??= batch;
            batch = [];
            batchBytes = 0;
          }
        }
        if (!file) {
          // All of it is in this one batch: written and flushed by one O_DSYNC write, in the
          // background (the caller reads the header from memory meanwhile).
          file = await takeStaging(true);
          head = batch;
          durable = writeAll(file.fh, batch);
        } else {
          if (batch.length) await writeAll(file.fh, batch);
          // An earlier flush that failed may not fail again (the kernel reports a write error
          // once), so the object is durable only when every flush succeeded.
          durable = Promise.all([...flushes, file.fh.datasync()]).then(() => undefined);
        }
      } catch (e) {
        if (file) {
          await file.fh.close().catch(() => undefined);
          await fsp.rm(file.tempPath, { force: true });
        }
        throw e;
      }
      // commit() and discard() wait for `durable`. Closing is not part of it: the bytes are
      // durable once the flush returns.
      const { fh, tempPath } = file;
      durable.catch(() => undefined); // observed by commit() or discard()
      const close = () => fh.close().catch(() => undefined);
      void durable.then(close, close);
      return { tempPath, size, sha256: hash.digest('hex'), head: head ?? [], durable };
    },

    async commit(staged) {
      const { key, durable } = storage.place(staged);
      await durable;
      return key;
    },

    place(staged) {
      const key = staged.sha256;
      const target = path.join(objects, key.slice(0, 2), key);
      const placed = (async () => {
        // Only durable bytes get a name: a crash may then leave a whole object, never a torn one.
        await staged.durable;
        // No existence check: an object already there under this name has these very bytes, and
        // replacing it is atomic, so renaming costs no more than looking (a re-sent object, or
        // one a concurrent commit is still flushing: the flush below covers both). An object in
        // the older `ab/cd` layout gets a second, flat copy, which reads then prefer.
        await fanout;
        // On the thread pool: a rename waits for the directory's lock and, on a busy disk, for
        // its journal, and the event loop serves every association.
        await fsp.rename(staged.tempPath, target);
        return path.dirname(target);
      })();
      const durable = placed.then((dir) => fsyncDir(dir));
      const named = placed.then(() => undefined);
      // Callers await one or both; a failure must not also surface as an unhandled rejection
      // (which would stop the process).
      named.catch(() => undefined);
      durable.catch(() => undefined);
      return { key, placed: named, durable };
    },

    async recover(isReferenced) {
      const report: RecoveryReport = { restored: [], discarded: 0 };
      if (leftSpare) {
        for (const name of leftSpare) await fsp.rm(path.join(oldSpare, name), { force: true });
        await fsp.rmdir(oldSpare).catch(() => undefined);
      }
      let spares = 0;
      for (const name of leftStaging) {
        const file = path.join(staging, name);
        if ((await fsp.stat(file)).size === 0) {
          // A file created ahead of need and never taken (or taken, and nothing written yet).
          await fsp.rm(file, { force: true });
          spares++;
          continue;
        }
        const key = await hashFile(file);
        if (key && !(await storedObjectPath(dataDir, key)) && (await isReferenced(key, file))) {
          await fanout;
          const target = path.join(objects, key.slice(0, 2), key);
          await fsp.rename(file, target);
          await fsyncDir(path.dirname(target));
          report.restored.push(key);
        } else {
          await fsp.rm(file, { force: true });
          report.discarded++;
        }
      }
      if (report.discarded + spares) await fsyncDir(staging);
      return report;
    },

    async discard(staged) {
      await staged.durable.catch(() => undefined);
      await fsp.rm(staged.tempPath, { force: true });
    },

    pathOf: keyPath,

    // A stored file is never removed while its object is indexed: nothing to hold.
    withFiles: (use) => use({ pathOf: keyPath }),

    open(key, range) {
      // The object's path is found (which layout) before the first read, off the event loop.
      return Readable.from(
        (async function* () {
          yield* fs.createReadStream(
            await keyPath(key),
            range
              ? { start: range.start, end: range.end, highWaterMark: 1 << 20 }
              : { highWaterMark: 1 << 20 },
          ) as AsyncIterable<Buffer>;
        })(),
        { objectMode: false },
      );
    },

    async size(key) {
      const file = await storedObjectPath(dataDir, key);
      if (!file) return null;
      return fsp.stat(file).then(
        (s) => s.size,
        () => null,
      );
    },

    async usage() {
      const s = await fsp.statfs(objects);
      return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    },

    probe: (timeoutMs) =>
      boundedProbe('fs', { dataDir }, timeoutMs, () => writableDiskUsage(dataDir)),
  };
  return storage;
}
