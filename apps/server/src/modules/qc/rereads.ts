import {
  findForm,
  hasBlockingIssues,
  qcAgreement,
  qcCategory,
  ReportContent,
  validateReport,
  type QcAgreement,
  type QcCategory,
  type QcSignBody,
  type QcTaskAnswer,
} from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { notifyEvent, studyFacts } from '../notifications';
import {
  completeTasksInTransaction,
  emitTaskEvents,
  loadTaskFacts,
  requireClaimant,
  worklistTask,
  type WorklistClock,
} from '../worklist';

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** The clinic read behind a QC task, with the task checked through the clinic scope. */
async function readOfTask(db: Db, actor: Actor, taskId: string, lock: boolean) {
  const task = await loadTaskFacts(db, actor, taskId, { lock });
  if (task.type !== 'qc_read') throw appError('NOT_FOUND', undefined, 'No such QC read.');
  const q = db.selectFrom('clinic_reads').selectAll().where('task_id', '=', taskId);
  const read = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!read) throw appError('NOT_FOUND', undefined, 'No such QC read.');
  return { task, read };
}

/**
 * `GET /api/tasks/:id/qc`: the re-reader's view of the QC task they claimed (or signed). Blind:
 * the clinic's read is not part of the answer until the centre's own read is signed, whoever
 * asks; the form is the one the clinic read on, so both reads compare item for item.
 */
export async function getQcTask(
  ctx: ServiceContext,
  taskId: string,
  clock: WorklistClock,
): Promise<QcTaskAnswer> {
  const actor = actorOf(ctx);
  const { task, read } = await readOfTask(ctx.db, actor, taskId, false);
  const signedByCaller = read.reread_at !== null && read.centre_reader_id === actor.userId;
  if (!signedByCaller) requireClaimant(actor, task);
  const wl = await worklistTask(ctx.db, taskId, clock);
  if (!wl) throw appError('NOT_FOUND', undefined, 'No such QC read.');
  const clinic = ReportContent.parse(read.content);
  const signed = read.reread_at !== null && read.centre_content !== null;
  return {
    task: wl,
    formId: clinic.formId,
    formVersion: clinic.formVersion,
    own: signed
      ? {
          content: ReportContent.parse(read.centre_content),
          category: read.centre_category as QcCategory,
          at: read.reread_at!.toISOString(),
        }
      : null,
    clinicRead: signed
      ? { readerName: read.reader_name, content: clinic, category: read.category as QcCategory }
      : null,
    agreement: signed ? (read.agreement as QcAgreement) : null,
  };
}

/**
 * `POST /api/tasks/:id/qc/sign`: the claimant's own read, checked like a report on the clinic's
 * form, classified and compared with the clinic's read, in one transaction with the task's
 * completion. A major discordance tells the clinic's users at once, in the same transaction.
 * The task event goes out after the commit.
 */
export async function signQcRead(
  ctx: ServiceContext,
  taskId: string,
  body: QcSignBody,
  clock: WorklistClock,
): Promise<QcTaskAnswer> {
  const actor = actorOf(ctx);
  const changes = await ctx.db.transaction().execute(async (trx) => {
    const { task, read } = await readOfTask(trx, actor, taskId, true);
    if (read.reread_at) throw appError('QC_READ_DONE');
    requireClaimant(actor, task);
    const clinic = ReportContent.parse(read.content);
    const form = findForm(clinic.formId, clinic.formVersion);
    if (!form || body.content.formId !== form.id || body.content.formVersion !== form.version)
      throw appError('REPORT_FORM_NOT_ALLOWED');
    const issues = validateReport(form, body.content, 'final');
    if (hasBlockingIssues(issues)) throw appError('REPORT_INVALID', { issues });
    const category = qcCategory(body.content, form);
    const agreement = qcAgreement(read.category as QcCategory, category);
    await trx
      .updateTable('clinic_reads')
      .set({
        centre_content: JSON.stringify(body.content),
        centre_category: category,
        centre_reader_id: actor.userId,
        agreement,
        reread_at: clock.now,
      })
      .where('id', '=', read.id)
      .execute();
    if (agreement === 'major')
      await notifyEvent(trx, {
        kind: 'qc.major_discordance',
        facts: { ...(await studyFacts(trx, read.study_id)) },
        key: read.id,
        clinicId: read.clinic_id,
        centreId: task.centreId,
      });
    const completed = await completeTasksInTransaction({ ...ctx, db: trx }, [taskId], clock.now);
    await auditWrite(ctx, trx, {
      resourceId: taskId,
      clinicId: task.clinicId,
      details: { clinicReadId: read.id, category, agreement },
    });
    return completed;
  });
  await emitTaskEvents(...changes);
  return getQcTask(ctx, taskId, clock);
}
