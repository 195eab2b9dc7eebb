import type { OnboardingChecklist, TrainingRecordInput } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { actorOf, checklistFor } from './service';

/**
 * Records that someone at the clinic was trained (on what, when), with the caller as trainer. A
 * named account must be one of the clinic's own users; a person without an account yet is
 * recorded by name. Audited in the record's transaction.
 */
export async function addTraining(
  ctx: ServiceContext,
  clinicId: string,
  body: TrainingRecordInput,
): Promise<OnboardingChecklist> {
  const actor = actorOf(ctx);
  if (body.traineeUserId) {
    const member = await ctx.db
      .selectFrom('user_clinics')
      .select('user_id')
      .where('user_id', '=', body.traineeUserId)
      .where('clinic_id', '=', clinicId)
      .executeTakeFirst();
    if (!member)
      throw appError('VALIDATION_FAILED', [
        { path: 'traineeUserId', message: 'must name a user of this clinic' },
      ]);
  }
  await auditedTransaction(
    ctx,
    (trx) =>
      trx
        .insertInto('onboarding_training')
        .values({
          clinic_id: clinicId,
          trainee: body.trainee,
          trainee_user_id: body.traineeUserId,
          topics: [...new Set(body.topics)],
          trained_on: body.trainedOn,
          trainer_id: actor.userId,
          note: body.note,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    (r) => ({
      resourceId: r.id,
      clinicId,
      details: { trainee: body.trainee, topics: body.topics, trainedOn: body.trainedOn },
    }),
  );
  return checklistFor(ctx, clinicId);
}

/** Removes a training record entered by mistake; the audit keeps what it said. */
export async function removeTraining(
  ctx: ServiceContext,
  recordId: string,
): Promise<OnboardingChecklist> {
  const removed = await auditedTransaction(
    ctx,
    async (trx) => {
      const row = await trx
        .deleteFrom('onboarding_training')
        .where('id', '=', recordId)
        .returning(['clinic_id', 'trainee', 'topics', 'trained_on'])
        .executeTakeFirst();
      if (!row) throw appError('NOT_FOUND', undefined, 'No such training record.');
      return row;
    },
    (r) => ({
      resourceId: recordId,
      clinicId: r.clinic_id,
      details: { trainee: r.trainee, topics: r.topics, trainedOn: r.trained_on },
    }),
  );
  return checklistFor(ctx, removed.clinic_id);
}
