import type { Db } from '../../platform/db';
import type { ObjectStorage } from '../../platform/storage';

/** How many of the latest stored instances the start-up check looks at. */
export const RECENT_OBJECTS_CHECKED = 200;

/** An index row whose object is missing, or not the size it was stored with. */
export interface MissingObject {
  sopInstanceUid: string;
  studyInstanceUid: string;
  storageKey: string;
  receivedAt: string;
  /** `missing`: no file under the key; `size`: a file of another size than was stored. */
  problem: 'missing' | 'size';
}

/** What the start-up check of the latest stored objects found (docs/adr/0004, power loss). */
export interface RecentObjectsReport {
  checked: number;
  missing: MissingObject[];
}

/**
 * Checks, at start, that the objects of the most recent index rows exist with the size they
 * were stored with. Ingest commits the index rows before the rename into place is flushed, and
 * never flushes the staging directory: after a power cut (not a process kill), that no row
 * names an object that is gone rests on the filesystem committing those metadata changes in
 * order (docs/adr/0004, "Power loss"). This check is how a centre learns when its filesystem
 * did not: the objects received last before the cut are the ones at risk.
 *
 * The latest instances are found through the studies that received last (an index on
 * `studies.last_received_at`), so the check costs the same on any size of archive.
 */
export async function checkRecentObjects(
  db: Db,
  storage: ObjectStorage,
  limit = RECENT_OBJECTS_CHECKED,
): Promise<RecentObjectsReport> {
  const rows = await db
    .selectFrom(
      db
        .selectFrom('studies')
        .select(['id', 'study_uid'])
        .orderBy('last_received_at', 'desc')
        .limit(limit)
        .as('s'),
    )
    .innerJoin('instances as i', (j) =>
      j.onRef('i.study_id', '=', 's.id').on('i.current', '=', true),
    )
    .select(['i.sop_uid', 's.study_uid', 'i.storage_key', 'i.size_bytes', 'i.received_at'])
    .orderBy('i.received_at', 'desc')
    .limit(limit)
    .execute();
  const missing: MissingObject[] = [];
  await Promise.all(
    rows.map(async (r) => {
      // A HEAD on S3: the check must not download the objects it looks at.
      const size = await storage.size(r.storage_key).catch(() => null);
      if (size === Number(r.size_bytes)) return;
      missing.push({
        sopInstanceUid: r.sop_uid,
        studyInstanceUid: r.study_uid,
        storageKey: r.storage_key,
        receivedAt: new Date(r.received_at).toISOString(),
        problem: size === null ? 'missing' : 'size',
      });
    }),
  );
  missing.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return { checked: rows.length, missing };
}
