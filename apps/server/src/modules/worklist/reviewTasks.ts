import type { Db } from '../../platform/db';

/** A second read of a finalised study by another reader (peer review, QC read). */
export interface ReviewTaskRequest {
  type: 'peer_review' | 'qc_read';
  studyId: string;
  clinicId: string;
  /** The reader who must never get this task: the read's own reader (none for a clinic's read). */
  excludedReaderId: string | null;
  reason: string;
  now: Date;
}

/**
 * Queues a review task in the caller's transaction (the one that finalised the read, so the
 * review exists exactly when the read does). It goes to the clinic's home centre with no SLA
 * clock (a review is not a clinical deadline, so it sorts after every primary read) and carries
 * the reader it must never go to: claiming, the next-task pick, push assignment and reassignment
 * all refuse that reader (claims.ts, assignment.ts). The caller emits `task.created` after its
 * commit.
 */
export async function openReviewTask(trx: Db, r: ReviewTaskRequest): Promise<string> {
  const clinic = await trx
    .selectFrom('clinics')
    .select('home_centre_id')
    .where('id', '=', r.clinicId)
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('reading_tasks')
    .values({
      study_id: r.studyId,
      clinic_id: r.clinicId,
      type: r.type,
      state: 'queued',
      priority: 'routine',
      centre_id: clinic.home_centre_id,
      created_at: r.now,
      queued_at: r.now,
      due_at: null,
      routing_reason: r.reason,
      excluded_reader_id: r.excludedReaderId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
