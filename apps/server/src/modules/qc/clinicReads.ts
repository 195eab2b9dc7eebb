import {
  findForm,
  formForProgramme,
  hasBlockingIssues,
  Programme,
  qcCategory,
  validateReport,
  type ClinicReadAnswer,
  type ClinicReadBody,
  type ClinicReadSource,
  type ReportContent,
} from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { openReviewTask, emitTaskEvents, type TaskChange } from '../worklist';
import { clinicReadOf, clinicReadRows } from './readRows';
import { samplingFor } from './rules';
import { choosesForQc, type QcDraw } from './sampling';

/** A clinic's read to record, from the portal or a DICOM SR. */
export interface ClinicReadInput {
  studyId: string;
  clinicId: string;
  source: ClinicReadSource;
  readerName: string;
  content: ReportContent;
  submittedBy: string | null;
  srSopUid: string | null;
  now: Date;
}

const SAMPLE_WORDS = {
  all: 'every clinic read',
  percent: 'random sample',
  abnormal: 'clinic read abnormal',
} as const;

/**
 * Records a clinic's read in the caller's transaction and applies the clinic's QC rule to it:
 * a chosen read gets one qc_read task on the centre's worklist, committed with the read or not
 * at all. The read must pass the form's signing checks. Answers the read's id and the task
 * change to publish after the commit.
 */
export async function recordClinicRead(
  trx: Db,
  input: ClinicReadInput,
  draw: QcDraw,
): Promise<{ id: string; changes: TaskChange[] }> {
  const form = findForm(input.content.formId, input.content.formVersion);
  if (!form) throw appError('REPORT_FORM_NOT_ALLOWED');
  const issues = validateReport(form, input.content, 'final');
  if (hasBlockingIssues(issues)) throw appError('REPORT_INVALID', { issues });
  const exists = await trx
    .selectFrom('clinic_reads')
    .select('id')
    .where('study_id', '=', input.studyId)
    .executeTakeFirst();
  if (exists) throw appError('QC_READ_EXISTS');
  const category = qcCategory(input.content, form);
  const id = crypto.randomUUID();
  const reason = choosesForQc(await samplingFor(trx, input.clinicId), { id, category }, draw);
  const taskId = reason
    ? await openReviewTask(trx, {
        type: 'qc_read',
        studyId: input.studyId,
        clinicId: input.clinicId,
        excludedReaderId: null,
        reason: `QC re-read (${SAMPLE_WORDS[reason]})`,
        now: input.now,
      })
    : null;
  await trx
    .insertInto('clinic_reads')
    .values({
      id,
      study_id: input.studyId,
      clinic_id: input.clinicId,
      source: input.source,
      reader_name: input.readerName,
      submitted_by: input.submittedBy,
      sr_sop_uid: input.srSopUid,
      content: JSON.stringify(input.content),
      category,
      submitted_at: input.now,
      sampled: taskId !== null,
      task_id: taskId,
    })
    .execute();
  return { id, changes: taskId ? [{ type: 'task.created', taskId }] : [] };
}

async function studyOf(db: Db, studyUid: string) {
  const s = await db
    .selectFrom('studies as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .select(['s.id', 's.clinic_id', 'c.programmes'])
    .where('s.study_uid', '=', studyUid)
    .executeTakeFirst();
  if (!s) throw appError('NOT_FOUND', undefined, 'No such study.');
  return s;
}

/** The current form of each programme the clinic screens for (one per form). */
export function formsOf(programmes: readonly string[]): ClinicReadAnswer['forms'] {
  const out: ClinicReadAnswer['forms'] = [];
  const known = programmes.flatMap((p) => {
    const r = Programme.safeParse(p);
    return r.success ? [r.data] : [];
  });
  for (const p of known.length ? known : (['GENERAL'] as const)) {
    const f = formForProgramme(p);
    if (!out.some((o) => o.id === f.id && o.version === f.version))
      out.push({ id: f.id, version: f.version, title: f.title });
  }
  return out;
}

/**
 * `GET /api/studies/:studyUid/clinic-read`: the clinic's own read of a study and, once the
 * centre re-read it, the outcome (the scope check already refused other clinics' studies).
 */
export async function getClinicRead(
  ctx: ServiceContext,
  studyUid: string,
): Promise<ClinicReadAnswer> {
  const s = await studyOf(ctx.db, studyUid);
  const row = await clinicReadRows(ctx.db).where('r.study_id', '=', s.id).executeTakeFirst();
  return { read: row ? clinicReadOf(row) : null, forms: formsOf(s.programmes) };
}

/** `POST /api/studies/:studyUid/clinic-read`: the clinic sends its own read from the portal. */
export async function submitClinicRead(
  ctx: ServiceContext,
  studyUid: string,
  body: ClinicReadBody,
  draw: QcDraw,
): Promise<ClinicReadAnswer> {
  const s = await studyOf(ctx.db, studyUid);
  if (!formsOf(s.programmes).some((f) => f.id === body.content.formId))
    throw appError('REPORT_FORM_NOT_ALLOWED');
  const changes = await ctx.db.transaction().execute(async (trx) => {
    const recorded = await recordClinicRead(
      trx,
      {
        studyId: s.id,
        clinicId: s.clinic_id,
        source: 'portal',
        readerName: body.readerName,
        content: body.content,
        submittedBy: ctx.actor?.userId ?? null,
        srSopUid: null,
        now: new Date(),
      },
      draw,
    );
    await auditWrite(ctx, trx, {
      resourceId: studyUid,
      clinicId: s.clinic_id,
      details: { clinicReadId: recorded.id, sampled: recorded.changes.length > 0 },
    });
    return recorded.changes;
  });
  await emitTaskEvents(...changes);
  return getClinicRead(ctx, studyUid);
}
