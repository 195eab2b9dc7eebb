import {
  findForm,
  SaveReportBody,
  type ReportContent,
  validateReport,
  type ReportIssue,
  type ReportRecord,
  type TaskReportAnswer,
} from '@telerad/contracts';
import type { z } from 'zod';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { cadHoldOf } from '../cad';
import { criticalOfReports } from '../critical';
import { loadTaskFacts, requireClaimant, worklistTask, type WorklistClock } from '../worklist';
import { loadRetakes, parseContent, reportRows, toRecord } from './records';
import { getConsultationRules } from './rules';
import { formChoices, loadTaskStudy } from './study';
import { actorOf } from './actors';

/** The report of a primary read, with its row, or null before the first save. */
export async function reportOfTask(db: Db, primaryTaskId: string, opts: { lock?: boolean } = {}) {
  const q = reportRows(db).where('r.task_id', '=', primaryTaskId);
  return (opts.lock ? q.forUpdate('r') : q).executeTakeFirst();
}

/** The record of a report row, named with the rules in force and its latest retake request. */
export async function recordOf(
  db: Db,
  row: NonNullable<Awaited<ReturnType<typeof reportOfTask>>>,
): Promise<ReportRecord> {
  const [rules, retakes, critical, cadHold] = await Promise.all([
    getConsultationRules(db),
    loadRetakes(db, { reportIds: [row.id] }),
    criticalOfReports(db, [row.id], { alertedOnly: false }),
    cadHoldOf(db, row.id),
  ]);
  return {
    ...toRecord(row, { rules, cadHold, retake: retakes[0] ?? null }),
    critical: critical.get(row.id) ?? null,
  };
}

/** Issues of content against its form version (none when the form is unknown). */
export function issuesOf(content: ReportContent, stage: 'draft' | 'final'): ReportIssue[] {
  const form = findForm(content.formId, content.formVersion);
  return form ? validateReport(form, content, stage) : [];
}

/**
 * `GET /api/tasks/:taskId/report`: the task, its study, the forms to choose from and the report
 * (null before the first save), for any reader. A consultation task shows its parent's report.
 */
export async function getTaskReport(
  ctx: ServiceContext,
  taskId: string,
  clock: WorklistClock,
): Promise<TaskReportAnswer> {
  const actor = actorOf(ctx);
  const task = await loadTaskFacts(ctx.db, actor, taskId);
  const primaryId = task.type === 'consultation' ? task.parentTaskId : task.id;
  if (!primaryId || (task.type !== 'primary_read' && task.type !== 'consultation'))
    throw appError('NOT_FOUND', undefined, 'This task has no report.');
  const [wl, study, row] = await Promise.all([
    worklistTask(ctx.db, taskId, clock),
    loadTaskStudy(ctx.db, task.studyId),
    reportOfTask(ctx.db, primaryId),
  ]);
  if (!wl) throw appError('NOT_FOUND', undefined, 'No such task.');
  const report = row ? await recordOf(ctx.db, row) : null;
  return {
    task: wl,
    study: study.study,
    forms: formChoices(study.study.programmes).map(({ form: _form, ...c }) => c),
    report,
    issues: report ? issuesOf(report.content, 'draft') : [],
  };
}

/**
 * `PUT /api/tasks/:taskId/report`: autosaves the claimant's draft, creating it on the first save.
 * `revision` is the optimistic-concurrency check: a stale one answers REVISION_CONFLICT (409)
 * with the current record, so nothing is overwritten unseen. Draft-stage validation: issues are
 * returned, never refused, so nothing the reader typed is lost.
 */
export async function saveDraft(
  ctx: ServiceContext,
  taskId: string,
  body: z.infer<typeof SaveReportBody>,
): Promise<{ report: ReportRecord; issues: ReportIssue[] }> {
  const actor = actorOf(ctx);
  const content = body.content;
  if (content.formId !== body.formId || content.formVersion !== body.formVersion)
    throw appError(
      'REPORT_FORM_NOT_ALLOWED',
      undefined,
      'The content was written on another form than the one named; save it on its own form.',
    );
  const id = await ctx.db.transaction().execute(async (trx) => {
    const task = await loadTaskFacts(trx, actor, taskId, { lock: true });
    if (task.type !== 'primary_read')
      throw appError('NOT_FOUND', undefined, 'Only a primary read has a report to write.');
    requireClaimant(actor, task);
    const study = await loadTaskStudy(trx, task.studyId);
    const existing = await reportOfTask(trx, task.id, { lock: true });
    const choices = formChoices(study.study.programmes);
    const choice = choices.find((c) => c.id === body.formId && c.version === body.formVersion);
    // A draft begun on an older form version may keep it; a new choice must be a current one.
    const keepsOwnForm =
      existing?.form_id === body.formId && existing.form_version === body.formVersion;
    if (!choice && !keepsOwnForm) throw appError('REPORT_FORM_NOT_ALLOWED');
    const now = new Date();
    if (!existing) {
      const inserted = await trx
        .insertInto('reports')
        .values({
          task_id: task.id,
          study_id: task.studyId,
          clinic_id: task.clinicId,
          programme: choice?.programme ?? 'GENERAL',
          form_id: body.formId,
          form_version: body.formVersion,
          state: 'draft',
          content: JSON.stringify(content),
          annotations: JSON.stringify(body.annotations),
          revision: 1,
          author_id: actor.userId,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await auditWrite(ctx, trx, {
        resourceId: task.id,
        clinicId: task.clinicId,
        details: { reportId: inserted.id, revision: 1 },
      });
      return inserted.id;
    }
    if (existing.state !== 'draft') throw appError('REPORT_LOCKED');
    if (existing.revision !== body.revision)
      throw appError('REVISION_CONFLICT', { report: await recordOf(trx, existing) });
    await trx
      .updateTable('reports')
      .set({
        ...(choice && !keepsOwnForm ? { programme: choice.programme } : {}),
        form_id: body.formId,
        form_version: body.formVersion,
        content: JSON.stringify(content),
        annotations: JSON.stringify(body.annotations),
        revision: existing.revision + 1,
        author_id: actor.userId,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
    await auditWrite(ctx, trx, {
      resourceId: task.id,
      clinicId: task.clinicId,
      details: { reportId: existing.id, revision: existing.revision + 1 },
    });
    return existing.id;
  });
  const row = await reportRows(ctx.db).where('r.id', '=', id).executeTakeFirstOrThrow();
  const report = await recordOf(ctx.db, row);
  return { report, issues: issuesOf(parseContent(row.content), 'draft') };
}
