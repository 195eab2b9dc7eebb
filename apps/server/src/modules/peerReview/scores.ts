import {
  RADPEER_SCORES,
  type PeerReviewReason,
  type PeerScoreList,
  type PeerScoreQuery,
  type RadpeerScore,
} from '@telerad/contracts';
import type { Actor, ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { can, clinicScope, inClinicScope } from '../auth';

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * `GET /api/peer-reviews`: peer-review scores. Confidential: a radiologist (or consultant) gets
 * only the scores of their own reads, without the reviewer's name; QA gets everyone's, named
 * (or only their own reads with `mine`). The distribution counts the listed scores.
 */
export async function listScores(ctx: ServiceContext, q: PeerScoreQuery): Promise<PeerScoreList> {
  const actor = actorOf(ctx);
  const all = can(actor, 'peerReview:scores:all');
  const ownOnly = q.mine || !all;
  const rows = await ctx.db
    .selectFrom('peer_reviews as r')
    .innerJoin('peer_review_programmes as p', 'p.id', 'r.programme_id')
    .innerJoin('studies as s', 's.id', 'r.study_id')
    .innerJoin('clinics as c', 'c.id', 'r.clinic_id')
    .leftJoin('users as rv', 'rv.id', 'r.reviewer_id')
    .leftJoin('users as rd', 'rd.id', 'r.reader_id')
    .leftJoin('discrepancy_cases as d', 'd.peer_review_id', 'r.id')
    .select([
      'r.id',
      'r.report_id',
      'r.reason',
      'r.blind',
      'r.score',
      'r.comment',
      'r.scored_at',
      'r.created_at',
      's.study_uid',
      's.patient_name',
      'c.name as clinic_name',
      'p.name as programme_name',
      'rv.display_name as reviewer_name',
      'rd.display_name as reader_name',
      'd.id as discrepancy_id',
      'd.state as discrepancy_state',
      'd.feedback',
      'd.addendum_version',
    ])
    .where(inClinicScope(clinicScope(actor), 'r.clinic_id'))
    .$if(ownOnly, (qb) => qb.where('r.reader_id', '=', actor.userId))
    // Open reviews are never shown to the reader: only a score, once given, is theirs to see.
    .$if(q.scored || ownOnly, (qb) => qb.where('r.scored_at', 'is not', null))
    .orderBy('r.scored_at', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(q.limit)
    .execute();
  const distribution = Object.fromEntries(RADPEER_SCORES.map((s) => [s, 0])) as Record<
    RadpeerScore,
    number
  >;
  for (const r of rows) if (r.score) distribution[r.score as RadpeerScore]++;
  return {
    distribution,
    items: rows.map((r) => ({
      id: r.id,
      reportId: r.report_id,
      studyUid: r.study_uid,
      clinicName: r.clinic_name,
      patientName: r.patient_name,
      programmeName: r.programme_name,
      reason: r.reason as PeerReviewReason,
      blind: r.blind,
      score: r.score as RadpeerScore | null,
      comment: r.comment,
      scoredAt: r.scored_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      readerName: all && !q.mine ? r.reader_name : null,
      reviewerName: all && !q.mine ? r.reviewer_name : null,
      discrepancy: r.discrepancy_id
        ? {
            id: r.discrepancy_id,
            state: r.discrepancy_state as 'open' | 'closed',
            feedback: r.feedback,
            addendumVersion: r.addendum_version,
          }
        : null,
    })),
  };
}
