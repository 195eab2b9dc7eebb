import fsp from 'node:fs/promises';
import type { Db } from '../../platform/db';
import type { ObjectStorage, RecoveryReport } from '../../platform/storage';
import { readHeader } from './header';
import { identify } from './service';

/**
 * Settles the staging files an earlier process left, before this one stores anything
 * (docs/adr/0004). Ingest commits an object's index rows alongside the flush of its rename, so
 * a machine that stops in between can leave a committed row whose bytes are whole in `staging/`
 * but not yet at their content address. Such a file (its SOP Instance UID indexed under its
 * content key) is moved into place; every other leftover was never acknowledged and is deleted.
 */
export async function recoverStaging(db: Db, storage: ObjectStorage): Promise<RecoveryReport> {
  return storage.recover(async (key, file) => {
    let sopUid: string;
    try {
      sopUid = identify(readHeader(file, (await fsp.stat(file)).size)).sopUid;
    } catch {
      return false; // not a whole, readable object: it was never indexed
    }
    const row = await db
      .selectFrom('instances')
      .select('id')
      .where('sop_uid', '=', sopUid)
      .where('storage_key', '=', key)
      .executeTakeFirst();
    return row !== undefined;
  });
}
