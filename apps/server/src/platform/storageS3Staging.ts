import { createHash, randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { writeAll } from './storageFiles';
import { ObjectTooLargeError, type StagedObject } from './storageTypes';
import { chunkRuns } from './streamChunks';

/** Bytes gathered before one write to a staging file (as the filesystem backend). */
const WRITE_BATCH = 512 * 1024;

/**
 * A staged object for the S3 backend: the filesystem's staged object plus the MD5 digests an
 * S3 server's ETag is compared with (docs/adr/0046).
 */
export interface S3StagedObject extends StagedObject {
  /** MD5 of the whole object: a single PUT's ETag (and s3rver's for a multipart one). */
  md5: string;
  /** MD5 of each `partBytes` slice: AWS's multipart ETag is the MD5 of these, then `-N`. */
  partMd5s: Buffer[];
}

/**
 * Streams `source` to a new file in `dir`, hashing it (SHA-256 for its key, MD5 whole and per
 * `partBytes` slice for the server's ETag). No flush: with S3 the bytes are durable once the
 * PUT is acknowledged, and a staging file lost in a crash belonged to an object nobody was told
 * was stored (docs/adr/0046, "Staging").
 */
export async function stageToLocalFile(
  dir: string,
  source: Readable,
  maxBytes: number,
  partBytes: number,
): Promise<S3StagedObject> {
  const tempPath = path.join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
  const fh = await fsp.open(tempPath, 'wx', 0o644);
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  const partMd5s: Buffer[] = [];
  let part = createHash('md5');
  let inPart = 0;
  let size = 0;
  let head: Buffer[] | undefined;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  try {
    for await (const run of chunkRuns(source)) {
      for (const chunk of run) {
        size += chunk.length;
        if (size > maxBytes) throw new ObjectTooLargeError(maxBytes);
        sha.update(chunk);
        md5.update(chunk);
        // A chunk may straddle a part boundary: each side goes to its own part's digest.
        let rest = chunk;
        while (rest.length > 0) {
          const take = Math.min(rest.length, partBytes - inPart);
          part.update(rest.subarray(0, take));
          inPart += take;
          rest = rest.subarray(take);
          if (inPart === partBytes) {
            partMd5s.push(part.digest());
            part = createHash('md5');
            inPart = 0;
          }
        }
        batch.push(chunk);
        batchBytes += chunk.length;
      }
      if (batchBytes >= WRITE_BATCH) {
        await writeAll(fh, batch);
        head ??= batch;
        batch = [];
        batchBytes = 0;
      }
    }
    if (batch.length) await writeAll(fh, batch);
    head ??= batch;
    if (inPart > 0) partMd5s.push(part.digest());
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fsp.rm(tempPath, { force: true });
    throw e;
  }
  await fh.close();
  return {
    tempPath,
    size,
    sha256: sha.digest('hex'),
    md5: md5.digest('hex'),
    partMd5s,
    head,
    durable: Promise.resolve(),
  };
}

/**
 * Whether `etag`, as an S3-protocol server returned it for the object, names these bytes:
 * the MD5 of the whole object (a single PUT on every server; s3rver also for multipart), or
 * AWS's multipart form, MD5 of the parts' MD5s followed by `-<parts>`.
 */
export function etagMatches(
  etag: string | undefined,
  staged: Pick<S3StagedObject, 'md5' | 'partMd5s'>,
): boolean {
  if (!etag) return false;
  const tag = etag.replace(/"/g, '').toLowerCase();
  if (tag === staged.md5) return true;
  const multipart = `${createHash('md5').update(Buffer.concat(staged.partMd5s)).digest('hex')}-${staged.partMd5s.length}`;
  return tag === multipart;
}
