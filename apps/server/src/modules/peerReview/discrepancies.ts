import type {
  DiscrepancyAnswer,
  DiscrepancyCase,
  DiscrepancyList,
  DiscrepancyQuery,
  DiscrepancyState,
  RadpeerScore,
  ResolveDiscrepancyBody,
} from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { clinicScope, inClinicScope } from '../auth';
import { notifyEvent } from '../notifications';
import {
  addendumInTransaction,
  getReport,
  stepUpIfConfigured,
  type ReleaseQueue,
} from '../reports';

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

const cases = (db: Db) =>
  db
    .selectFrom('discrepancy_cases as d')
    .innerJoin('peer_reviews as r', 'r.id', 'd.peer_review_id')
    .innerJoin('studies as s', 's.id', 'd.study_id')
    .innerJoin('clinics as c', 'c.id', 'd.clinic_id')
    .leftJoin('users as rv', 'rv.id', 'r.reviewer_id')
    .leftJoin('users as rd', 'rd.id', 'r.reader_id')
    .leftJoin('users as co', 'co.id', 'd.consultant_id')
    .select([
      'd.id',
      'd.state',
      'd.opened_at',
      'd.closed_at',
      'd.report_id',
      'd.clinic_id',
      'd.feedback',
      'd.addendum_version',
      'r.score',
      'r.comment',
      'r.reader_id',
      'r.reviewer_impression',
      'r.reviewer_abnormal',
      'r.blind_read_at',
      's.study_uid',
      's.patient_name',
      's.patient_id',
      'c.name as clinic_name',
      'rv.display_name as reviewer_name',
      'rd.display_name as reader_name',
      'co.display_name as consultant_name',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof cases>['execute']>>[number];

function caseOf(r: Row): DiscrepancyCase {
  return {
    id: r.id,
    state: r.state as DiscrepancyState,
    openedAt: r.opened_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    score: r.score as RadpeerScore,
    comment: r.comment,
    reviewerName: r.reviewer_name,
    readerName: r.reader_name,
    reportId: r.report_id,
    studyUid: r.study_uid,
    clinicName: r.clinic_name,
    patientName: r.patient_name,
    patientId: r.patient_id,
    consultantName: r.consultant_name,
    feedback: r.feedback,
    addendumVersion: r.addendum_version,
  };
}

/** `GET /api/peer-review/discrepancies`: open cases first-opened first, or the settled ones. */
export async function listDiscrepancies(
  ctx: ServiceContext,
  q: DiscrepancyQuery,
): Promise<DiscrepancyList> {
  const rows = await cases(ctx.db)
    .where(inClinicScope(clinicScope(actorOf(ctx)), 'd.clinic_id'))
    .$if(q.state !== 'all', (qb) => qb.where('d.state', '=', q.state))
    .orderBy('d.state', 'desc')
    .orderBy('d.opened_at', q.state === 'closed' ? 'desc' : 'asc')
    .limit(500)
    .execute();
  return { items: rows.map(caseOf) };
}

/** `GET /api/peer-review/discrepancies/:id`: one case with the report as released. */
export async function getDiscrepancy(ctx: ServiceContext, id: string): Promise<DiscrepancyAnswer> {
  const row = await cases(ctx.db).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw appError('NOT_FOUND', undefined, 'No such discrepancy case.');
  return {
    ...caseOf(row),
    report: await getReport(ctx, row.report_id),
    ownRead:
      row.blind_read_at && row.reviewer_impression !== null
        ? { impression: row.reviewer_impression, abnormal: row.reviewer_abnormal ?? false }
        : null,
  };
}

/**
 * `POST /api/peer-review/discrepancies/:id/resolve`: the consultant settles an open case. Their
 * feedback goes to the reader (`peer_review.feedback`); with an addendum, the report's addendum
 * is released to the clinic through the reports module's own addendum path. The case, the
 * addendum, the notification and the audit event commit together. The reader of the read in
 * question cannot settle it.
 */
export async function resolveDiscrepancy(
  ctx: ServiceContext,
  id: string,
  body: ResolveDiscrepancyBody,
  opts: { releases: ReleaseQueue; now?: Date },
): Promise<DiscrepancyAnswer> {
  const actor = actorOf(ctx);
  const check = async (db: Db, lock: boolean) => {
    const q = db
      .selectFrom('discrepancy_cases as d')
      .innerJoin('peer_reviews as r', 'r.id', 'd.peer_review_id')
      .select(['d.id', 'd.state', 'd.report_id', 'd.clinic_id', 'r.reader_id', 'r.id as review_id'])
      .where('d.id', '=', id);
    const row = await (lock ? q.forUpdate('d') : q).executeTakeFirst();
    if (!row) throw appError('NOT_FOUND', undefined, 'No such discrepancy case.');
    if (row.state !== 'open') throw appError('DISCREPANCY_CLOSED');
    if (row.reader_id === actor.userId)
      throw appError(
        'FORBIDDEN',
        undefined,
        'This discrepancy is about your own read: another consultant must settle it.',
      );
    return row;
  };
  await check(ctx.db, false);
  const addendum = body.addendum?.trim() || null;
  if (addendum) await stepUpIfConfigured(ctx, body.mfaCode, 'release this addendum');
  const now = opts.now ?? new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await check(trx, true);
    const version = addendum
      ? (
          await addendumInTransaction(ctx, trx, row.report_id, addendum, {
            releases: opts.releases,
            now,
          })
        ).version
      : null;
    await trx
      .updateTable('discrepancy_cases')
      .set({
        state: 'closed',
        closed_at: now,
        consultant_id: actor.userId,
        feedback: body.feedback,
        addendum_version: version,
      })
      .where('id', '=', id)
      .execute();
    await notifyEvent(trx, {
      kind: 'peer_review.feedback',
      facts: {},
      key: id,
      userId: row.reader_id,
    });
    await auditWrite(ctx, trx, {
      resourceId: id,
      clinicId: row.clinic_id,
      details: { peerReviewId: row.review_id, reportId: row.report_id, addendumVersion: version },
    });
  });
  return getDiscrepancy(ctx, id);
}
