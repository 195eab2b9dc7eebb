import type { Readable } from 'node:stream';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { ObjectStorage } from '../../platform/storage';
import { storedFrames, storedMetadata, type AcceptRange } from '../dicomweb';

/**
 * The teaching viewer's WADO-RS: a case's de-identified study under
 * `/api/teaching/cases/:id/studies/:studyUid/…`, in the shapes the viewer already reads (study
 * metadata, instance frames). Only the case's own copies answer: the original study, its UIDs
 * and its clinic are never reachable from here.
 */

/** The WADO-RS root of one teaching case, as the viewer builds its image ids under it. */
export const caseBase = (caseId: string) => `/api/teaching/cases/${caseId}`;

function caseInstances(db: Db, caseId: string, studyUid: string) {
  return db
    .selectFrom('teaching_instances as i')
    .innerJoin('teaching_cases as c', 'c.id', 'i.case_id')
    .selectAll('i')
    .where('c.id', '=', caseId)
    .where('c.study_uid', '=', studyUid);
}

/** The metadata of every copy in a case's study, in series and instance order. */
export async function caseMetadata(db: Db, caseId: string, studyUid: string): Promise<unknown[]> {
  const rows = await caseInstances(db, caseId, studyUid)
    .orderBy('i.series_number')
    .orderBy('i.instance_number')
    .execute();
  if (!rows.length) throw appError('NOT_FOUND', undefined, 'No such teaching case.');
  return rows.map((r) =>
    storedMetadata(
      r,
      `${caseBase(caseId)}/studies/${studyUid}/series/${r.series_uid}/instances/${r.sop_uid}`,
    ),
  );
}

/** Frames of one copy in a case, as multipart/related. */
export async function caseFrames(
  db: Db,
  storage: ObjectStorage,
  t: { caseId: string; studyUid: string; seriesUid: string; sopUid: string },
  frames: number[],
  accept: AcceptRange[],
): Promise<{ contentType: string; body: Readable }> {
  const row = await caseInstances(db, t.caseId, t.studyUid)
    .where('i.series_uid', '=', t.seriesUid)
    .where('i.sop_uid', '=', t.sopUid)
    .executeTakeFirst();
  if (!row) throw appError('NOT_FOUND', undefined, 'No such image in this teaching case.');
  return storedFrames(storage, row, frames, accept);
}
