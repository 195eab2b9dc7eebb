import type { Db } from '../../platform/db';

/** One upload row (db/migrations/0021), as the module reads it. */
export interface UploadRow {
  id: string;
  clinic_id: string;
  user_id: string;
  file_name: string | null;
  size_bytes: string;
  created_at: Date;
  outcome: string | null;
  error_code: string | null;
  error_message: string | null;
  study_uid: string | null;
  sop_uid: string | null;
  finished_at: Date | null;
}

/** The upload `id`, or undefined. */
export function findUpload(db: Db, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a new upload of `clinicId` by `userId`. */
export async function insertUpload(
  db: Db,
  u: { id: string; clinicId: string; userId: string; fileName: string | null; size: number },
): Promise<void> {
  await db
    .insertInto('uploads')
    .values({
      id: u.id,
      clinic_id: u.clinicId,
      user_id: u.userId,
      file_name: u.fileName,
      size_bytes: u.size,
    })
    .execute();
}

/** What ingest did with a finished upload; only the first answer is kept (false if one was). */
export async function settleUpload(
  db: Db,
  id: string,
  r: {
    outcome: string;
    errorCode?: string | null;
    errorMessage?: string | null;
    studyUid?: string | null;
    sopUid?: string | null;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('uploads')
    .set({
      outcome: r.outcome,
      error_code: r.errorCode ?? null,
      error_message: r.errorMessage ?? null,
      study_uid: r.studyUid ?? null,
      sop_uid: r.sopUid ?? null,
      finished_at: new Date(),
    })
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * The upload `id` if it has no answer yet, locked for this transaction so one finisher alone
 * hands it to ingest; undefined if it is answered or another finisher holds it.
 */
export function lockOpenUpload(db: Db, id: string): Promise<UploadRow | undefined> {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Keeps the passing failure of the latest ingest attempt on an unanswered upload. */
export async function noteIngestFailure(
  db: Db,
  id: string,
  f: { errorCode: string; errorMessage: string },
): Promise<void> {
  await db
    .updateTable('uploads')
    .set({ error_code: f.errorCode, error_message: f.errorMessage })
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .execute();
}

/** Uploads with no answer yet (bytes arriving, or complete and waiting for ingest), oldest first. */
export function openUploads(db: Db, limit: number): Promise<UploadRow[]> {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('outcome', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Marks the open uploads `ids` started before `before` as expired; answers their ids. */
export async function expireOpenUploads(db: Db, ids: string[], before: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('uploads')
    .set({ outcome: 'expired', finished_at: new Date() })
    .where('id', 'in', ids)
    .where('outcome', 'is', null)
    .where('created_at', '<', before)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
