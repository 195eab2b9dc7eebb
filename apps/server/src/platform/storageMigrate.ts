import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import type { Db } from './db';
import { objectPath } from './storage';
import { s3KeyOf, s3Storage, type S3Settings } from './storageS3';

/** One object the copy could not vouch for, and why. */
export interface MigrationProblem {
  key: string;
  /**
   * `missing`: no file under the key in the data directory; `local`: the file there does not
   * hash to its key; `mismatch`: the bytes read back from the bucket do not hash to the key;
   * `failed`: the server refused or could not be reached (`detail` says how).
   */
  problem: 'missing' | 'local' | 'mismatch' | 'failed';
  detail?: string;
}

/** What a run of the copy did (docs/adr/0046, "Migrating an archive"). */
export interface MigrationReport {
  /** Distinct content keys the index names. */
  total: number;
  copied: number;
  /** Already in the bucket with the same size: not sent again, but read back all the same. */
  skipped: number;
  /** Read back from the bucket and hashed to their key. */
  verified: number;
  problems: MigrationProblem[];
}

/** Every distinct content key named by any `storage_key` column of the index. */
export async function indexedKeys(db: Db): Promise<string[]> {
  // Found from the catalogue, so an object kind added later by another module is copied too.
  const cols = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'storage_key'
    order by table_name`.execute(db);
  const keys = new Set<string>();
  for (const { table_name } of cols.rows) {
    const rows = await sql<{ k: string }>`
      select distinct storage_key as k from ${sql.table(table_name)}
      where storage_key is not null`.execute(db);
    for (const r of rows.rows) keys.add(r.k);
  }
  return [...keys].sort();
}

/** The SHA-256 of an object as the bucket returns it. */
async function hashInBucket(client: S3Client, bucket: string, key: string): Promise<string> {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash('sha256');
  for await (const chunk of out.Body as Readable) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies every object the index names from the filesystem archive under `dataDir` to the
 * bucket, under the same relative key, and verifies each by reading it back and hashing it.
 * Resumable: an object the bucket already holds with the same size is not sent again (but is
 * still read back). Never deletes or changes the filesystem archive.
 */
export async function migrateToS3(opts: {
  db: Db;
  dataDir: string;
  client: S3Client;
  settings: Pick<S3Settings, 'bucket' | 'prefix'>;
  /** Objects handled at once. */
  concurrency?: number;
  /** Called after each object, for progress. */
  progress?: (done: number, report: MigrationReport) => void;
}): Promise<MigrationReport> {
  const { client, settings } = opts;
  const target = s3Storage({ client, settings, dataDir: opts.dataDir });
  const keys = await indexedKeys(opts.db);
  const report: MigrationReport = {
    total: keys.length,
    copied: 0,
    skipped: 0,
    verified: 0,
    problems: [],
  };
  let next = 0;
  let done = 0;
  const one = async (key: string) => {
    const file = await objectPath(opts.dataDir, key);
    const local = await fs.promises.stat(file).catch(() => null);
    const remote = await target.size(key);
    if (remote !== null && local !== null && remote === local.size) {
      report.skipped++;
    } else {
      if (!local) {
        // Nothing to copy from; an object already in the bucket is still checked below.
        if (remote === null) return void report.problems.push({ key, problem: 'missing' });
      } else {
        const staged = await target.stage(fs.createReadStream(file), Number.MAX_SAFE_INTEGER);
        if (staged.sha256 !== key) {
          await target.discard(staged);
          return void report.problems.push({ key, problem: 'local' });
        }
        await target.commit(staged);
        report.copied++;
      }
    }
    if ((await hashInBucket(client, settings.bucket, s3KeyOf(settings.prefix, key))) === key)
      report.verified++;
    else report.problems.push({ key, problem: 'mismatch' });
  };
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      await one(key).catch((e: unknown) =>
        report.problems.push({ key, problem: 'failed', detail: (e as Error).message }),
      );
      opts.progress?.(++done, report);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  report.problems.sort((a, b) => a.key.localeCompare(b.key));
  return report;
}
