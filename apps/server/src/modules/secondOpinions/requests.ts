import {
  secondOpinionDueAt,
  type AskSecondOpinionBody,
  type SecondOpinion,
  type SecondOpinionList,
} from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { notifyEvent, studyFacts } from '../notifications';
import {
  cancelSecondOpinionTask,
  emitTaskEvents,
  openSecondOpinionTask,
  pushAssign,
} from '../worklist';
import { getSecondOpinionSla } from './sla';
import { requestRow, requestsOfStudy, toSecondOpinion, toSecondOpinions } from './views';

export function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** The study a UID names, through the clinic-scope check (outside it: 404, like a missing one). */
async function studyOf(db: Db, actor: Actor, studyUid: string) {
  const s = await db
    .selectFrom('studies')
    .select(['id', 'clinic_id'])
    .where('study_uid', '=', studyUid)
    .executeTakeFirst();
  if (!s) throw appError('NOT_FOUND', undefined, 'No such study.');
  assertClinicScope(actor, s.clinic_id);
  return s;
}

/** A question shortened for a notification line. */
const gist = (q: string) => (q.length > 160 ? `${q.slice(0, 157)}…` : q);

/**
 * `POST /api/studies/:studyUid/second-opinions`: records the question and queues its task on the
 * consultants' worklist in one transaction, due by the second-opinion SLA in force (urgent or
 * routine); the centre's consultants are told in it. Clinic users ask as their clinic, anyone
 * else as a centre. The asker can never take the task. The task event and push assignment follow
 * the commit.
 */
export async function askSecondOpinion(
  ctx: ServiceContext,
  studyUid: string,
  body: AskSecondOpinionBody,
  now: Date = new Date(),
): Promise<SecondOpinion> {
  const actor = actorOf(ctx);
  const study = await studyOf(ctx.db, actor, studyUid);
  const sla = await getSecondOpinionSla(ctx.db);
  const askedBy = actor.roles.includes('clinic') ? 'clinic' : 'centre';
  const { id, taskId } = await ctx.db.transaction().execute(async (trx) => {
    const dueAt = secondOpinionDueAt(sla, body.urgent, now);
    const taskId = await openSecondOpinionTask(trx, {
      studyId: study.id,
      clinicId: study.clinic_id,
      requesterId: actor.userId,
      urgent: body.urgent,
      dueAt,
      reason: `Second opinion asked by ${actor.displayName}`,
      now,
    });
    const row = await trx
      .insertInto('second_opinions')
      .values({
        study_id: study.id,
        clinic_id: study.clinic_id,
        task_id: taskId,
        requested_by: actor.userId,
        asked_by: askedBy,
        question: body.question,
        urgent: body.urgent,
        created_at: now,
        due_at: dueAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const centre = await trx
      .selectFrom('reading_tasks')
      .select('centre_id')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    await notifyEvent(trx, {
      kind: 'second_opinion.requested',
      facts: {
        ...(await studyFacts(trx, study.id)),
        asker: actor.displayName,
        question: gist(body.question),
      },
      key: row.id,
      taskId,
      clinicId: study.clinic_id,
      centreId: centre.centre_id,
      exceptUserIds: [actor.userId],
    });
    await auditWrite(ctx, trx, {
      resourceId: studyUid,
      clinicId: study.clinic_id,
      details: { secondOpinionId: row.id, taskId, urgent: body.urgent, dueAt: dueAt.toISOString() },
    });
    return { id: row.id, taskId };
  });
  await emitTaskEvents({ type: 'task.created', taskId });
  await pushAssign(ctx.db, { now, taskIds: [taskId] });
  return secondOpinionById(ctx, id);
}

/** `GET /api/studies/:studyUid/second-opinions`: the study's questions and answers, newest first. */
export async function listSecondOpinions(
  ctx: ServiceContext,
  studyUid: string,
): Promise<SecondOpinionList & { clinicId: string }> {
  const actor = actorOf(ctx);
  const study = await studyOf(ctx.db, actor, studyUid);
  const rows = await requestsOfStudy(ctx.db, study.id);
  return { items: await toSecondOpinions(ctx.db, rows, actor.userId), clinicId: study.clinic_id };
}

/** One request, through the clinic-scope check. */
export async function secondOpinionById(ctx: ServiceContext, id: string): Promise<SecondOpinion> {
  const actor = actorOf(ctx);
  const row = await requestRow(ctx.db, { id });
  if (!row) throw appError('NOT_FOUND', undefined, 'No such second opinion.');
  assertClinicScope(actor, row.clinic_id);
  return toSecondOpinion(ctx.db, row, actor.userId);
}

/**
 * `POST /api/second-opinions/:id/withdraw`: the asker takes back an open question; its task
 * leaves the worklist in the same transaction. An answered question stays answered.
 */
export async function withdrawSecondOpinion(
  ctx: ServiceContext,
  id: string,
  now: Date = new Date(),
): Promise<SecondOpinion> {
  const actor = actorOf(ctx);
  const taskId = await ctx.db.transaction().execute(async (trx) => {
    const o = await trx
      .selectFrom('second_opinions')
      .select(['id', 'clinic_id', 'task_id', 'requested_by', 'state'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!o) throw appError('NOT_FOUND', undefined, 'No such second opinion.');
    assertClinicScope(actor, o.clinic_id);
    if (o.requested_by !== actor.userId) throw appError('SECOND_OPINION_NOT_ASKER');
    if (o.state !== 'open') throw appError('SECOND_OPINION_CLOSED');
    await trx
      .updateTable('second_opinions')
      .set({ state: 'withdrawn', withdrawn_at: now })
      .where('id', '=', id)
      .execute();
    await cancelSecondOpinionTask(trx, o.task_id, now);
    await auditWrite(ctx, trx, {
      resourceId: id,
      clinicId: o.clinic_id,
      details: { taskId: o.task_id },
    });
    return o.task_id;
  });
  await emitTaskEvents({ type: 'task.updated', taskId });
  return secondOpinionById(ctx, id);
}
