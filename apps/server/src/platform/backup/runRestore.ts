import fs from 'node:fs';
import path from 'node:path';
import { ListObjectsCommand } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import type { Config } from '../../config';
import { createDb } from '../db';
import { embeddedClusterDir, openDatabase } from '../database';
import { openStorage } from '../openStorage';
import { indexedKeys } from '../storageMigrate';
import { s3Client } from '../storageS3';
import { assertToolFits, placeBaseBackup, restoreDump } from './databaseCopy';
import { countRows, readManifest, type BackupCounts, type BackupManifest } from './manifest';
import { copyObjectsIn, eachLimited, hashStored, type ObjectProblem } from './objects';

/** What a restore run did and what its verification found. */
export interface RestoreResult {
  manifest: BackupManifest;
  /** Objects that could not be put back, or that fail the verification pass. */
  problems: ObjectProblem[];
  /** Counts of the restored database that differ from the manifest's. */
  countDifferences: string[];
  /** Keys the restored index names that are in no manifest entry. */
  unlisted: string[];
  verified: number;
  counts: BackupCounts;
  seconds: { database: number; objects: number; verify: number };
}

/** Why the target is not empty, or null when it is. */
async function targetProblems(config: Config, manifest: BackupManifest): Promise<string[]> {
  const found: string[] = [];
  if (config.databaseUrl) {
    if (manifest.database.method !== 'pg_dump')
      found.push(
        'This backup holds an embedded database (base backup): restore it without DATABASE_URL',
      );
    const { db } = createDb(config.databaseUrl, 1);
    try {
      const r = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
      if (r.rows[0]!.n) found.push(`the database at DATABASE_URL has ${r.rows[0]!.n} tables`);
    } finally {
      await db.destroy();
    }
  } else {
    if (manifest.database.method !== 'base-backup')
      found.push(
        'This backup holds a pg_dump: set DATABASE_URL to an empty database to restore it',
      );
    const dir = embeddedClusterDir(config.dataDir);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length) found.push(`${dir} is not empty`);
  }
  if (config.storage.kind === 'fs') {
    const objects = path.join(config.dataDir, 'objects');
    if (fs.existsSync(objects) && fs.readdirSync(objects).length)
      found.push(`${objects} is not empty`);
  } else {
    const client = s3Client(config.storage);
    try {
      const r = await client.send(
        new ListObjectsCommand({
          Bucket: config.storage.bucket,
          Prefix: config.storage.prefix,
          MaxKeys: 1,
        }),
      );
      if (r.Contents?.length)
        found.push(
          `bucket ${config.storage.bucket} holds objects under "${config.storage.prefix}"`,
        );
    } finally {
      client.destroy();
    }
  }
  return found;
}

/**
 * Restores a backup onto a fresh machine (docs/adr/0048): the database into an empty data
 * directory (embedded) or an empty database (external), the objects into the configured storage
 * (empty directory or empty bucket), then a verification pass over the restored database: every
 * object it indexes is in the manifest, present in the storage and hashes to its key, and the
 * counts equal the manifest's. Refuses a non-empty target unless `force`, changing nothing.
 */
export async function runRestore(opts: {
  config: Config;
  fromDir: string;
  force: boolean;
  log: (line: string) => void;
}): Promise<RestoreResult> {
  const { config, fromDir, log } = opts;
  const manifest = readManifest(fromDir);
  const refusals = await targetProblems(config, manifest);
  const wrongKind = refusals.filter((r) => r.startsWith('This backup'));
  if (wrongKind.length || (refusals.length && !opts.force))
    throw new Error(
      `Refusing to restore: ${refusals.join('; ')}.` +
        (wrongKind.length ? '' : ' Restore onto an empty target, or give --force to overwrite.'),
    );
  const t0 = Date.now();
  const dbFile = path.join(fromDir, manifest.database.file);
  if (config.databaseUrl) {
    await assertToolFits('pg_restore', config.databaseUrl);
    log(`Restoring the database with pg_restore from ${dbFile}…`);
    await restoreDump(config.databaseUrl, dbFile, opts.force);
  } else {
    const dir = embeddedClusterDir(config.dataDir);
    log(`Placing the database cluster into ${dir}…`);
    if (opts.force) fs.rmSync(dir, { recursive: true, force: true });
    placeBaseBackup(dbFile, dir);
  }
  // Starting the embedded cluster replays the backup's WAL to its consistent point.
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: () => undefined,
  });
  const storage = openStorage(config.dataDir, config.storage);
  try {
    const t1 = Date.now();
    log(`Database restored in ${((t1 - t0) / 1000).toFixed(1)} s. Putting back objects…`);
    let shown = 0;
    const problems = await copyObjectsIn({
      storage,
      objects: manifest.objects,
      dir: fromDir,
      progress: (done) => {
        if (done === manifest.objects.length || Date.now() - shown > 2000) {
          shown = Date.now();
          log(`  objects ${done}/${manifest.objects.length}`);
        }
      },
    });
    const t2 = Date.now();
    log('Verifying every indexed object and the counts…');
    const listed = new Map(manifest.objects.map((o) => [o.key, o]));
    const keys = await indexedKeys(database.db);
    const unlisted = keys.filter((k) => !listed.has(k));
    const bad = new Set(problems.map((p) => p.key));
    let verified = 0;
    await eachLimited(keys, async (key) => {
      if (bad.has(key)) return;
      try {
        const got = await hashStored(storage, key);
        if (got.sha256 === key && got.size === (listed.get(key)?.size ?? got.size)) verified++;
        else problems.push({ key, problem: 'mismatch', detail: 'as restored' });
      } catch (e) {
        problems.push({ key, problem: 'missing', detail: (e as Error).message });
      }
    });
    const counts = await countRows(database.db);
    const countDifferences = (Object.keys(counts) as (keyof BackupCounts)[])
      .filter((k) => counts[k] !== manifest.counts[k])
      .map((k) => `${k}: ${counts[k]} restored, ${manifest.counts[k]} in the manifest`);
    problems.sort((a, b) => a.key.localeCompare(b.key));
    return {
      manifest,
      problems,
      countDifferences,
      unlisted,
      verified,
      counts,
      seconds: {
        database: (t1 - t0) / 1000,
        objects: (t2 - t1) / 1000,
        verify: (Date.now() - t2) / 1000,
      },
    };
  } finally {
    await database.close();
  }
}
