import type {
  ReportListAnswer,
  ReportListQuery,
  ReportRecord,
  ReportVersion,
  StudyReportsAnswer,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { clinicScope, inClinicScope, inScope, type ClinicScope } from '../auth';
import { criticalOfReports } from '../critical';
import { openedByClinic, receiptKey, receiptsOf } from '../receipts';
import { loadRetakes, loadVersions, reportRows, toRecord, type ReportRow } from './records';
import { getConsultationRules } from './rules';
import { actorOf } from './actors';

/** Clinic users see released reports only, never a draft or a held report. */
const releasedOnly = (scope: ClinicScope) => scope !== 'all';

/**
 * Records with their versions. For clinic users the record shows what was released: the content
 * and annotations of its latest released version, and released versions only.
 */
async function recordsOf(
  db: Db,
  rows: ReportRow[],
  scope: ClinicScope,
  opts: { allVersions: boolean },
): Promise<ReportRecord[]> {
  const clinic = releasedOnly(scope);
  const released = rows.filter((r) => r.released_at !== null && r.current_version >= 1);
  const [rules, versions, retakes, receipts, critical] = await Promise.all([
    getConsultationRules(db),
    loadVersions(
      db,
      rows.map((r) => r.id),
      clinic || !opts.allVersions,
    ),
    loadRetakes(db, { reportIds: rows.map((r) => r.id) }),
    // Staff see whether the clinic opened the current version; clinic users never do.
    clinic
      ? null
      : receiptsOf(
          db,
          released.map((r) => ({ reportId: r.id, version: r.current_version })),
        ),
    criticalOfReports(
      db,
      rows.map((r) => r.id),
      { alertedOnly: clinic },
    ),
  ]);
  return rows.map((row) => {
    const list: ReportVersion[] = versions.get(row.id) ?? [];
    const record = {
      ...toRecord(row, {
        rules,
        versions: list,
        retake: retakes.find((k) => k.reportId === row.id) ?? null,
      }),
      critical: critical.get(row.id) ?? null,
      ...(receipts
        ? { clinicReceipt: receipts.get(receiptKey(row.id, row.current_version)) ?? null }
        : {}),
    };
    const latest = list.at(-1);
    return clinic && latest
      ? { ...record, content: latest.content, annotations: latest.annotations }
      : record;
  });
}

/** `GET /api/reports/:id`: one report with its versions (clinic users: released versions only). */
export async function getReport(ctx: ServiceContext, id: string): Promise<ReportRecord> {
  const scope = clinicScope(actorOf(ctx));
  const row = await reportRows(ctx.db).where('r.id', '=', id).executeTakeFirst();
  // Outside the scope, or unreleased for a clinic: the same 404 as a report that does not exist.
  if (!row || !inScope(scope, row.clinic_id) || (releasedOnly(scope) && row.released_at === null))
    throw appError('NOT_FOUND', undefined, 'No such report.');
  const [record] = await recordsOf(ctx.db, [row], scope, { allVersions: true });
  return record!;
}

/**
 * `GET /api/studies/:studyUid/reports`: the study's released reports, each with its released
 * versions and their views, and the retake requests sent to the clinic.
 */
export async function studyReports(
  ctx: ServiceContext,
  studyUid: string,
): Promise<StudyReportsAnswer & { clinicId: string }> {
  const scope = clinicScope(actorOf(ctx));
  const study = await ctx.db
    .selectFrom('studies')
    .select(['id', 'clinic_id'])
    .where('study_uid', '=', studyUid)
    .executeTakeFirst();
  if (!study || !inScope(scope, study.clinic_id))
    throw appError('NOT_FOUND', undefined, 'No such study.');
  const rows = await reportRows(ctx.db)
    .where('r.study_id', '=', study.id)
    .where('r.released_at', 'is not', null)
    .orderBy('r.released_at', 'desc')
    .execute();
  const [reports, retakes] = await Promise.all([
    recordsOf(ctx.db, rows, scope, { allVersions: false }),
    loadRetakes(ctx.db, { studyIds: [study.id] }),
  ]);
  return { reports, retakes, clinicId: study.clinic_id };
}

/**
 * `GET /api/reports`: reports in the caller's scope, newest first. Clinic users ("My reports")
 * get released reports of their clinics only, whatever state they ask for; staff may filter by
 * state, and by whether the clinic has opened a released report. Each report comes with its
 * released versions and their views.
 */
export async function listReports(
  ctx: ServiceContext,
  q: ReportListQuery,
): Promise<ReportListAnswer> {
  const scope = clinicScope(actorOf(ctx));
  let query = reportRows(ctx.db).where(inClinicScope(scope, 'r.clinic_id'));
  if (releasedOnly(scope)) query = query.where('r.released_at', 'is not', null);
  if (q.state) query = query.where('r.state', '=', q.state);
  if (q.clinicId) query = query.where('r.clinic_id', '=', q.clinicId);
  if (q.clinicOpened && !releasedOnly(scope)) {
    const opened = openedByClinic(sql.ref('r.id'), sql.ref('r.current_version'));
    query = query
      .where('r.released_at', 'is not', null)
      .where(q.clinicOpened === 'yes' ? opened : sql<boolean>`not ${opened}`);
  }
  const rows = await query
    .orderBy(sql`coalesce(r.released_at, r.updated_at)`, 'desc')
    .orderBy('r.id')
    .limit(q.limit + 1)
    .offset(q.offset)
    .execute();
  const reports = await recordsOf(ctx.db, rows.slice(0, q.limit), scope, { allVersions: false });
  return { reports, hasMore: rows.length > q.limit };
}
