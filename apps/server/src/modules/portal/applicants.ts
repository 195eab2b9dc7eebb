import {
  clinicStudyState,
  Programme,
  type ApplicantPage,
  type ApplicantQuery,
  type ApplicantRow,
  type Priority,
  type ReadingStatus,
} from '@telerad/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { OPEN_ATTENTION } from '../attention';
import { clinicScope, inClinicScope } from '../auth';
import { studyHasOpenRetake } from '../retakes';
import { readHasStarted, readingStatus } from '../worklist';

/**
 * Whether a study has a retake or extra view requested that no new images have answered yet:
 * the retakes module's one definition, the one place the applicant list reads it.
 */
const OPEN_RETAKE = sql<boolean>`${studyHasOpenRetake(sql.ref('studies.id'))}`;

/** `%`, `_` and `\` are literal in a search. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const HOUR_MS = 3_600_000;

/**
 * The day filter: arrived on `date` (today when null) in each study's own clinic time zone. The
 * range on the raw instant is implied by the exact test (time zones lie between UTC-12 and
 * UTC+14, and today began less than a day ago) and lets the index on arrival serve it.
 */
function arrivedOn(date: string | null, now: Date): Expression<SqlBool> {
  const day = date ? sql`${date}::date` : sql`(${now}::timestamptz at time zone c.time_zone)::date`;
  const midnight = date ? Date.parse(`${date}T00:00:00Z`) : null;
  const from = new Date(midnight === null ? now.getTime() - 24 * HOUR_MS : midnight - 14 * HOUR_MS);
  const to = new Date(midnight === null ? now.getTime() + HOUR_MS : midnight + 36 * HOUR_MS);
  return sql<SqlBool>`(studies.first_received_at >= ${from} and studies.first_received_at < ${to}
    and (studies.first_received_at at time zone c.time_zone)::date = ${day})`;
}

/**
 * The clinic portal's list: one row per study of the caller's clinics, newest arrival first,
 * each with its state in the clinic's words (`clinicStudyState`), its due time, the clinic's
 * note and programme, and its released report. Without a search it shows the studies that
 * arrived today in their clinic's time zone; a search by name or ID spans every day unless a
 * date is given too.
 */
export async function listApplicants(
  ctx: ServiceContext,
  q: ApplicantQuery,
  now: Date = new Date(),
): Promise<ApplicantPage> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const where: Expression<SqlBool>[] = [inClinicScope(clinicScope(ctx.actor), 'studies.clinic_id')];
  if (q.clinicId) where.push(sql<SqlBool>`studies.clinic_id = ${q.clinicId}`);
  if (q.q) {
    const like = `%${likeLiteral(q.q)}%`;
    where.push(
      sql<SqlBool>`(studies.patient_id ilike ${like} or studies.patient_name ilike ${like})`,
    );
  }
  if (q.date || !q.q) where.push(arrivedOn(q.date ?? null, now));

  const base = ctx.db
    .selectFrom('studies')
    .innerJoin('clinics as c', 'c.id', 'studies.clinic_id')
    .where((eb) => eb.and(where));
  const [rows, total] = await Promise.all([
    base
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('reading_tasks as t')
            .select([
              't.id',
              't.state',
              't.priority',
              't.priority_reason',
              't.due_at',
              readingStatus(now).as('status'),
            ])
            .whereRef('t.study_id', '=', 'studies.id')
            .where('t.type', '=', 'primary_read')
            .orderBy('t.created_at', 'desc')
            .limit(1)
            .as('pr'),
        (join) => join.onTrue(),
      )
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('reports as r')
            .select('r.id')
            .whereRef('r.study_id', '=', 'studies.id')
            .where('r.released_at', 'is not', null)
            .orderBy('r.released_at', 'desc')
            .limit(1)
            .as('rep'),
        (join) => join.onTrue(),
      )
      .leftJoin('study_requests as sr', 'sr.study_id', 'studies.id')
      .select([
        'studies.study_uid',
        'studies.clinic_id',
        'c.code as clinic_code',
        'c.time_zone',
        'c.programmes',
        'studies.patient_name',
        'studies.patient_id',
        'studies.first_received_at',
        'pr.id as task_id',
        'pr.state as task_state',
        'pr.priority',
        'pr.priority_reason',
        'pr.due_at',
        'pr.status',
        'rep.id as report_id',
        'sr.clinical_note',
        'sr.programme',
        OPEN_ATTENTION.as('needs_attention'),
        OPEN_RETAKE.as('open_retake'),
      ])
      .orderBy('studies.first_received_at', 'desc')
      .orderBy('studies.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);

  const known = (ps: readonly string[]) =>
    ps.flatMap((p) => {
      const r = Programme.safeParse(p);
      return r.success ? [r.data] : [];
    });
  const out: ApplicantRow[] = rows.map((r) => {
    const status = (r.status ?? null) as ReadingStatus | null;
    const state = clinicStudyState({
      readingStatus: status,
      reportReleased: r.report_id !== null,
      openRetake: Boolean(r.open_retake),
      needsAttention: Boolean(r.needs_attention),
    });
    const open = r.task_state !== null && !['completed', 'cancelled'].includes(r.task_state);
    return {
      studyUid: r.study_uid,
      clinicId: r.clinic_id,
      clinicCode: r.clinic_code,
      clinicTimeZone: r.time_zone,
      patientName: r.patient_name,
      patientId: r.patient_id,
      state,
      arrivedAt: r.first_received_at.toISOString(),
      dueAt: open && r.due_at ? r.due_at.toISOString() : null,
      taskId: open ? r.task_id : null,
      priority: (r.priority ?? null) as Priority | null,
      priorityReason: r.priority_reason ?? null,
      reportId: r.report_id ?? null,
      clinicalNote: r.clinical_note ?? null,
      programme: (r.programme ?? null) as Programme | null,
      clinicProgrammes: known(r.programmes),
      readStarted: readHasStarted(r.task_state ?? null),
    };
  });
  return {
    rows: out,
    total: Number(total.n),
    day: q.date ?? null,
    serverTime: now.toISOString(),
  };
}
