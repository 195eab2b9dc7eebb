import fs from 'node:fs';
import path from 'node:path';

/**
 * The files in a data directory's `staging/` that hold bytes. Storage keeps empty staging files
 * open ahead of need (platform/storage.ts), so "nothing staged" means no file with content.
 */
export function stagedFiles(dataDir: string): string[] {
  const dir = path.join(dataDir, 'staging');
  return fs.readdirSync(dir).filter((name) => fs.statSync(path.join(dir, name)).size > 0);
}

/** Whether nothing is left staged in `dataDir`. */
export const stagingEmpty = (dataDir: string): boolean => stagedFiles(dataDir).length === 0;
