import {
  GOLIVE_SIGNOFF_STEP,
  ONBOARDING_STEPS,
  type OnboardingChecklist,
  type OnboardingStepUpdate,
} from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { actorOf, checklistFor } from './service';

/**
 * Creates a new clinic's checklist, every step to do, in the clinic's creating transaction
 * (installed on the clinics module by `wireOnboarding`).
 */
export async function createChecklist(trx: Db, clinicId: string): Promise<void> {
  await trx
    .insertInto('onboarding_steps')
    .values(ONBOARDING_STEPS.map((s) => ({ clinic_id: clinicId, step_key: s.key })))
    .onConflict((oc) => oc.columns(['clinic_id', 'step_key']).doNothing())
    .execute();
}

async function checkOwner(db: Db, ownerId: string): Promise<void> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'roles', 'active'])
    .where('id', '=', ownerId)
    .executeTakeFirst();
  if (!u || !u.active || u.roles.every((r) => r === 'clinic'))
    throw appError('VALIDATION_FAILED', [
      { path: 'ownerId', message: 'must name an active centre staff member' },
    ]);
}

/**
 * Changes one step of a clinic's checklist: its status, owner, due date or note. Ticking a step
 * done records who ticked it and the day; un-ticking clears the day. The pilot's step is done by
 * its criteria, never by hand, and the go-live sign-off is given or not, never "not applicable".
 * Audited in the change's transaction, with what changed.
 */
export async function updateStep(
  ctx: ServiceContext,
  clinicId: string,
  body: OnboardingStepUpdate,
  now = new Date(),
): Promise<OnboardingChecklist> {
  const actor = actorOf(ctx);
  const def = ONBOARDING_STEPS.find((s) => s.key === body.key)!;
  if (body.status !== undefined && def.evidence === 'pilot')
    throw appError('VALIDATION_FAILED', [
      { path: 'status', message: 'the pilot step is done when its criteria are met' },
    ]);
  if (body.status === 'not_applicable' && def.key === GOLIVE_SIGNOFF_STEP)
    throw appError('VALIDATION_FAILED', [
      { path: 'status', message: 'the go-live sign-off cannot be skipped' },
    ]);
  if (body.ownerId) await checkOwner(ctx.db, body.ownerId);
  await auditedTransaction(
    ctx,
    async (trx) => {
      const before = await trx
        .selectFrom('onboarding_steps')
        .select(['status'])
        .where('clinic_id', '=', clinicId)
        .where('step_key', '=', body.key)
        .forUpdate()
        .executeTakeFirst();
      const ticked = body.status !== undefined && body.status !== (before?.status ?? 'todo');
      const values = {
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.ownerId !== undefined ? { owner_id: body.ownerId } : {}),
        ...(body.dueOn !== undefined ? { due_on: body.dueOn } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
        ...(ticked
          ? {
              done_on: body.status === 'todo' ? null : now.toISOString().slice(0, 10),
              ticked_by: actor.userId,
              ticked_at: now,
            }
          : {}),
        updated_at: now,
      };
      await trx
        .insertInto('onboarding_steps')
        .values({ clinic_id: clinicId, step_key: body.key, ...values })
        .onConflict((oc) => oc.columns(['clinic_id', 'step_key']).doUpdateSet(values))
        .execute();
      return { from: before?.status ?? 'todo' };
    },
    (r) => ({
      resourceId: clinicId,
      clinicId,
      details: {
        step: body.key,
        fields: Object.keys(body).filter((k) => k !== 'key'),
        from: r.from,
        to: body.status,
      },
    }),
  );
  return checklistFor(ctx, clinicId);
}
