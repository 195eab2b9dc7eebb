import { z } from 'zod';
import type { S3Settings } from './platform/storageS3';

/** Where objects are stored: the data directory (the default) or an S3 bucket (docs/adr/0046). */
export type StorageSettings =
  | { kind: 'fs' }
  | ({ kind: 's3' } & S3Settings & {
        /** The bound of the local read cache, `s3-cache/` under the data directory. */
        cacheBytes: number;
      });

/** The object storage variables, part of the environment schema in `config.ts`. */
export const StorageEnvShape = {
  TELERAD_STORAGE: z.enum(['fs', 's3'], { error: 'must be fs or s3' }).default('fs'),
  TELERAD_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be an S3 bucket name: 3–63 lower-case letters, digits, dots and hyphens',
    )
    .optional(),
  TELERAD_S3_PREFIX: z
    .string()
    .regex(/^[^/][\x20-\x7e]*$|^$/, 'must be printable ASCII, not starting with /')
    .default(''),
  TELERAD_S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional(),
  TELERAD_S3_REGION: z.string().min(1).default('us-east-1'),
  TELERAD_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  TELERAD_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  TELERAD_S3_FORCE_PATH_STYLE: z
    .enum(['0', '1', 'true', 'false'], { error: 'must be 0 or 1' })
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  /** Megabytes the S3 read cache may hold before its least recently used copies go. */
  TELERAD_S3_CACHE_MB: z.coerce
    .number()
    .int('must be a whole number of megabytes')
    .min(16, 'must be at least 16 (MB)')
    .max(16 * 1024 * 1024, 'must be at most 16777216 (16 TB)')
    .default(2048),
};

type StorageEnv = z.infer<z.ZodObject<typeof StorageEnvShape>>;

/**
 * The storage settings from validated variables, or the problems that stop them: S3 needs a
 * bucket, and an access key and its secret come together or not at all (then the SDK's own
 * chain, e.g. an instance role, provides credentials).
 */
export function storageSettings(e: StorageEnv): StorageSettings | string[] {
  if (e.TELERAD_STORAGE === 'fs') return { kind: 'fs' };
  const problems: string[] = [];
  if (!e.TELERAD_S3_BUCKET) problems.push('TELERAD_S3_BUCKET must be set when TELERAD_STORAGE=s3');
  if (!e.TELERAD_S3_ACCESS_KEY_ID !== !e.TELERAD_S3_SECRET_ACCESS_KEY)
    problems.push(
      'TELERAD_S3_ACCESS_KEY_ID and TELERAD_S3_SECRET_ACCESS_KEY must be set together, or neither',
    );
  if (problems.length) return problems;
  return {
    kind: 's3',
    bucket: e.TELERAD_S3_BUCKET!,
    prefix: e.TELERAD_S3_PREFIX,
    endpoint: e.TELERAD_S3_ENDPOINT,
    region: e.TELERAD_S3_REGION,
    credentials:
      e.TELERAD_S3_ACCESS_KEY_ID && e.TELERAD_S3_SECRET_ACCESS_KEY
        ? {
            accessKeyId: e.TELERAD_S3_ACCESS_KEY_ID,
            secretAccessKey: e.TELERAD_S3_SECRET_ACCESS_KEY,
          }
        : undefined,
    // Path style by default whenever an endpoint is given: MinIO, Ceph RGW and s3rver want it.
    forcePathStyle: e.TELERAD_S3_FORCE_PATH_STYLE ?? e.TELERAD_S3_ENDPOINT !== undefined,
    cacheBytes: e.TELERAD_S3_CACHE_MB * 1024 * 1024,
  };
}
