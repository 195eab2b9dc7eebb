import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { clinicScope } from '../auth';
import {
  findInstances,
  findSeries,
  findStudies,
  findStudy,
  studyFlags,
  studyHistory,
} from './repo';
import type { InstanceQuery, SeriesQuery, StudyQuery } from './query';

function scopeOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return clinicScope(ctx.actor);
}

/** Studies matching the query within the caller's clinic scope. */
export function searchStudies(ctx: ServiceContext, q: StudyQuery) {
  return findStudies(ctx.db, scopeOf(ctx), q);
}

/** Series matching the query within the caller's clinic scope. */
export function searchSeries(ctx: ServiceContext, q: SeriesQuery) {
  return findSeries(ctx.db, scopeOf(ctx), q);
}

/** Current instances matching the query within the caller's clinic scope. */
export function searchInstances(ctx: ServiceContext, q: InstanceQuery) {
  return findInstances(ctx.db, scopeOf(ctx), q);
}

/** One study through the clinic-scope check: outside the scope it answers NOT_FOUND. */
export async function getStudy(ctx: ServiceContext, studyUid: string) {
  const study = await findStudy(ctx.db, scopeOf(ctx), studyUid);
  if (!study) throw appError('NOT_FOUND', undefined, 'No such study.');
  return study;
}

/** A study with its series, instances and ingest history, for the study page. */
export async function studyDetail(ctx: ServiceContext, studyUid: string) {
  const study = await getStudy(ctx, studyUid);
  const scope = scopeOf(ctx);
  const [series, instances, history, flags] = await Promise.all([
    findSeries(ctx.db, scope, { studyUid, limit: 1000, offset: 0 }),
    findInstances(ctx.db, scope, { studyUid, limit: 5000, offset: 0 }),
    studyHistory(ctx.db, scope, study.id, study.study_uid),
    studyFlags(ctx.db, study.id),
  ]);
  return { study, series, instances, history, flags };
}
