import type { ReportContent } from '@telerad/contracts';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { fulfilOnNewImages, openRetakeRequest } from '../retakes';
import { onImagesArrived, type HeldForImages, type TaskFacts } from '../worklist';

/**
 * An unreadable study (quality grade 4) does not finish the read: the report becomes
 * `retake_requested`, and a retake request with the quality reasons (and the remarks as a note)
 * goes to the clinic through the retakes module, which tells the clinic and its assistants and
 * has the worklist hold the task for new images. Runs in the signing transaction.
 */
export async function requestRetake(
  trx: Db,
  r: { actor: Actor; task: TaskFacts; reportId: string; content: ReportContent; now: Date },
): Promise<void> {
  await trx
    .updateTable('reports')
    .set((eb) => ({
      state: 'retake_requested',
      revision: eb('revision', '+', 1),
      updated_at: r.now,
    }))
    .where('id', '=', r.reportId)
    .execute();
  const note = [r.content.remarks.trim(), r.content.impression.trim()].filter(Boolean).join('\n');
  await openRetakeRequest(trx, {
    actor: r.actor,
    task: r.task,
    kind: 'retake',
    reasons: r.content.quality.reasons,
    views: [],
    note: note || null,
    reportId: r.reportId,
    now: r.now,
  });
}

/**
 * The worklist asks, in its transaction, whether a read held for a retake resumes: the retakes
 * module says whether images arrived after the open requests (and marks them fulfilled); the
 * reports that asked return to draft (their content kept for the next reader). A stable event
 * without new images changes nothing.
 */
export async function settleRetakeOnNewImages(trx: Db, held: HeldForImages): Promise<boolean> {
  const fulfilled = await fulfilOnNewImages(trx, held);
  if (!fulfilled) return false;
  if (fulfilled.reportIds.length)
    await trx
      .updateTable('reports')
      .set((eb) => ({ state: 'draft', revision: eb('revision', '+', 1), updated_at: held.now }))
      .where('id', 'in', fulfilled.reportIds)
      .where('state', '=', 'retake_requested')
      .execute();
  return true;
}

/**
 * Lets the worklist resume reads held for a retake (it cannot import reports or retakes). Every
 * process that runs the stable-study path calls this at start; idempotent.
 */
export function wireRetakes(): void {
  onImagesArrived(settleRetakeOnNewImages);
}
