import { QUALITY_REASON_LABELS, type ReportContent } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { notifyEvent, studyFacts } from '../notifications';
import { holdForImages, onImagesArrived, type HeldForImages, type TaskFacts } from '../worklist';
import { signerOf } from './actors';

/**
 * An unreadable study (quality grade 4) does not finish the read: the report becomes
 * `retake_requested`, a retake request with the quality reasons (and the remarks as a note) is
 * recorded for the clinic, and the worklist holds the task for new images (`awaiting_images`,
 * claim cleared). The clinic and its assistants are told (`retake.requested`). Runs in the
 * signing transaction.
 */
export async function requestRetake(
  trx: Db,
  r: { actor: Actor; task: TaskFacts; reportId: string; content: ReportContent; now: Date },
): Promise<void> {
  const signer = await signerOf(trx, r.actor);
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
  const request = await trx
    .insertInto('retake_requests')
    .values({
      report_id: r.reportId,
      task_id: r.task.id,
      study_id: r.task.studyId,
      clinic_id: r.task.clinicId,
      reasons: r.content.quality.reasons,
      note: note || null,
      requested_by: signer.id,
      requested_by_name: signer.name,
      requested_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const facts = await studyFacts(trx, r.task.studyId);
  await notifyEvent(trx, {
    kind: 'retake.requested',
    facts: {
      ...facts,
      reasons:
        r.content.quality.reasons.map((q) => QUALITY_REASON_LABELS[q].toLowerCase()).join(', ') ||
        'the image cannot be read',
    },
    key: request.id,
    taskId: r.task.id,
    clinicId: r.task.clinicId,
  });
  await holdForImages(trx, r.task.id);
}

/**
 * The worklist asks, in its transaction, whether a read held for a retake resumes: only when
 * images arrived after the open request. Then the request is marked fulfilled and the report
 * returns to draft (its content kept for the next reader); the worklist queues the read again.
 * A stable event without new images changes nothing.
 */
export async function settleRetakeOnNewImages(trx: Db, held: HeldForImages): Promise<boolean> {
  const k = await trx
    .selectFrom('retake_requests as k')
    .innerJoin('studies as s', 's.id', 'k.study_id')
    .select(['k.id', 'k.report_id'])
    .where('k.task_id', '=', held.taskId)
    .where('k.fulfilled_at', 'is', null)
    .where(sql<boolean>`s.last_received_at > k.requested_at`)
    .forUpdate('k')
    .executeTakeFirst();
  if (!k) return false;
  await trx
    .updateTable('retake_requests')
    .set({ fulfilled_at: held.now })
    .where('id', '=', k.id)
    .execute();
  await trx
    .updateTable('reports')
    .set((eb) => ({ state: 'draft', revision: eb('revision', '+', 1), updated_at: held.now }))
    .where('id', '=', k.report_id)
    .execute();
  return true;
}

/**
 * Lets the worklist resume reads held for a retake (it cannot import reports). Every process
 * that runs the stable-study path calls this at start; idempotent.
 */
export function wireRetakes(): void {
  onImagesArrived(settleRetakeOnNewImages);
}
