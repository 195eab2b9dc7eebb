import {
  opensDiscrepancy,
  type BlindReadBody,
  type PeerReviewReason,
  type PeerReviewTaskAnswer,
  type PeerScoreBody,
  type RadpeerScore,
} from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { notifyEvent, studyFacts } from '../notifications';
import { getReport } from '../reports';
import {
  completeTasksInTransaction,
  emitTaskEvents,
  loadTaskFacts,
  requireClaimant,
  worklistTask,
  type WorklistClock,
} from '../worklist';

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** The peer review behind a task, with the task checked through the clinic scope. */
async function reviewOfTask(db: Db, actor: Actor, taskId: string, lock: boolean) {
  const task = await loadTaskFacts(db, actor, taskId, { lock });
  if (task.type !== 'peer_review') throw appError('NOT_FOUND', undefined, 'No such peer review.');
  const q = db
    .selectFrom('peer_reviews as r')
    .innerJoin('peer_review_programmes as p', 'p.id', 'r.programme_id')
    .selectAll('r')
    .select('p.name as programme_name')
    .where('r.task_id', '=', taskId);
  const review = await (lock ? q.forUpdate('r') : q).executeTakeFirst();
  if (!review) throw appError('NOT_FOUND', undefined, 'No such peer review.');
  // Defence in depth: the worklist never hands a reader their own read, nor does this.
  if (review.reader_id === actor.userId) throw appError('TASK_OWN_READ');
  return { task, review };
}

/**
 * `GET /api/tasks/:id/peer-review`: the reviewer's view of the task they claimed (or scored). A
 * blind review shows the original report only once the reviewer recorded their own impression;
 * the original reader is never named.
 */
export async function getPeerReviewTask(
  ctx: ServiceContext,
  taskId: string,
  clock: WorklistClock,
): Promise<PeerReviewTaskAnswer> {
  const actor = actorOf(ctx);
  const { task, review } = await reviewOfTask(ctx.db, actor, taskId, false);
  const scoredByCaller = review.scored_at !== null && review.reviewer_id === actor.userId;
  if (!scoredByCaller) requireClaimant(actor, task);
  const wl = await worklistTask(ctx.db, taskId, clock);
  if (!wl) throw appError('NOT_FOUND', undefined, 'No such peer review.');
  const revealed = !review.blind || review.blind_read_at !== null || review.scored_at !== null;
  const report = revealed ? await getReport(ctx, review.report_id) : null;
  // The reviewer judges the read, not the person: the signer is not shown.
  const original = report && {
    ...report,
    authorId: null,
    signedBy: null,
    signerName: 'the original reader',
    signerCredentials: null,
    versions: report.versions?.map((v) => ({
      ...v,
      authorName: 'Original reader',
      authorCredentials: null,
    })),
  };
  return {
    id: review.id,
    task: wl,
    programmeName: review.programme_name,
    blind: review.blind,
    reason: review.reason as PeerReviewReason,
    ownRead:
      review.blind_read_at && review.reviewer_impression !== null
        ? {
            impression: review.reviewer_impression,
            abnormal: review.reviewer_abnormal ?? false,
            at: review.blind_read_at.toISOString(),
          }
        : null,
    original,
    score: review.score as RadpeerScore | null,
    comment: review.comment,
    scoredAt: review.scored_at?.toISOString() ?? null,
  };
}

/**
 * `POST /api/tasks/:id/peer-review/blind-read`: a blind reviewer's own impression, recorded once
 * before the original report is revealed.
 */
export async function recordBlindRead(
  ctx: ServiceContext,
  taskId: string,
  body: BlindReadBody,
  clock: WorklistClock,
): Promise<PeerReviewTaskAnswer> {
  const actor = actorOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const { task, review } = await reviewOfTask(trx, actor, taskId, true);
    requireClaimant(actor, task);
    if (!review.blind) throw appError('PEER_REVIEW_NOT_BLIND');
    if (review.blind_read_at) throw appError('PEER_REVIEW_BLIND_READ_DONE');
    await trx
      .updateTable('peer_reviews')
      .set({
        reviewer_impression: body.impression,
        reviewer_abnormal: body.abnormal,
        blind_read_at: clock.now,
      })
      .where('id', '=', review.id)
      .execute();
    await auditWrite(ctx, trx, {
      resourceId: taskId,
      clinicId: task.clinicId,
      details: { peerReviewId: review.id },
    });
  });
  return getPeerReviewTask(ctx, taskId, clock);
}

/**
 * `POST /api/tasks/:id/peer-review/score`: the claimant's RADPEER score and comment, in one
 * transaction with the task's completion; score 3 or any "b" also opens a discrepancy case and
 * tells the centre's consultants (in the same transaction). A blind review is scored only after
 * the reviewer's own read. The task event goes out after the commit.
 */
export async function scorePeerReview(
  ctx: ServiceContext,
  taskId: string,
  body: PeerScoreBody & { score: RadpeerScore },
  clock: WorklistClock,
): Promise<PeerReviewTaskAnswer> {
  const actor = actorOf(ctx);
  const changes = await ctx.db.transaction().execute(async (trx) => {
    const { task, review } = await reviewOfTask(trx, actor, taskId, true);
    requireClaimant(actor, task);
    if (review.scored_at) throw appError('TASK_CLOSED');
    if (review.blind && !review.blind_read_at) throw appError('PEER_REVIEW_BLIND_READ_FIRST');
    const comment = body.comment?.trim() || null;
    await trx
      .updateTable('peer_reviews')
      .set({ score: body.score, comment, reviewer_id: actor.userId, scored_at: clock.now })
      .where('id', '=', review.id)
      .execute();
    let discrepancyId: string | null = null;
    if (opensDiscrepancy(body.score)) {
      const opened = await trx
        .insertInto('discrepancy_cases')
        .values({
          peer_review_id: review.id,
          report_id: review.report_id,
          study_id: review.study_id,
          clinic_id: review.clinic_id,
          opened_at: clock.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      discrepancyId = opened.id;
      await notifyEvent(trx, {
        kind: 'peer_review.discrepancy',
        facts: { ...(await studyFacts(trx, review.study_id)), score: body.score },
        key: opened.id,
        clinicId: review.clinic_id,
        centreId: task.centreId,
        exceptUserIds: [actor.userId, review.reader_id],
      });
    }
    const completed = await completeTasksInTransaction({ ...ctx, db: trx }, [taskId], clock.now);
    await auditWrite(ctx, trx, {
      resourceId: taskId,
      clinicId: task.clinicId,
      details: { peerReviewId: review.id, score: body.score, discrepancyId },
    });
    return completed;
  });
  await emitTaskEvents(...changes);
  return getPeerReviewTask(ctx, taskId, clock);
}
