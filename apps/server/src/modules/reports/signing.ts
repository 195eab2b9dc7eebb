import {
  type CriticalFlag,
  findForm,
  hasBlockingIssues,
  matchConsultationRules,
  validateReport,
  type ReportIssue,
  type SignOutcome,
  type SignReportAnswer,
} from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { requireFreshSecondFactor } from '../auth';
import { flagCritical } from '../critical';
import { getSecuritySettings } from '../settings';
import {
  emitTaskEvents,
  loadTaskFacts,
  openConsultationTask,
  pushAssign,
  requireClaimant,
  type TaskChange,
} from '../worklist';
import { actorOf, signerOf } from './actors';
import { cadBesideRead, recordCadCheck } from './cadCheck';
import { recordOf, reportOfTask } from './drafts';
import type { ReleaseQueue } from './jobs';
import { parseAnnotations, parseContent, reportRows } from './records';
import { appendVersion, releaseAndComplete } from './release';
import { requestRetake } from './retakes';
import { getConsultationRules } from './rules';
import { loadTaskStudy } from './study';

/** What the reader asks: sign the revision they saw; with a question, hold it for a consultant. */
export interface SignRequest {
  revision?: number;
  mfaCode?: string;
  /** A manual consultation request: the report is held whatever the rules say. */
  question?: string;
  /** Flags the report critical: its clinic is alerted when it is released. */
  critical?: CriticalFlag;
}

/**
 * Everything signing needs, checked: the caller holds the claim, the draft is the revision they
 * saw, and final-stage validation finds no error (REPORT_INVALID, 422, with the issues).
 */
async function checkSignable(
  db: Db,
  actor: Actor,
  taskId: string,
  req: SignRequest,
  lock: boolean,
) {
  const task = await loadTaskFacts(db, actor, taskId, { lock });
  if (task.type !== 'primary_read')
    throw appError('NOT_FOUND', undefined, 'Only a primary read has a report to sign.');
  requireClaimant(actor, task);
  const row = await reportOfTask(db, task.id, { lock });
  if (!row)
    throw appError('REPORT_INVALID', {
      issues: [
        { severity: 'error', field: 'report', message: 'Fill in the report before signing.' },
      ],
    });
  if (row.state !== 'draft') throw appError('REPORT_LOCKED');
  if (req.revision !== undefined && req.revision !== row.revision)
    throw appError('REVISION_CONFLICT', { report: await recordOf(db, row) });
  const content = parseContent(row.content);
  const form = findForm(row.form_id, row.form_version);
  if (!form) throw new Error(`report ${row.id} names unknown form ${row.form_id}`);
  const issues = validateReport(form, content, 'final');
  if (hasBlockingIssues(issues)) throw appError('REPORT_INVALID', { issues });
  return { task, row, content, issues };
}

/** Asks for a fresh authenticator code when the security settings want one on signing. */
export async function stepUpIfConfigured(
  ctx: ServiceContext,
  code: string | undefined,
  purpose: string,
): Promise<void> {
  if ((await getSecuritySettings(ctx.db)).mfaOnSign)
    await requireFreshSecondFactor(ctx, code, purpose);
}

/** The audit event of a signature, written in its transaction (platform/audit `auditWrite`). */
function signed(task: { id: string; clinicId: string }, reportId: string, outcome: SignOutcome) {
  return { resourceId: task.id, clinicId: task.clinicId, details: { reportId, outcome } };
}

/**
 * Signs the claimant's draft (`POST /api/tasks/:taskId/report/sign`, and the manual consultation
 * request with `question`). Where it leaves the report:
 * - quality grade 4 (unreadable): `retake_requested` (a critical flag is refused: it needs a
 *   readable image); a retake request goes to the clinic and the
 *   task waits for new images (`awaiting_images`);
 * - a consultation rule matches, or a question was asked: signed (version 1), held as
 *   `pending_consultation`, and a consultation task is queued for the consultants;
 * - otherwise: signed (version 1), released to the clinic, the task completed, in one
 *   transaction (a failure leaves the draft and the claim as they were, for a retry).
 * Task events go out after the commit. Signing stamps the signer's name, credentials and time; the signed content never changes again.
 */
export async function signReport(
  ctx: ServiceContext,
  taskId: string,
  req: SignRequest,
  opts: { releases: ReleaseQueue; now?: Date },
): Promise<SignReportAnswer> {
  const actor = actorOf(ctx);
  // Fail fast on anything but the code, so a valid code is not spent on a refused signature.
  await checkSignable(ctx.db, actor, taskId, req, false);
  await stepUpIfConfigured(ctx, req.mfaCode, 'sign this report');
  const now = opts.now ?? new Date();
  const r = await ctx.db.transaction().execute(async (trx) => {
    const { task, row, content, issues } = await checkSignable(trx, actor, taskId, req, true);
    const annotations = parseAnnotations(row.annotations);
    if (content.quality.grade === 4) {
      if (req.critical)
        throw appError('REPORT_INVALID', {
          issues: [
            {
              severity: 'error',
              field: 'critical',
              message: 'An unreadable image cannot carry a critical result: request the retake.',
            },
          ],
        });
      await requestRetake(trx, { actor, task, reportId: row.id, content, now });
      await auditWrite(ctx, trx, signed(task, row.id, 'retake_requested'));
      return {
        outcome: 'retake_requested' as SignOutcome,
        reportId: row.id,
        issues,
        consultationTaskId: null,
        events: [{ type: 'task.updated', taskId: task.id }] as TaskChange[],
      };
    }
    const study = await loadTaskStudy(trx, task.studyId);
    const rules = await getConsultationRules(trx);
    const cad = await cadBesideRead(trx, task.studyId, content, now);
    const matched = matchConsultationRules(
      rules,
      content,
      study.study.ageYears,
      cad?.facts ?? null,
    ).map((m) => m.id);
    const signer = await signerOf(trx, actor);
    await trx
      .updateTable('reports')
      .set({
        signed_by: signer.id,
        signed_at: now,
        signer_name: signer.name,
        signer_credentials: signer.credentials,
        matched_rules: matched,
        revision: row.revision + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    const version = await appendVersion(trx, {
      reportId: row.id,
      kind: 'signed',
      content,
      annotations,
      author: signer,
    });
    if (req.critical)
      await flagCritical(trx, {
        reportId: row.id,
        studyId: task.studyId,
        clinicId: task.clinicId,
        centreId: task.centreId,
        flag: req.critical,
        flaggedBy: signer,
        now,
        released: false,
      });
    // The CAD comparison is recorded whatever it finds, so QA sees why a read was held or not.
    const cadWords =
      cad &&
      (await recordCadCheck(trx, {
        beside: cad,
        rules,
        matched,
        reportId: row.id,
        studyId: task.studyId,
        clinicId: task.clinicId,
        now,
      }));
    if (matched.length || req.question) {
      await trx
        .updateTable('reports')
        .set({ state: 'pending_consultation' })
        .where('id', '=', row.id)
        .execute();
      // The CAD rule is named by what it saw ("CAD 0.91 (triage) on a normal read").
      const names = matched.map((id) => {
        const rule = rules.find((x) => x.id === id);
        return rule?.when.kind === 'cad_discordance' && cadWords ? cadWords : (rule?.name ?? id);
      });
      const consultationTaskId = await openConsultationTask(trx, {
        primary: task,
        question: req.question ?? null,
        reason: names.length
          ? `Consultation rule: ${names.join('; ')}`
          : `Consultation requested by ${signer.name}`,
        now,
      });
      await auditWrite(ctx, trx, {
        ...signed(task, row.id, 'pending_consultation'),
        details: { reportId: row.id, outcome: 'pending_consultation', consultationTaskId },
      });
      return {
        outcome: 'pending_consultation' as SignOutcome,
        reportId: row.id,
        issues,
        consultationTaskId,
        events: [
          { type: 'task.created', taskId: consultationTaskId },
          { type: 'task.updated', taskId: task.id },
        ] as TaskChange[],
      };
    }
    const events = await releaseAndComplete({ ...ctx, db: trx }, opts.releases, {
      reportId: row.id,
      version,
      now,
      completes: [task.id],
    });
    await auditWrite(ctx, trx, signed(task, row.id, 'released'));
    return {
      outcome: 'released' as SignOutcome,
      reportId: row.id,
      issues,
      consultationTaskId: null,
      events,
    };
  });
  await emitTaskEvents(...r.events);
  // A push-mode centre hands the consultation to an on-shift consultant other than the signer.
  if (r.consultationTaskId)
    await pushAssign(ctx.db, {
      now,
      taskIds: [r.consultationTaskId],
      excludeUserIds: [actor.userId],
    });
  return answerFor(ctx.db, r.reportId, r);
}

/** The answer of a signature, concur, amend or addendum: the record as it now stands. */
export async function answerFor(
  db: Db,
  reportId: string,
  r: {
    outcome: SignOutcome;
    issues: ReportIssue[];
    consultationTaskId?: string | null;
  },
): Promise<SignReportAnswer> {
  const row = await reportRows(db).where('r.id', '=', reportId).executeTakeFirstOrThrow();
  const report = await recordOf(db, row);
  return {
    outcome: r.outcome,
    report,
    matchedRules: report.matchedRules,
    issues: r.issues,
    consultationTaskId: r.consultationTaskId ?? null,
  };
}
