import {
  CROSS_CLINIC_PRIOR_PROGRAMMES,
  Programme,
  type PriorStudy,
  type PriorsResponse,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { clinicScope } from '../auth';
import { priorReports } from '../reports';
import { scoped } from './repo';
import { getStudy } from './service';

/** Most priors listed; a screening applicant has a handful at most. */
const MAX_PRIORS = 50;

/**
 * Whether a clinic screening for `programmes` may be shown priors from other clinics: any of its
 * programmes allowing it in {@link CROSS_CLINIC_PRIOR_PROGRAMMES} (data; default none).
 */
export function allowsCrossClinicPriors(
  programmes: readonly string[],
  allowed: Readonly<Record<string, boolean>> = CROSS_CLINIC_PRIOR_PROGRAMMES,
): boolean {
  return programmes.some((p) => Programme.safeParse(p).success && allowed[p] === true);
}

/**
 * The earlier studies of a study's patient (same Patient ID), most recent first: from the same
 * clinic always, from other clinics only where the study's clinic's programme allows it, and
 * never outside the caller's clinic scope. "Earlier" means an earlier study date, or the same
 * date and an earlier arrival; a study without a date counts by its arrival alone. Also answers
 * the current study's clinic, for the audit trail. Each prior comes with its latest report
 * (clinic users: its latest released one).
 */
export async function findPriors(
  ctx: ServiceContext,
  studyUid: string,
): Promise<{ answer: PriorsResponse; clinicId: string }> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const current = await getStudy(ctx, studyUid);
  const clinic = await ctx.db
    .selectFrom('clinics')
    .select('programmes')
    .where('id', '=', current.clinic_id)
    .executeTakeFirstOrThrow();
  const crossClinic = allowsCrossClinicPriors(clinic.programmes);
  let q = scoped(ctx.db.selectFrom('studies'), clinicScope(ctx.actor))
    .innerJoin('clinics', 'clinics.id', 'studies.clinic_id')
    .where('studies.patient_id', '=', current.patient_id)
    .where('studies.study_uid', '<>', current.study_uid)
    .where(
      current.study_date
        ? sql<boolean>`(studies.study_date < ${current.study_date}
            or (studies.study_date = ${current.study_date} and studies.first_received_at < ${current.first_received_at})
            or (studies.study_date is null and studies.first_received_at < ${current.first_received_at}))`
        : sql<boolean>`studies.first_received_at < ${current.first_received_at}`,
    );
  if (!crossClinic) q = q.where('studies.clinic_id', '=', current.clinic_id);
  const rows = await q
    .select([
      'studies.id',
      'studies.study_uid',
      'studies.study_date',
      'studies.study_description',
      'studies.modalities',
      'studies.num_instances',
      'studies.clinic_id',
      'clinics.code as clinic_code',
    ])
    .orderBy('studies.study_date', (ob) => ob.desc().nullsLast())
    .orderBy('studies.first_received_at', 'desc')
    .limit(MAX_PRIORS)
    .execute();
  const reports = await priorReports(
    ctx.db,
    rows.map((r) => r.id),
    clinicScope(ctx.actor),
  );
  const priors: PriorStudy[] = rows.map((r) => ({
    studyUid: r.study_uid,
    studyDate: r.study_date,
    studyDescription: r.study_description,
    modalities: r.modalities,
    numInstances: r.num_instances,
    clinicId: r.clinic_id,
    clinicCode: r.clinic_code,
    otherClinic: r.clinic_id !== current.clinic_id,
    report: reports.get(r.id) ?? null,
  }));
  return { answer: { priors }, clinicId: current.clinic_id };
}
