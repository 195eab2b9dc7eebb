import { S3Client } from '@aws-sdk/client-s3';

/**
 * The S3 connection of the object storage (docs/adr/0046): its settings, its client, where a
 * content key lives in the bucket, and what the server's errors mean. The backend itself is
 * storageS3.ts; the migration, backup and tests reach the bucket through these too.
 */

/** Where the S3 backend keeps its objects and how it reaches the server (docs/adr/0046). */
export interface S3Settings {
  bucket: string;
  /** Prepended to every key (`archive/` → `archive/objects/ab/<sha256>`); may be empty. */
  prefix: string;
  /** The server's URL (MinIO, Ceph RGW, s3rver); AWS's regional endpoint when absent. */
  endpoint: string | undefined;
  region: string;
  /** Static credentials; the SDK's default chain (environment, profile, instance role) when absent. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** `http://host/bucket/key` rather than `http://bucket.host/key` (MinIO, Ceph RGW, s3rver). */
  forcePathStyle: boolean;
}

/** The S3 client for `settings`, asking for checksums only where the operation requires them. */
export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: settings.credentials,
    forcePathStyle: settings.forcePathStyle,
    // The SDK's default trailing CRC32 sends bodies aws-chunked, which some S3-protocol servers
    // (s3rver) store as sent. The backend sends its own SHA-256 and MD5 instead, see putObject().
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The object key for content key `key`: the filesystem layout's relative path, under `prefix`. */
export function s3KeyOf(prefix: string, key: string): string {
  const base = prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
  return `${base}objects/${key.slice(0, 2)}/${key}`;
}

/** The server stored other bytes than were sent: the object must not be indexed. */
export class ObjectVerifyError extends Error {
  constructor(readonly key: string) {
    super(`object ${key} was not stored as sent (checksum or ETag does not match)`);
  }
}

/** Whether `err` is the server saying the object (or bucket) is not there. */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
