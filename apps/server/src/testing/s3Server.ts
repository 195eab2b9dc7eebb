import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { s3Client, type S3Settings } from '../platform/storageS3';

/** A real S3-protocol server (s3rver) on a free loopback port, with one empty bucket. */
export interface S3TestServer {
  settings: S3Settings;
  client: S3Client;
  /** Where s3rver keeps the bucket's objects (tests reach in to corrupt one). */
  directory: string;
  close(): Promise<void>;
}

/**
 * Starts s3rver in a new temporary directory and creates bucket `telerad-test`. With `keep`
 * (the one-machine try-out), it serves an existing `directory` and bucket and leaves both when
 * closed.
 */
export async function startS3Server(
  prefix = 'archive/',
  keep?: { directory: string; bucket: string; port?: number },
): Promise<S3TestServer> {
  const directory = keep?.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-s3rver-'));
  fs.mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port: keep?.port ?? 0,
    address: '127.0.0.1',
    silent: true,
    directory,
  });
  const { port } = await server.run();
  const settings: S3Settings = {
    bucket: keep?.bucket ?? 'telerad-test',
    prefix,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    // s3rver's fixed key pair.
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
  };
  const client = s3Client(settings);
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket })).catch((e: Error) => {
    if (!keep || !/BucketAlready/.test(e.name)) throw e;
  });
  return {
    settings,
    client,
    directory,
    close: async () => {
      client.destroy();
      await server.close();
      if (!keep) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The file s3rver keeps an object's bytes in (`<bucket>/<key>._S3rver_object`). */
export function findStoredObject(directory: string, key: string): string {
  const hits = fs
    .readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.includes(key) && f.endsWith('_S3rver_object'));
  if (hits.length !== 1) throw new Error(`s3rver holds ${hits.length} files for ${key}`);
  return path.join(directory, hits[0]!);
}
