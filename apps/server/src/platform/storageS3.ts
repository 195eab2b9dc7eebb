import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  type PutObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { hashFile } from './storageFiles';
import { isNotFound, ObjectVerifyError, s3KeyOf, type S3Settings } from './storageS3Client';
import { DEFAULT_S3_CACHE_BYTES, S3ReadCache } from './storageS3Cache';
import { boundedProbe, writableDiskUsage } from './storageProbe';
import { etagMatches, stageToLocalFile, type S3StagedObject } from './storageS3Staging';
import type { ObjectStorage, RecoveryReport, StagedObject } from './storageTypes';

/** Objects larger than this go up in parts (lib-storage `Upload`); smaller ones in one PUT. */
export const MULTIPART_BYTES = 64 * 1024 * 1024;
/** The size of each part of a multipart upload (S3 asks at least 5 MiB but for the last). */
export const PART_BYTES = 16 * 1024 * 1024;

export { ObjectVerifyError, s3Client, s3KeyOf, type S3Settings } from './storageS3Client';

/** Tuning of the S3 backend; tests lower the sizes to reach multipart with small objects. */
export interface S3StorageOptions {
  client: S3Client;
  settings: Pick<S3Settings, 'bucket' | 'prefix'> & Partial<Pick<S3Settings, 'endpoint'>>;
  /** Local directory: staging files and the read cache live below it. */
  dataDir: string;
  /** The read cache's bound in bytes (`TELERAD_S3_CACHE_MB`); 2 GiB when absent. */
  cacheBytes?: number;
  multipartBytes?: number;
  partBytes?: number;
}

/**
 * The S3 backend (docs/adr/0046). Objects are staged to a local file while hashed, then PUT
 * (multipart above `multipartBytes`) under `<prefix>objects/ab/<sha256>`, and verified against
 * the server's answer (its SHA-256 checksum, else its ETag) before `placed` settles: ingest
 * commits the index only after that (docs/adr/0004), so no row names an object the bucket does
 * not hold. Reads stream from the bucket, with HTTP ranges; `pathOf` gives readers that need a
 * file (frame tables, C-MOVE, rendering) a local copy, verified against its key, in a read cache
 * that never goes stale because a key never changes meaning and that keeps to `cacheBytes` by
 * evicting the least recently used copies (`storageS3Cache.ts`).
 */
export function s3Storage(opts: S3StorageOptions): ObjectStorage {
  const { client } = opts;
  const { bucket, prefix } = opts.settings;
  const multipartBytes = opts.multipartBytes ?? MULTIPART_BYTES;
  const partBytes = opts.partBytes ?? PART_BYTES;
  const staging = path.join(opts.dataDir, 'staging');
  fs.mkdirSync(staging, { recursive: true });
  const cache = new S3ReadCache(
    path.join(opts.dataDir, 's3-cache'),
    opts.cacheBytes ?? DEFAULT_S3_CACHE_BYTES,
  );
  const leftStaging = fs.readdirSync(staging);
  const keyOf = (key: string) => s3KeyOf(prefix, key);
  const cachePath = (key: string) => cache.pathOf(key);
  const fetching = new Map<string, Promise<string>>();

  /** PUTs the staged file and checks the server's answer names the same bytes. */
  async function putObject(staged: S3StagedObject): Promise<void> {
    const Key = keyOf(staged.sha256);
    let etag: string | undefined;
    if (staged.size <= multipartBytes) {
      // Content-MD5 and x-amz-checksum-sha256 let a server that checks them refuse torn bytes
      // itself (AWS, MinIO, Ceph RGW); the answer is checked here as well, for one that does not.
      const out: PutObjectCommandOutput = await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body: fs.createReadStream(staged.tempPath),
          ContentLength: staged.size,
          ContentType: 'application/octet-stream',
          ContentMD5: Buffer.from(staged.md5, 'hex').toString('base64'),
          ChecksumSHA256: Buffer.from(staged.sha256, 'hex').toString('base64'),
        }),
      );
      if (out.ChecksumSHA256) {
        if (out.ChecksumSHA256 !== Buffer.from(staged.sha256, 'hex').toString('base64'))
          throw new ObjectVerifyError(staged.sha256);
        return;
      }
      etag = out.ETag;
    } else {
      const upload = new Upload({
        client,
        params: {
          Bucket: bucket,
          Key,
          Body: fs.createReadStream(staged.tempPath, { highWaterMark: 1 << 20 }),
          ContentType: 'application/octet-stream',
          ChecksumAlgorithm: 'SHA256',
        },
        partSize: partBytes,
        queueSize: 2,
        leavePartsOnError: false,
      });
      etag = (await upload.done()).ETag;
    }
    if (!etagMatches(etag, staged)) throw new ObjectVerifyError(staged.sha256);
  }

  /** The path of `key`'s verified copy in the read cache, downloaded once however many ask. */
  function cachedCopy(key: string): Promise<string> {
    if (cache.has(key)) return Promise.resolve(cachePath(key));
    let pending = fetching.get(key);
    if (!pending) {
      pending = fetchToCache(key).finally(() => fetching.delete(key));
      fetching.set(key, pending);
    }
    return pending;
  }

  /** Downloads `key` into the read cache, checking its SHA-256, and returns its path. */
  async function fetchToCache(key: string): Promise<string> {
    const target = cachePath(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.part`;
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
      const hash = createHash('sha256');
      const fh = await fsp.open(temp, 'w');
      let size = 0;
      try {
        for await (const chunk of out.Body as Readable) {
          hash.update(chunk as Buffer);
          await fh.write(chunk as Buffer);
          size += (chunk as Buffer).length;
        }
      } finally {
        await fh.close();
      }
      if (hash.digest('hex') !== key) throw new ObjectVerifyError(key);
      await fsp.rename(temp, target);
      await cache.added(key, size);
      return target;
    } catch (e) {
      await fsp.rm(temp, { force: true });
      throw e;
    }
  }

  const storage: ObjectStorage = {
    stage: (source, maxBytes) => stageToLocalFile(staging, source, maxBytes, partBytes),

    async commit(staged) {
      const { key, durable } = storage.place(staged);
      await durable;
      return key;
    },

    place(staged) {
      const key = staged.sha256;
      const placed = (async () => {
        await staged.durable;
        await putObject(asS3Staged(staged));
        await fsp.rm(staged.tempPath, { force: true });
      })();
      placed.catch(() => undefined); // observed by the caller through placed or durable
      return { key, placed, durable: placed };
    },

    async recover(isReferenced) {
      // A staging file left by a stopped process was never acknowledged unless an index row
      // names it; such a row cannot exist before its PUT completed, but an object a row names
      // and the bucket lacks is put all the same rather than lost.
      const report: RecoveryReport = { restored: [], discarded: 0 };
      for (const name of leftStaging) {
        const file = path.join(staging, name);
        const key = await hashFile(file);
        if (key && (await storage.size(key)) === null && (await isReferenced(key, file))) {
          const staged = await stageToLocalFile(
            staging,
            fs.createReadStream(file),
            Number.MAX_SAFE_INTEGER,
            partBytes,
          );
          await storage.commit(staged);
          report.restored.push(key);
        } else {
          report.discarded++;
        }
        await fsp.rm(file, { force: true });
      }
      return report;
    },

    async discard(staged) {
      await fsp.rm(staged.tempPath, { force: true });
    },

    pathOf: cachedCopy,

    async withFiles(use) {
      const releases: (() => void)[] = [];
      try {
        return await use({
          // Pinned before it is looked for, so no trim between finding and pinning can take it.
          pathOf: (key) => {
            releases.push(cache.pin(key));
            return cachedCopy(key);
          },
        });
      } finally {
        for (const release of releases) release();
      }
    },

    open(key, range) {
      return Readable.from(
        (async function* () {
          if (cache.has(key)) {
            // Pinned while read, so a download for another reader cannot evict it mid-stream.
            const release = cache.pin(key);
            try {
              yield* fs.createReadStream(
                cachePath(key),
                range ? { start: range.start, end: range.end } : {},
              ) as AsyncIterable<Buffer>;
            } finally {
              release();
            }
            return;
          }
          // HTTP ranges are inclusive at both ends, as `range` is (RFC 9110 §14.1.2).
          const out = await client.send(
            new GetObjectCommand({
              Bucket: bucket,
              Key: keyOf(key),
              Range: range ? `bytes=${range.start}-${range.end}` : undefined,
            }),
          );
          yield* out.Body as AsyncIterable<Buffer>;
        })(),
        { objectMode: false },
      );
    },

    async size(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
        return out.ContentLength ?? null;
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },

    async usage() {
      // The bucket has no fixed size; what can run out is the local disk that stages objects.
      const s = await fsp.statfs(staging);
      return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    },

    probe: (timeoutMs) =>
      boundedProbe(
        's3',
        { dataDir: opts.dataDir, bucket, prefix, endpoint: opts.settings.endpoint },
        timeoutMs,
        async (abortSignal) => {
          // HeadBucket reads no object and costs one request; the local disk that stages
          // objects must be writable as well, or nothing can be received.
          await client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal });
          return writableDiskUsage(staging);
        },
      ),
  };
  return storage;
}

/** A staged object of this backend (it carries the MD5s its ETag is checked with). */
function asS3Staged(staged: StagedObject): S3StagedObject {
  const s = staged as Partial<S3StagedObject> & StagedObject;
  if (typeof s.md5 !== 'string' || !Array.isArray(s.partMd5s))
    throw new Error('object was not staged by the S3 backend');
  return s as S3StagedObject;
}
