import type { Priority } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { dueAtFor } from './routingData';
import type { TaskFacts } from './taskFacts';
import { announceConsultationQueued } from './taskNotices';

/**
 * Opens the consultation task of a held report, in the caller's transaction: type
 * `consultation`, the primary read as parent, its priority and centre, a fresh SLA clock, and
 * the question (if asked by hand). It is queued on the consultants' worklists (only consultants
 * may claim it). The primary read is held with its reader: its claim is kept without a
 * heartbeat, so it does not lapse back to the queue while the consultant decides. The centre's
 * consultants are told in the same transaction.
 */
export async function openConsultationTask(
  trx: Db,
  c: { primary: TaskFacts; question: string | null; reason: string; now: Date },
): Promise<string> {
  const { primary, now } = c;
  const centreId =
    primary.centreId ??
    (
      await trx
        .selectFrom('clinics')
        .select('home_centre_id')
        .where('id', '=', primary.clinicId)
        .executeTakeFirstOrThrow()
    ).home_centre_id;
  const priority = primary.priority as Priority;
  const inserted = await trx
    .insertInto('reading_tasks')
    .values({
      study_id: primary.studyId,
      clinic_id: primary.clinicId,
      type: 'consultation',
      state: 'queued',
      priority,
      centre_id: centreId,
      created_at: now,
      queued_at: now,
      due_at: await dueAtFor(trx, primary.clinicId, priority, now),
      routing_reason: c.reason,
      parent_task_id: primary.id,
      consultation_question: c.question,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('reading_tasks')
    .set({ heartbeat_at: null })
    .where('id', '=', primary.id)
    .execute();
  await announceConsultationQueued(trx, inserted.id, [primary.assigneeId]);
  return inserted.id;
}
