import type { SecondOpinionTaskAnswer, SignConsultNoteBody } from '@telerad/contracts';
import { formatPersonName } from '@telerad/dicom';
import { auditWrite } from '../../platform/audit';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { notifyEvent, studyFacts } from '../notifications';
import { stepUpIfConfigured } from '../reports';
import {
  completeTasksInTransaction,
  emitTaskEvents,
  loadTaskFacts,
  requireClaimant,
  worklistTask,
  type WorklistClock,
} from '../worklist';
import { actorOf } from './requests';
import { requestRow, toSecondOpinion } from './views';

/** The request behind a second-opinion task, with the task checked through the clinic scope. */
async function requestOfTask(db: Db, actor: Actor, taskId: string, lock: boolean) {
  const task = await loadTaskFacts(db, actor, taskId, { lock });
  if (task.type !== 'second_opinion')
    throw appError('NOT_FOUND', undefined, 'No such second opinion.');
  const row = await requestRow(db, { taskId });
  if (!row) throw appError('NOT_FOUND', undefined, 'No such second opinion.');
  // Defence in depth: the worklist never hands the asker their own question, nor does this.
  if (row.requested_by === actor.userId) throw appError('TASK_OWN_READ');
  return { task, row };
}

/**
 * `GET /api/tasks/:id/second-opinion`: the consultant's view of the question they claimed (or
 * answered): the question, who asked and when it is due, the study's patient and clinic.
 */
export async function getSecondOpinionTask(
  ctx: ServiceContext,
  taskId: string,
  clock: WorklistClock,
): Promise<SecondOpinionTaskAnswer> {
  const actor = actorOf(ctx);
  const { task, row } = await requestOfTask(ctx.db, actor, taskId, false);
  const signer = await ctx.db
    .selectFrom('consult_notes')
    .select('signed_by')
    .where('second_opinion_id', '=', row.id)
    .executeTakeFirst();
  if (signer?.signed_by !== actor.userId) requireClaimant(actor, task);
  const wl = await worklistTask(ctx.db, taskId, clock);
  if (!wl) throw appError('NOT_FOUND', undefined, 'No such second opinion.');
  const study = await ctx.db
    .selectFrom('studies as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .select(['s.patient_id', 's.patient_name', 'c.name as clinic_name'])
    .where('s.id', '=', row.study_id)
    .executeTakeFirstOrThrow();
  return {
    request: await toSecondOpinion(ctx.db, row, actor.userId),
    task: wl,
    clinicName: study.clinic_name,
    patientName: formatPersonName(study.patient_name) || null,
    patientId: study.patient_id,
  };
}

/**
 * `POST /api/tasks/:id/second-opinion/sign`: the claimant's consult note, signed. The second
 * factor is asked where signing a report asks it (the security settings' `mfaOnSign`). In one
 * transaction: the note (never changed afterwards: migration 0033), the request answered, the
 * task completed, the asker told, the event audited. The task event goes out after the commit.
 */
export async function signConsultNote(
  ctx: ServiceContext,
  taskId: string,
  body: SignConsultNoteBody,
  clock: WorklistClock,
): Promise<SecondOpinionTaskAnswer> {
  const actor = actorOf(ctx);
  await stepUpIfConfigured(ctx, body.mfaCode, 'sign this consult note');
  const changes = await ctx.db.transaction().execute(async (trx) => {
    const { task, row } = await requestOfTask(trx, actor, taskId, true);
    requireClaimant(actor, task);
    const locked = await trx
      .selectFrom('second_opinions')
      .select('state')
      .where('id', '=', row.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.state !== 'open') throw appError('SECOND_OPINION_CLOSED');
    const me = await trx
      .selectFrom('users')
      .select(['display_name', 'credentials'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('consult_notes')
      .values({
        second_opinion_id: row.id,
        text: body.text,
        signed_by: actor.userId,
        signer_name: me.display_name,
        signer_credentials: me.credentials,
        signed_at: clock.now,
      })
      .execute();
    await trx
      .updateTable('second_opinions')
      .set({ state: 'answered', answered_at: clock.now })
      .where('id', '=', row.id)
      .execute();
    const completed = await completeTasksInTransaction({ ...ctx, db: trx }, [taskId], clock.now);
    await notifyEvent(trx, {
      kind: 'second_opinion.answered',
      facts: { ...(await studyFacts(trx, row.study_id)), consultant: me.display_name },
      key: row.id,
      taskId,
      clinicId: row.clinic_id,
      userId: row.requested_by,
    });
    await auditWrite(ctx, trx, {
      resourceId: taskId,
      clinicId: task.clinicId,
      details: { secondOpinionId: row.id, length: body.text.length },
    });
    return completed;
  });
  await emitTaskEvents(...changes);
  return getSecondOpinionTask(ctx, taskId, clock);
}
