import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../../config';
import { VERSION } from '../../version';
import { createDb, type Db } from '../db';
import { embeddedClusterDir, ensureDatabase } from '../database';
import { canConnect, embeddedUrlFor, startEmbeddedPostgres } from '../embeddedPostgres';
import { openStorage } from '../openStorage';
import { indexedKeys } from '../storageMigrate';
import { assertToolFits, baseBackup, dumpDatabase } from './databaseCopy';
import {
  BACKUP_FORMAT,
  countRows,
  manifestPath,
  type BackupCounts,
  type BackupManifest,
  type DatabaseMethod,
} from './manifest';
import { copyObjectsOut, type ObjectProblem } from './objects';

/** What a backup run did, for the tool to print. */
export interface BackupResult {
  manifest: BackupManifest;
  problems: ObjectProblem[];
  seconds: { database: number; objects: number };
}

const EMBEDDED_DB = 'telerad';

/**
 * The manifest's keys and counts, read in one REPEATABLE READ snapshot of `url`, after `first`
 * (which may export that snapshot to pg_dump) has run in it.
 */
async function inSnapshot(
  url: string,
  first?: (trx: Db) => Promise<void>,
): Promise<{ keys: string[]; counts: BackupCounts }> {
  const { db } = createDb(url, 2);
  try {
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await first?.(trx);
        return { keys: await indexedKeys(trx), counts: await countRows(trx) };
      });
  } finally {
    await db.destroy();
  }
}

/**
 * Backs up the database and every object it indexes into `outDir` (docs/adr/0048):
 * - external database: `pg_dump -Fc` in an exported REPEATABLE READ snapshot, the manifest's keys
 *   and counts read in that same snapshot;
 * - embedded database: a base backup of the cluster, running (the server's) or started here;
 *   keys and counts are read just after `pg_backup_stop`.
 * Objects are content-addressed and never rewritten, so copying them after the snapshot copies
 * exactly the bytes the snapshot names; objects stored later are not in it and not needed.
 */
export async function runBackup(opts: {
  config: Config;
  outDir: string;
  log: (line: string) => void;
}): Promise<BackupResult> {
  const { config, outDir, log } = opts;
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length)
    throw new Error(`${outDir} is not empty: give a new directory for each backup`);
  fs.mkdirSync(outDir, { recursive: true });
  const t0 = Date.now();
  const url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let method: DatabaseMethod;
  let file: string;
  let serverVersion: string;
  let keys: string[] = [];
  let counts: BackupCounts;
  try {
    if (url) {
      serverVersion = await assertToolFits('pg_dump', url);
      method = 'pg_dump';
      file = 'database.dump';
      log(`Dumping the database (PostgreSQL ${serverVersion}) with pg_dump…`);
      ({ keys, counts } = await inSnapshot(url, async (trx) => {
        const snap = await sql<{ s: string }>`select pg_export_snapshot() as s`.execute(trx);
        await dumpDatabase(url!, snap.rows[0]!.s, path.join(outDir, file));
      }));
    } else {
      const clusterDir = embeddedClusterDir(config.dataDir);
      let adminUrl = embeddedUrlFor(clusterDir, 'postgres');
      if (!(await canConnect(adminUrl))) {
        log('The embedded database is not running: starting it for the backup.');
        const pgc = await startEmbeddedPostgres({ dir: clusterDir, log });
        await ensureDatabase(pgc.adminUrl, EMBEDDED_DB);
        adminUrl = pgc.adminUrl;
        stopEmbedded = () => pgc.stop();
      }
      method = 'base-backup';
      file = 'postgres';
      log(`Copying the embedded database cluster (base backup) from ${clusterDir}…`);
      ({ serverVersion } = await baseBackup({
        adminUrl,
        clusterDir,
        outDir: path.join(outDir, file),
      }));
      ({ keys, counts } = await inSnapshot(embeddedUrlFor(clusterDir, EMBEDDED_DB)));
    }
  } finally {
    await stopEmbedded?.();
  }
  const createdAt = new Date().toISOString();
  const t1 = Date.now();
  log(
    `Database copied in ${((t1 - t0) / 1000).toFixed(1)} s: ${counts.studies} studies, ${counts.instances} instances, ${counts.reports} reports, ${keys.length} objects indexed.`,
  );
  const storage = openStorage(config.dataDir, config.storage);
  let shown = 0;
  const { objects, problems } = await copyObjectsOut({
    storage,
    keys,
    dir: outDir,
    progress: (done) => {
      if (done === keys.length || Date.now() - shown > 2000) {
        shown = Date.now();
        log(`  objects ${done}/${keys.length}`);
      }
    },
  });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    teleradVersion: VERSION,
    createdAt,
    database: { method, serverVersion, file },
    counts,
    objects,
  };
  // Written last: a directory without a manifest is an unfinished backup and restore refuses it.
  if (!problems.length) fs.writeFileSync(manifestPath(outDir), JSON.stringify(manifest, null, 1));
  return {
    manifest,
    problems,
    seconds: { database: (t1 - t0) / 1000, objects: (Date.now() - t1) / 1000 },
  };
}
