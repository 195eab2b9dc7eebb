import {
  deskChange,
  retakeWhat,
  type QualityReason,
  type RetakeExtraView,
  type RetakeKind,
  type RetakeRequestBody,
} from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { publishInTransaction } from '../../platform/realtime';
import { appError } from '../../platform/errors';
import { notifyEvent, studyFacts } from '../notifications';
import { emitTaskEvents, holdForImages, loadTaskFacts, type TaskFacts } from '../worklist';

/** What a new request says, whichever door it came through. */
export interface NewRetakeRequest {
  actor: Actor;
  task: Pick<TaskFacts, 'id' | 'studyId' | 'clinicId'>;
  kind: RetakeKind;
  reasons: readonly QualityReason[];
  views: readonly RetakeExtraView[];
  note: string | null;
  /** The signed grade-4 report that asks for it, or null from the reading screen. */
  reportId: string | null;
  now: Date;
}

/**
 * Records a retake or extra-view request in the caller's transaction, tells the clinic and its
 * assistants (in-app and e-mail, committed with it), and has the worklist hold the read for new
 * images (`awaiting_images`, claim cleared). The caller emits `task.updated` after its commit.
 * Returns the request's id.
 */
export async function openRetakeRequest(trx: Db, r: NewRetakeRequest): Promise<string> {
  const who = await trx
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', r.actor.userId)
    .executeTakeFirst();
  const request = await trx
    .insertInto('retake_requests')
    .values({
      report_id: r.reportId,
      task_id: r.task.id,
      study_id: r.task.studyId,
      clinic_id: r.task.clinicId,
      kind: r.kind,
      reasons: [...r.reasons],
      views: [...r.views],
      note: r.note || null,
      requested_by: r.actor.userId,
      requested_by_name: who?.display_name ?? r.actor.displayName,
      requested_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await publishInTransaction(trx, deskChange(r.task.clinicId, 'retake'));
  const facts = await studyFacts(trx, r.task.studyId);
  const what = retakeWhat({ kind: r.kind, reasons: r.reasons, views: r.views }).map((w) =>
    w.toLowerCase(),
  );
  await notifyEvent(
    trx,
    r.kind === 'extra_view'
      ? {
          kind: 'extra_view.requested',
          // The views as a list of their names, which each reader's language words (FACT_WORDS).
          facts: { ...facts, views: what.join(', ') || 'a further view' },
          key: request.id,
          taskId: r.task.id,
          clinicId: r.task.clinicId,
        }
      : {
          kind: 'retake.requested',
          facts: { ...facts, reasons: what.join(', ') || 'the image cannot be read' },
          key: request.id,
          taskId: r.task.id,
          clinicId: r.task.clinicId,
        },
  );
  await holdForImages(trx, r.task.id);
  return request.id;
}

/**
 * The reader asks for a retake or extra views from the reading screen
 * (`POST /api/tasks/:id/retake-requests`): only the claimant of an open primary read may; the
 * request, its notifications, the hold and the audit event commit together; `task.updated` goes
 * out after the commit. The report draft, if any, is kept for whoever reads the new images.
 */
export async function requestRetake(
  ctx: ServiceContext,
  taskId: string,
  body: RetakeRequestBody,
  now: Date = new Date(),
): Promise<{ requestId: string; taskId: string; clinicId: string }> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const out = await ctx.db.transaction().execute(async (trx) => {
    const task = await loadTaskFacts(trx, actor, taskId, { lock: true });
    if (task.state === 'completed' || task.state === 'cancelled') throw appError('TASK_CLOSED');
    if (
      task.type !== 'primary_read' ||
      task.state !== 'in_progress' ||
      task.assigneeId !== actor.userId
    )
      throw appError('RETAKE_NOT_CLAIMANT');
    const requestId = await openRetakeRequest(trx, {
      actor,
      task,
      kind: body.kind,
      reasons: body.kind === 'retake' ? body.reasons : [],
      views: body.kind === 'extra_view' ? body.views : [],
      note: body.note?.trim() || null,
      reportId: null,
      now,
    });
    await auditWrite(ctx, trx, {
      resourceId: task.id,
      clinicId: task.clinicId,
      details: { requestId, kind: body.kind },
    });
    return { requestId, taskId: task.id, clinicId: task.clinicId };
  });
  await emitTaskEvents({ type: 'task.updated', taskId });
  return out;
}
