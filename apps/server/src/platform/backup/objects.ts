import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage } from '../storageTypes';
import { backupObjectPath, type ManifestObject } from './manifest';

/** An object the copy could not vouch for, and why. */
export interface ObjectProblem {
  key: string;
  /** `missing`: not readable; `mismatch`: its bytes do not hash to its key (or manifest). */
  problem: 'missing' | 'mismatch';
  detail?: string;
}

/** Runs `one` over `items`, `concurrency` at a time, calling `progress` after each. */
export async function eachLimited<T>(
  items: readonly T[],
  one: (item: T) => Promise<void>,
  progress?: (done: number) => void,
  concurrency = 4,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      await one(items[next++]!);
      progress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The SHA-256 and size of what `storage` returns for `key`. */
export async function hashStored(
  storage: ObjectStorage,
  key: string,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of storage.open(key)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Copies each key from `storage` into the backup directory, hashing the bytes on the way: an
 * object whose bytes do not hash to its content key is a problem, never written to the backup.
 */
export async function copyObjectsOut(opts: {
  storage: ObjectStorage;
  keys: string[];
  dir: string;
  progress?: (done: number) => void;
}): Promise<{ objects: ManifestObject[]; problems: ObjectProblem[] }> {
  const objects: ManifestObject[] = [];
  const problems: ObjectProblem[] = [];
  await eachLimited(
    opts.keys,
    async (key) => {
      const file = backupObjectPath(opts.dir, key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      try {
        await pipeline(
          opts.storage.open(key),
          async function* (src: AsyncIterable<Buffer>) {
            for await (const c of src) {
              hash.update(c);
              size += c.length;
              yield c;
            }
          },
          fs.createWriteStream(file),
        );
      } catch (e) {
        await fs.promises.rm(file, { force: true });
        return void problems.push({ key, problem: 'missing', detail: (e as Error).message });
      }
      const sha256 = hash.digest('hex');
      if (sha256 !== key) {
        await fs.promises.rm(file, { force: true });
        return void problems.push({ key, problem: 'mismatch' });
      }
      objects.push({ key, size, sha256 });
    },
    opts.progress,
  );
  objects.sort((a, b) => a.key.localeCompare(b.key));
  return { objects, problems };
}

/**
 * Puts every manifest object from the backup into `storage` through its own stage and commit
 * (so a bucket gets it exactly as ingest would put it). A backup file that does not hash to its
 * key and manifest entry is a problem and is not committed.
 */
export async function copyObjectsIn(opts: {
  storage: ObjectStorage;
  objects: ManifestObject[];
  dir: string;
  progress?: (done: number) => void;
}): Promise<ObjectProblem[]> {
  const problems: ObjectProblem[] = [];
  await eachLimited(
    opts.objects,
    async (o) => {
      const file = backupObjectPath(opts.dir, o.key);
      if (!fs.existsSync(file)) return void problems.push({ key: o.key, problem: 'missing' });
      const staged = await opts.storage.stage(fs.createReadStream(file), Number.MAX_SAFE_INTEGER);
      if (staged.sha256 !== o.key || staged.sha256 !== o.sha256 || staged.size !== o.size) {
        await opts.storage.discard(staged);
        return void problems.push({ key: o.key, problem: 'mismatch', detail: 'in the backup' });
      }
      await opts.storage.commit(staged);
    },
    opts.progress,
  );
  return problems;
}
