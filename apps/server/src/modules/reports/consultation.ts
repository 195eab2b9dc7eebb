import {
  findForm,
  hasBlockingIssues,
  validateReport,
  type ConsultationAnswer,
  type ReportContent,
  type ReportIssue,
  type SignReportAnswer,
  type ViewerAnnotation,
} from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import {
  emitTaskEvents,
  loadTaskFacts,
  requireClaimant,
  worklistTask,
  type WorklistClock,
} from '../worklist';
import { recordOf, reportOfTask } from './drafts';
import { loadVersions, parseAnnotations, parseContent } from './records';
import type { ReleaseQueue } from './jobs';
import { appendVersion, releaseAndComplete } from './release';
import { answerFor, stepUpIfConfigured } from './signing';
import { loadTaskStudy } from './study';
import { actorOf, signerOf } from './actors';

/** A consultation task and the held report of its parent read. */
async function loadConsultation(db: Db, actor: Actor, taskId: string, lock: boolean) {
  const task = await loadTaskFacts(db, actor, taskId, { lock });
  const parentId = task.parentTaskId;
  if (task.type !== 'consultation' || !parentId)
    throw appError('NOT_FOUND', undefined, 'No such consultation.');
  const row = await reportOfTask(db, parentId, { lock });
  if (!row) throw appError('NOT_FOUND', undefined, 'This consultation has no report.');
  return { task, parentId, row };
}

/** `GET /api/consultations/:taskId`: the held report, the question, matched rules, the reader. */
export async function getConsultation(
  ctx: ServiceContext,
  taskId: string,
  clock: WorklistClock,
): Promise<ConsultationAnswer> {
  const actor = actorOf(ctx);
  const { task, row } = await loadConsultation(ctx.db, actor, taskId, false);
  const [wl, study, record, versions] = await Promise.all([
    worklistTask(ctx.db, taskId, clock),
    loadTaskStudy(ctx.db, task.studyId),
    recordOf(ctx.db, row),
    loadVersions(ctx.db, [row.id], false),
  ]);
  if (!wl) throw appError('NOT_FOUND', undefined, 'No such consultation.');
  return {
    task: wl,
    study: study.study,
    report: { ...record, versions: versions.get(row.id) ?? [] },
    question: task.question,
    matchedRules: record.matchedRules,
    reader: {
      id: row.signed_by,
      name: row.signer_name ?? 'Unknown reader',
      credentials: row.signer_credentials,
    },
  };
}

/** The consultant's decision: concur as signed, or amend with their own content. */
export type ConsultationDecision =
  | { kind: 'concur'; comment?: string; mfaCode?: string }
  | {
      kind: 'amend';
      content: ReportContent;
      annotations: ViewerAnnotation[];
      comment?: string;
      mfaCode?: string;
    };

/** Checks the caller may settle this consultation now; for an amend, validates the content. */
async function checkSettleable(
  db: Db,
  actor: Actor,
  taskId: string,
  d: ConsultationDecision,
  lock: boolean,
) {
  const { task, parentId, row } = await loadConsultation(db, actor, taskId, lock);
  requireClaimant(actor, task);
  if (row.state !== 'pending_consultation') throw appError('CONSULTATION_NOT_PENDING');
  // A consultation is a second reader's opinion: the signer cannot settle their own report.
  if (row.signed_by === actor.userId)
    throw appError(
      'FORBIDDEN',
      undefined,
      'You signed this report: another consultant must settle its consultation.',
    );
  let issues: ReportIssue[] = [];
  if (d.kind === 'amend') {
    const form = findForm(row.form_id, row.form_version);
    if (!form) throw new Error(`report ${row.id} names unknown form ${row.form_id}`);
    issues = validateReport(form, d.content, 'final');
    if (hasBlockingIssues(issues)) throw appError('REPORT_INVALID', { issues });
  }
  return { task, parentId, row, issues };
}

/**
 * Settles a held report (`POST /api/consultations/:taskId/concur|amend`): the consultant who
 * claimed the consultation writes a version (`consultant_concur` with the signed content, or
 * `consultant_amend` with theirs, validated as final), the report is released, and both the
 * consultation and the primary read are completed in the same transaction; their events go out
 * after it commits.
 */
export async function settleConsultation(
  ctx: ServiceContext,
  taskId: string,
  d: ConsultationDecision,
  opts: { releases: ReleaseQueue; now?: Date },
): Promise<SignReportAnswer> {
  const actor = actorOf(ctx);
  await checkSettleable(ctx.db, actor, taskId, d, false);
  await stepUpIfConfigured(
    ctx,
    d.mfaCode,
    d.kind === 'concur' ? 'concur with this report' : 'release your amended report',
  );
  const now = opts.now ?? new Date();
  const r = await ctx.db.transaction().execute(async (trx) => {
    const { task, parentId, row, issues } = await checkSettleable(trx, actor, taskId, d, true);
    const author = await signerOf(trx, actor);
    const content = d.kind === 'amend' ? d.content : parseContent(row.content);
    const annotations = d.kind === 'amend' ? d.annotations : parseAnnotations(row.annotations);
    if (d.kind === 'amend')
      await trx
        .updateTable('reports')
        .set({
          content: JSON.stringify(content),
          annotations: JSON.stringify(annotations),
          revision: row.revision + 1,
        })
        .where('id', '=', row.id)
        .execute();
    const version = await appendVersion(trx, {
      reportId: row.id,
      kind: d.kind === 'concur' ? 'consultant_concur' : 'consultant_amend',
      content,
      annotations,
      comment: d.comment?.trim() || null,
      author,
    });
    const completed = await releaseAndComplete({ ...ctx, db: trx }, opts.releases, {
      reportId: row.id,
      version,
      now,
      completes: [task.id, parentId],
    });
    await auditWrite(ctx, trx, {
      resourceId: task.id,
      clinicId: task.clinicId,
      details: { reportId: row.id, decision: d.kind },
    });
    return { reportId: row.id, issues, completed };
  });
  await emitTaskEvents(...r.completed);
  return answerFor(ctx.db, r.reportId, { outcome: 'released', issues: r.issues });
}
