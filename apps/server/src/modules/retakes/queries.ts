import {
  retakeWhat,
  RETAKE_KIND_LABELS,
  type DeskItem,
  type RetakeKind,
  type RetakeRequest,
} from '@telerad/contracts';
import { formatPersonName } from '@telerad/dicom';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db';
import { inClinicScope } from '../auth';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * "The study has an open retake or extra-view request": the one definition (the SQL function of
 * migration 0025), for every derivation of a study's state. `studyId` is a study id column or
 * value, e.g. `studyHasOpenRetake(sql.ref('s.id'))`.
 */
export function studyHasOpenRetake(studyId: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`study_has_open_retake(${studyId})`;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('retake_requests as k')
    .innerJoin('studies as s', 's.id', 'k.study_id')
    .select([
      'k.id',
      'k.kind',
      'k.report_id',
      's.study_uid',
      'k.reasons',
      'k.views',
      'k.note',
      'k.requested_by_name',
      'k.requested_at',
      'k.acknowledged_at',
      'k.acknowledged_by_name',
      'k.chase_count',
      'k.chased_at',
      'k.fulfilled_at',
    ])
    .orderBy('k.requested_at', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toRequest(k: Row): RetakeRequest {
  const labels = retakeWhat(k);
  return {
    id: k.id,
    kind: k.kind as RetakeKind,
    reportId: k.report_id,
    studyUid: k.study_uid,
    reasons: k.reasons,
    reasonLabels: k.kind === 'retake' ? labels : [],
    views: k.views,
    viewLabels: k.kind === 'extra_view' ? labels : [],
    note: k.note,
    requestedBy: k.requested_by_name,
    requestedAt: k.requested_at.toISOString(),
    acknowledgedBy: k.acknowledged_by_name,
    acknowledgedAt: iso(k.acknowledged_at),
    chaseCount: k.chase_count,
    chasedAt: iso(k.chased_at),
    fulfilledAt: iso(k.fulfilled_at),
  };
}

/**
 * Retake and extra-view requests of some studies or reports, newest first, as the clinic sees
 * them. The caller has checked the studies' scope.
 */
export async function loadRetakeRequests(
  db: Db,
  where: { studyIds?: readonly string[]; reportIds?: readonly string[] },
): Promise<RetakeRequest[]> {
  if (!where.studyIds?.length && !where.reportIds?.length) return [];
  let q = baseQuery(db);
  if (where.studyIds?.length) q = q.where('k.study_id', 'in', [...where.studyIds]);
  if (where.reportIds?.length) q = q.where('k.report_id', 'in', [...where.reportIds]);
  return (await q.execute()).map(toRequest);
}

/** One request, or null. */
export async function loadRetakeRequest(db: Db, id: string): Promise<RetakeRequest | null> {
  const row = await baseQuery(db).where('k.id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : null;
}

/**
 * The assistant's desk items of retakes in `clinicIds`: requests the clinic has not
 * acknowledged (waiting since the request), and acknowledged ones still without new images
 * (waiting since the acknowledgement). Oldest first.
 */
export async function listRetakeDeskItems(
  db: Db,
  opts: { clinicIds: readonly string[]; now: Date },
): Promise<DeskItem[]> {
  if (opts.clinicIds.length === 0) return [];
  const rows = await db
    .selectFrom('retake_requests as k')
    .innerJoin('studies as s', 's.id', 'k.study_id')
    .innerJoin('clinics as c', 'c.id', 'k.clinic_id')
    .select([
      'k.id',
      'k.kind',
      'k.reasons',
      'k.views',
      'k.note',
      'k.requested_at',
      'k.acknowledged_at',
      'k.acknowledged_by_name',
      'k.chase_count',
      'c.id as clinic_id',
      'c.name as clinic_name',
      's.study_uid',
      's.patient_id',
      's.patient_name',
    ])
    .where(inClinicScope(opts.clinicIds, 'k.clinic_id'))
    .where('k.fulfilled_at', 'is', null)
    .where('k.requested_at', '<=', opts.now)
    .orderBy(sql`coalesce(k.acknowledged_at, k.requested_at)`)
    .execute();
  return rows.map((k) => {
    const kind = RETAKE_KIND_LABELS[k.kind as RetakeKind];
    const what = retakeWhat(k)
      .map((w) => w.toLowerCase())
      .join(', ');
    const acked = k.acknowledged_at !== null;
    const chased = k.chase_count > 0 ? ` · chased ${k.chase_count}×` : '';
    return {
      kind: 'retake' as const,
      id: k.id,
      clinicId: k.clinic_id,
      clinicName: k.clinic_name,
      studyUid: k.study_uid,
      patientId: k.patient_id || null,
      patientName: formatPersonName(k.patient_name) || null,
      title: acked
        ? `${kind} acknowledged, no new images yet${what ? `: ${what}` : ''}`
        : `${kind} not acknowledged${what ? `: ${what}` : ''}`,
      detail: acked
        ? `Acknowledged by ${k.acknowledged_by_name}${chased}`
        : `${k.note ?? ''}${chased}`.trim(),
      since: (k.acknowledged_at ?? k.requested_at).toISOString(),
      dueAt: null,
      link: `/studies/${encodeURIComponent(k.study_uid)}`,
    };
  });
}
