import type { Priority, ReportContent } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { emitTaskEvents, pushAssign } from '../worklist';
import { slaDueAt } from './sla';
import { signerOf, type TaskFacts } from './taskAccess';

/**
 * An unreadable study (quality grade 4) does not finish the read: the report becomes
 * `retake_requested`, a retake request with the quality reasons (and the remarks as a note) is
 * recorded for the clinic, and the task leaves the worklist to wait for new images
 * (`awaiting_images`, claim cleared). Runs in the signing transaction.
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
  await trx
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
    .execute();
  await trx
    .updateTable('reading_tasks')
    .set({ state: 'awaiting_images', assignee_id: null, claimed_at: null, heartbeat_at: null })
    .where('id', '=', r.task.id)
    .execute();
}

/**
 * A study that became stable again: when its primary read waits for a retake and images arrived
 * after the request, the read is queued again with a fresh SLA clock, the retake request is
 * marked fulfilled and the report returns to draft (its content kept for the next reader).
 * Called from the stable-study path; a stable event without new images changes nothing.
 * Returns the task queued again, or null.
 */
export async function requeueAfterNewImages(
  db: Db,
  studyId: string,
  now: Date = new Date(),
): Promise<string | null> {
  const taskId = await db.transaction().execute(async (trx) => {
    const t = await trx
      .selectFrom('reading_tasks as t')
      .innerJoin('studies as s', 's.id', 't.study_id')
      .innerJoin('retake_requests as k', (j) =>
        j.onRef('k.task_id', '=', 't.id').on('k.fulfilled_at', 'is', null),
      )
      .select(['t.id', 't.clinic_id', 't.priority', 'k.id as retake_id', 'k.report_id'])
      .where('t.study_id', '=', studyId)
      .where('t.type', '=', 'primary_read')
      .where('t.state', '=', 'awaiting_images')
      .where(sql<boolean>`s.last_received_at > k.requested_at`)
      .forUpdate('t')
      .executeTakeFirst();
    if (!t) return null;
    const dueAt = await slaDueAt(trx, t.clinic_id, t.priority as Priority, now);
    await trx
      .updateTable('reading_tasks')
      .set({ state: 'queued', queued_at: now, due_at: dueAt, assignee_id: null })
      .where('id', '=', t.id)
      .execute();
    await trx
      .updateTable('retake_requests')
      .set({ fulfilled_at: now })
      .where('id', '=', t.retake_id)
      .execute();
    await trx
      .updateTable('reports')
      .set((eb) => ({ state: 'draft', revision: eb('revision', '+', 1), updated_at: now }))
      .where('id', '=', t.report_id)
      .execute();
    return t.id;
  });
  if (taskId) {
    await emitTaskEvents({ type: 'task.updated', taskId });
    await pushAssign(db, { now, taskIds: [taskId] });
  }
  return taskId;
}
