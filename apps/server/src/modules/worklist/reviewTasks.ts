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
  return openHomeCentreTask(trx, {
    ...r,
    priority: 'routine',
    dueAt: null,
  });
}

/** A task beside a study's primary read, queued on the clinic's home centre. */
export interface HomeCentreTask {
  type: 'peer_review' | 'qc_read' | 'second_opinion';
  studyId: string;
  clinicId: string;
  priority: 'routine' | 'urgent';
  /** Its SLA due time; null: no clinical deadline (it sorts after every primary read). */
  dueAt: Date | null;
  /** Who must never get it (claims, the next-task pick, push and reassignment refuse them). */
  excludedReaderId: string | null;
  reason: string;
  now: Date;
}

/**
 * Queues a task beside the primary read in the caller's transaction, on the clinic's home centre
 * (review tasks and second opinions: routing by service hours is the primary read's).
 */
export async function openHomeCentreTask(trx: Db, t: HomeCentreTask): Promise<string> {
  const clinic = await trx
    .selectFrom('clinics')
    .select('home_centre_id')
    .where('id', '=', t.clinicId)
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('reading_tasks')
    .values({
      study_id: t.studyId,
      clinic_id: t.clinicId,
      type: t.type,
      state: 'queued',
      priority: t.priority,
      centre_id: clinic.home_centre_id,
      created_at: t.now,
      queued_at: t.now,
      due_at: t.dueAt,
      routing_reason: t.reason,
      excluded_reader_id: t.excludedReaderId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
