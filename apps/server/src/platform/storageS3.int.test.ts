import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStoredObject, startS3Server, type S3TestServer } from '../testing/s3Server';
import { ObjectVerifyError, s3Client, s3KeyOf, s3Storage } from './storageS3';
import type { ObjectStorage } from './storageTypes';

let s3: S3TestServer;
let dataDir: string;
let storage: ObjectStorage;

beforeAll(async () => {
  s3 = await startS3Server('archive/');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-s3-'));
  // Multipart from 6 MiB, in 5 MiB parts (S3's smallest), so a 12 MiB object goes in three.
  storage = s3Storage({
    client: s3.client,
    settings: s3.settings,
    dataDir,
    multipartBytes: 6 * 1024 * 1024,
    partBytes: 5 * 1024 * 1024,
  });
});
afterAll(async () => {
  await s3.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
/** The bytes the server holds under a content key, read with the SDK, not the backend. */
const inBucket = async (key: string) => {
  const out = await s3.client.send(
    new GetObjectCommand({ Bucket: s3.settings.bucket, Key: s3KeyOf('archive/', key) }),
  );
  return Buffer.from(await out.Body!.transformToByteArray());
};

describe('the S3 backend', () => {
  it('puts an object under the filesystem layout key and reads it back whole and by range', async () => {
    const bytes = randomBytes(700 * 1024);
    const staged = await storage.stage(Readable.from([bytes]), 1 << 30);
    expect(fs.existsSync(staged.tempPath)).toBe(true);
    const key = await storage.commit(staged);
    expect(key).toBe(sha256(bytes));
    expect(s3KeyOf('archive/', key)).toBe(`archive/objects/${key.slice(0, 2)}/${key}`);
    expect((await inBucket(key)).equals(bytes)).toBe(true);
    // The staging file goes once the bucket holds the bytes.
    expect(fs.existsSync(staged.tempPath)).toBe(false);
    expect((await read(storage.open(key))).equals(bytes)).toBe(true);
    // An HTTP range, inclusive at both ends, read from the bucket (nothing is cached yet).
    expect(fs.existsSync(path.join(dataDir, 's3-cache', key.slice(0, 2), key))).toBe(false);
    const part = await read(storage.open(key, { start: 1000, end: 300_999 }));
    expect(part.equals(bytes.subarray(1000, 301_000))).toBe(true);
    expect(await storage.size(key)).toBe(bytes.length);
    expect(await storage.size('0'.repeat(64))).toBeNull();
  });

  it('puts a large object in parts and verifies it against the multipart ETag', async () => {
    const bytes = randomBytes(12 * 1024 * 1024 + 123);
    // Arriving in odd-sized pieces, so pieces straddle the part boundaries.
    const pieces = Array.from({ length: Math.ceil(bytes.length / 99_991) }, (_, i) =>
      bytes.subarray(i * 99_991, (i + 1) * 99_991),
    );
    const key = await storage.commit(await storage.stage(Readable.from(pieces), 1 << 30));
    expect(key).toBe(sha256(bytes));
    expect((await inBucket(key)).equals(bytes)).toBe(true);
    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: s3.settings.bucket, Key: s3KeyOf('archive/', key) }),
    );
    expect(head.ContentLength).toBe(bytes.length);
  });

  it('refuses an object the server stored with other bytes than were sent', async () => {
    // A client that sends other bytes than the staged file holds (as a torn transfer would):
    // the server stores and acknowledges them, and only the check of its answer can tell.
    const client = s3Client(s3.settings);
    client.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { body?: unknown; headers: Record<string, string> };
        if (req.body instanceof Readable) {
          const sent = await read(req.body);
          sent[0] = sent[0]! ^ 0xff;
          req.body = sent;
          delete req.headers['content-md5'];
          delete req.headers['x-amz-checksum-sha256'];
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'tearBody' },
    );
    const torn = s3Storage({ client, settings: s3.settings, dataDir });
    const staged = await torn.stage(Readable.from([randomBytes(4096)]), 1 << 30);
    const placing = torn.place(staged);
    await expect(placing.placed).rejects.toBeInstanceOf(ObjectVerifyError);
    await expect(placing.durable).rejects.toBeInstanceOf(ObjectVerifyError);
    await torn.discard(staged); // as ingest does with a refused object
    client.destroy();
  });

  it('gives readers that need a file a verified local copy, and refuses a corrupted object', async () => {
    const bytes = randomBytes(64 * 1024);
    const key = await storage.commit(await storage.stage(Readable.from([bytes]), 1 << 30));
    const file = await storage.pathOf(key);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    // The same object again is the cached copy, and open() reads it from there.
    expect(await storage.pathOf(key)).toBe(file);

    const other = randomBytes(64 * 1024);
    const otherKey = await storage.commit(await storage.stage(Readable.from([other]), 1 << 30));
    // Flip a byte of the object in s3rver's own store: the copy must not reach a reader.
    const stored = findStoredObject(s3.directory, otherKey);
    const b = fs.readFileSync(stored);
    b[100] = b[100]! ^ 0xff;
    fs.writeFileSync(stored, b);
    await expect(storage.pathOf(otherKey)).rejects.toBeInstanceOf(ObjectVerifyError);
    expect(fs.existsSync(path.join(dataDir, 's3-cache', otherKey.slice(0, 2), otherKey))).toBe(
      false,
    );
  });

  it('refuses an object over the maximum and leaves no staging file', async () => {
    await expect(storage.stage(Readable.from([randomBytes(2048)]), 1024)).rejects.toThrow(
      /exceeds 1024 bytes/,
    );
    expect(fs.readdirSync(path.join(dataDir, 'staging'))).toEqual([]);
  });
});
