import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStoredObject, startS3Server, type S3TestServer } from '../testing/s3Server';
import { ObjectVerifyError, s3Storage } from './storageS3';
import type { ObjectStorage } from './storageTypes';

/** The S3 read cache keeps to its bound against a real S3-protocol server (docs/adr/0046). */
const MiB = 1024 * 1024;
const LIMIT = 3 * MiB;
let s3: S3TestServer;
let dataDir: string;
let storage: ObjectStorage;
const keys: string[] = [];

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const cacheDir = () => path.join(dataDir, 's3-cache');
const cached = (key: string) => path.join(cacheDir(), key.slice(0, 2), key);
/** Bytes the cache directory holds on disk, whatever the backend counts. */
const cacheOnDisk = () =>
  fs
    .readdirSync(cacheDir(), { recursive: true, encoding: 'utf8' })
    .map((f) => fs.statSync(path.join(cacheDir(), f)))
    .filter((s) => s.isFile())
    .reduce((sum, s) => sum + s.size, 0);

beforeAll(async () => {
  s3 = await startS3Server('archive/');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-s3cache-'));
  storage = s3Storage({ client: s3.client, settings: s3.settings, dataDir, cacheBytes: LIMIT });
  for (let i = 0; i < 8; i++) {
    const bytes = randomBytes(MiB);
    keys.push(await storage.commit(await storage.stage(Readable.from([bytes]), 1 << 30)));
  }
});
afterAll(async () => {
  await s3.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the S3 read cache', () => {
  it('stays under its bound, evicting the least recently used copies, and re-fetches them verified', async () => {
    for (const key of keys) {
      const file = await storage.pathOf(key);
      expect(sha256(fs.readFileSync(file))).toBe(key);
      expect(cacheOnDisk()).toBeLessThanOrEqual(LIMIT);
    }
    // The first ones went; the last three stay.
    expect(fs.existsSync(cached(keys[0]!))).toBe(false);
    expect(keys.slice(-3).every((k) => fs.existsSync(cached(k)))).toBe(true);
    // An evicted object comes back from the bucket, checked against its key again.
    const again = await storage.pathOf(keys[0]!);
    expect(sha256(fs.readFileSync(again))).toBe(keys[0]);
    expect(cacheOnDisk()).toBeLessThanOrEqual(LIMIT);
    // keys[0] is now the most recently used: the next download evicts another.
    await storage.pathOf(keys[1]!);
    expect(fs.existsSync(cached(keys[0]!))).toBe(true);
    // A corrupted object in the bucket is refused on re-fetch and leaves nothing in the cache.
    const victim = keys[2]!;
    expect(fs.existsSync(cached(victim))).toBe(false);
    fs.writeFileSync(findStoredObject(s3.directory, victim), randomBytes(MiB));
    await expect(storage.pathOf(victim)).rejects.toBeInstanceOf(ObjectVerifyError);
    expect(fs.existsSync(cached(victim))).toBe(false);
  });

  it('never evicts a copy that is being read', async () => {
    const held = keys[7]!;
    await storage.pathOf(held);
    const reader = storage.open(held)[Symbol.asyncIterator]();
    const first = (await reader.next()).value as Buffer;
    // Three more downloads would evict it were it not open.
    for (const key of keys.slice(3, 6)) await storage.pathOf(key);
    expect(fs.existsSync(cached(held))).toBe(true);
    const chunks = [first];
    for (let r = await reader.next(); !r.done; r = await reader.next())
      chunks.push(r.value as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(held);
    // Released, it is the least recently used again and goes with the next download.
    await storage.pathOf(keys[6]!);
    await storage.pathOf(keys[0]!);
    expect(cacheOnDisk()).toBeLessThanOrEqual(LIMIT);
  });

  it('keeps a file handed out in a withFiles scope until the scope ends', async () => {
    const held = keys[4]!;
    await storage.withFiles(async (files) => {
      const file = await files.pathOf(held);
      // Four downloads after it, more than the cache holds, would evict it were it not held
      // (keys[2] is the one the first test corrupted in the bucket).
      for (const key of [keys[0]!, keys[1]!, keys[3]!, keys[5]!]) await storage.pathOf(key);
      expect(fs.existsSync(file)).toBe(true);
      expect(sha256(fs.readFileSync(file))).toBe(held);
    });
    // Released, it is the least recently used and goes with the next downloads.
    for (const key of keys.slice(5, 8)) await storage.pathOf(key);
    expect(fs.existsSync(cached(held))).toBe(false);
    expect(cacheOnDisk()).toBeLessThanOrEqual(LIMIT);
  });

  it('counts what an earlier process left, and trims it to a smaller bound', async () => {
    const smaller = s3Storage({
      client: s3.client,
      settings: s3.settings,
      dataDir,
      cacheBytes: MiB,
    });
    expect(cacheOnDisk()).toBeGreaterThan(MiB);
    await smaller.pathOf(keys[1]!);
    expect(cacheOnDisk()).toBeLessThanOrEqual(MiB);
    expect(fs.existsSync(cached(keys[1]!))).toBe(true);
  });
});
