import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope, clinicScope, inClinicScope } from '../auth';
import { orderOfStudy } from '../orders';
import type { AnsweredOrder, StudyInfo } from './fhirResources';
import { loadReleasedReport, type ReleasedReport } from './load';
import { scopedReleasedReport } from './service';

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** A released report with the order its study answers (null when none). */
export interface FhirReport {
  report: ReleasedReport;
  order: AnsweredOrder | null;
}

/** A released report's latest version, through the clinic-scope check. */
export async function fhirReport(ctx: ServiceContext, reportId: string): Promise<FhirReport> {
  const report = await scopedReleasedReport(ctx, reportId);
  return { report, order: await orderOfStudy(ctx.db, report.study.id) };
}

/** The released reports (latest versions) of a study within the caller's clinics. */
export async function fhirReportsOfStudy(
  ctx: ServiceContext,
  studyUid: string,
): Promise<FhirReport[]> {
  const rows = await ctx.db
    .selectFrom('reports')
    .innerJoin('studies', 'studies.id', 'reports.study_id')
    .select(['reports.id', 'reports.current_version'])
    .where('studies.study_uid', '=', studyUid)
    .where('reports.current_version', '>=', 1)
    .where(inClinicScope(clinicScope(actorOf(ctx)), 'reports.clinic_id'))
    .orderBy('reports.released_at')
    .execute();
  const out: FhirReport[] = [];
  for (const row of rows) {
    const report = await loadReleasedReport(ctx.db, row.id, row.current_version);
    if (report) out.push({ report, order: await orderOfStudy(ctx.db, report.study.id) });
  }
  return out;
}

/** A study with its series and current instances, through the clinic-scope check. */
export async function fhirStudy(
  ctx: ServiceContext,
  studyUid: string,
): Promise<{ clinicId: string; info: StudyInfo }> {
  const actor = actorOf(ctx);
  const study = await ctx.db
    .selectFrom('studies')
    .select([
      'id',
      'clinic_id',
      'study_uid',
      'patient_id',
      'patient_name',
      'study_description',
      'study_date',
      'accession_number',
    ])
    .where('study_uid', '=', studyUid)
    .executeTakeFirst();
  assertClinicScope(actor, study?.clinic_id);
  if (!study) throw appError('NOT_FOUND');
  const rows = await ctx.db
    .selectFrom('instances')
    .innerJoin('series', 'series.id', 'instances.series_id')
    .select([
      'series.series_uid',
      'series.series_number',
      'series.modality',
      'series.series_description',
      'instances.sop_uid',
      'instances.sop_class_uid',
      'instances.instance_number',
    ])
    .where('instances.study_id', '=', study.id)
    .where('instances.current', '=', true)
    .orderBy('series.series_number')
    .orderBy('instances.instance_number')
    .execute();
  const series = new Map<string, StudyInfo['series'][number]>();
  for (const r of rows) {
    let s = series.get(r.series_uid);
    if (!s) {
      s = {
        uid: r.series_uid,
        number: r.series_number,
        modality: r.modality,
        description: r.series_description,
        instances: [],
      };
      series.set(r.series_uid, s);
    }
    s.instances.push({ uid: r.sop_uid, sopClassUid: r.sop_class_uid, number: r.instance_number });
  }
  return {
    clinicId: study.clinic_id,
    info: {
      uid: study.study_uid,
      patientId: study.patient_id,
      patientName: study.patient_name,
      studyDate: study.study_date,
      accessionNumber: study.accession_number,
      description: study.study_description,
      series: [...series.values()],
    },
  };
}
