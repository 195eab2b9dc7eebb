import type { Db } from '../../platform/db';
import { emitTaskEvents } from './events';
import { dueAtFor } from './routingData';

/**
 * Creates a study's primary read already claimed by `readerId`, outside routing: for reads that
 * are done, not queued (the demo's sample reads, signed at once by the demo radiologist). It is
 * read at the clinic's home centre, queued at `queuedAt` with the SLA clock from then, and its
 * claim has a heartbeat so the sweep leaves it to its reader. Returns the task id.
 */
export async function createClaimedRead(
  db: Db,
  r: { studyId: string; readerId: string; queuedAt: Date; now: Date; reason: string },
): Promise<string> {
  const study = await db
    .selectFrom('studies as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .select(['s.clinic_id', 'c.home_centre_id'])
    .where('s.id', '=', r.studyId)
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('reading_tasks')
    .values({
      study_id: r.studyId,
      clinic_id: study.clinic_id,
      type: 'primary_read',
      state: 'in_progress',
      priority: 'routine',
      centre_id: study.home_centre_id,
      assignee_id: r.readerId,
      claimed_at: r.now,
      heartbeat_at: r.now,
      created_at: r.queuedAt,
      queued_at: r.queuedAt,
      due_at: await dueAtFor(db, study.clinic_id, 'routine', r.queuedAt),
      routing_reason: r.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await emitTaskEvents({ type: 'task.created', taskId: task.id });
  return task.id;
}
