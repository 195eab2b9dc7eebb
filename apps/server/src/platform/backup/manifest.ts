import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db';

/** Bumped when the backup directory's layout changes; restore refuses a version it does not know. */
export const BACKUP_FORMAT = 1;

/** How the database copy in a backup was taken (docs/adr/0048). */
export type DatabaseMethod = 'base-backup' | 'pg_dump';

/** Rows that must come back equal after a restore. */
export interface BackupCounts {
  studies: number;
  instances: number;
  reports: number;
}

/** One indexed object of the archive, as copied into the backup. */
export interface ManifestObject {
  key: string;
  size: number;
  sha256: string;
}

/** `manifest.json` of a backup directory. */
export interface BackupManifest {
  format: number;
  teleradVersion: string;
  /** ISO time the database copy was finished. */
  createdAt: string;
  database: { method: DatabaseMethod; serverVersion: string; file: string };
  counts: BackupCounts;
  objects: ManifestObject[];
}

/** The manifest file of a backup directory. */
export const manifestPath = (dir: string) => path.join(dir, 'manifest.json');

/** Where a backup keeps an object: the filesystem archive's own layout, under the backup. */
export const backupObjectPath = (dir: string, key: string) =>
  path.join(dir, 'objects', key.slice(0, 2), key);

/** Counts the rows a restore must reproduce, in the snapshot of `db` (a transaction or pool). */
export async function countRows(db: Db): Promise<BackupCounts> {
  const r = await sql<BackupCounts>`
    select (select count(*) from studies)::int as studies,
           (select count(*) from instances)::int as instances,
           (select count(*) from reports)::int as reports`.execute(db);
  return r.rows[0]!;
}

/** Reads and checks a backup's manifest; throws with a plain message when it cannot be used. */
export function readManifest(dir: string): BackupManifest {
  const file = manifestPath(dir);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${dir} is not a Telerad backup`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (m.format !== BACKUP_FORMAT)
    throw new Error(`Backup format ${m.format} is not one this version reads (${BACKUP_FORMAT})`);
  return m;
}
