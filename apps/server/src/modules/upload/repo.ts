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

/** Marks uploads still open after `before` as expired; answers their ids. */
export async function expireOpenUploads(db: Db, before: Date): Promise<string[]> {
  const rows = await db
    .updateTable('uploads')
    .set({ outcome: 'expired', finished_at: new Date() })
    .where('outcome', 'is', null)
    .where('created_at', '<', before)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
