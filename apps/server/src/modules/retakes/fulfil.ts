import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { SR_SOP_CLASSES } from '../ingest';
import type { HeldForImages } from '../worklist';

/**
 * The worklist asks, in its transaction, whether a read held for a retake or extra view resumes:
 * only when images arrived after the open request (an object other than a Structured Report: a
 * clinic's SR is its read, not the images asked for).
 * Then every open request of the read is marked fulfilled there, and the reports they came from
 * are returned for their owner to reopen. Null: nothing arrived since, the read stays held.
 */
export async function fulfilOnNewImages(
  trx: Db,
  held: HeldForImages,
): Promise<{ reportIds: string[] } | null> {
  const open = await trx
    .selectFrom('retake_requests as k')
    .select(['k.id', 'k.report_id'])
    .where('k.task_id', '=', held.taskId)
    .where('k.fulfilled_at', 'is', null)
    .where(
      sql<boolean>`exists (
        select 1 from instances i
        where i.study_id = k.study_id and i.current and i.received_at > k.requested_at
          and i.sop_class_uid <> all(${sql.val(SR_SOP_CLASSES)}::text[]))`,
    )
    .forUpdate('k')
    .execute();
  if (open.length === 0) return null;
  await trx
    .updateTable('retake_requests')
    .set({ fulfilled_at: held.now })
    .where(
      'id',
      'in',
      open.map((k) => k.id),
    )
    .execute();
  return { reportIds: open.flatMap((k) => (k.report_id ? [k.report_id] : [])) };
}
