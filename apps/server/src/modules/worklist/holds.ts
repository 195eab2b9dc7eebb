import type { Priority } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { pushAssign } from './assignment';
import { emitTaskEvents } from './events';
import { taskDueAt } from './dueTime';

/** A primary read held for new images, as the module that held it is asked about it. */
export interface HeldForImages {
  taskId: string;
  studyId: string;
  now: Date;
}

/**
 * Decides, inside the worklist's transaction, whether a read held for images resumes now, and
 * settles the deciding module's own rows there (reports: the retake request fulfilled, the
 * report back to draft), so the read and the report change together or not at all.
 */
export type ImagesArrivedHandler = (trx: Db, held: HeldForImages) => Promise<boolean>;

let imagesArrived: ImagesArrivedHandler | null = null;

/**
 * Installs the one handler of reads held for images (`reports` holds them for a retake;
 * the worklist cannot import it back). `null` removes it, after which a held read found on a
 * stable study is an error, never a silent skip.
 */
export function onImagesArrived(handler: ImagesArrivedHandler | null): void {
  imagesArrived = handler;
}

/**
 * Holds a primary read for new images (an unreadable study, a retake asked of the clinic), in
 * the caller's transaction: it leaves every worklist (`awaiting_images`) and its claim is
 * cleared. The caller emits `task.updated` after its commit.
 */
export async function holdForImages(trx: Db, taskId: string): Promise<void> {
  await trx
    .updateTable('reading_tasks')
    .set({ state: 'awaiting_images', assignee_id: null, claimed_at: null, heartbeat_at: null })
    .where('id', '=', taskId)
    .execute();
}

/**
 * A study became stable again: when its primary read is held for images and the holder says
 * they have arrived, the read is queued again with a fresh due time from `now` while it keeps its
 * first arrival (`first_queued_at`) for turnaround; the holder's rows change in the same
 * transaction. Returns the read queued again, or null.
 */
export async function resumeAfterNewImages(
  db: Db,
  studyId: string,
  now: Date = new Date(),
): Promise<string | null> {
  const taskId = await db.transaction().execute(async (trx) => {
    const t = await trx
      .selectFrom('reading_tasks')
      .select(['id', 'clinic_id', 'study_id', 'priority'])
      .where('study_id', '=', studyId)
      .where('type', '=', 'primary_read')
      .where('state', '=', 'awaiting_images')
      .forUpdate()
      .executeTakeFirst();
    if (!t) return null;
    if (!imagesArrived)
      throw new Error(
        `read ${t.id} is held for images but no module handles their arrival (onImagesArrived)`,
      );
    if (!(await imagesArrived(trx, { taskId: t.id, studyId, now }))) return null;
    const dueAt = await taskDueAt(trx, t, t.priority as Priority, now);
    // The read rejoins the queue now with a fresh reading window, but its first arrival is
    // kept: turnaround is counted from it (`completion.ts`), retake wait included.
    await trx
      .updateTable('reading_tasks')
      .set({
        state: 'queued',
        first_queued_at: sql<Date>`coalesce(first_queued_at, queued_at)`,
        queued_at: now,
        due_at: dueAt,
        assignee_id: null,
      })
      .where('id', '=', t.id)
      .execute();
    return t.id;
  });
  if (taskId) {
    await emitTaskEvents({ type: 'task.updated', taskId });
    await pushAssign(db, { now, taskIds: [taskId] });
  }
  return taskId;
}
