import type {
  ClinicStatus,
  OnboardingChecklist,
  OnboardingTransitionInput,
} from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { lockClinicStatus, setClinicStatus } from '../clinics';
import { loadChecklist } from './checklist';
import { checklistFor } from './service';

/** Moves back a step: live → pilot, pilot → onboarding. */
const BACK: Partial<Record<ClinicStatus, ClinicStatus>> = { live: 'pilot', pilot: 'onboarding' };

/**
 * Moves a clinic along its lifecycle (onboarding → pilot → live), or one step back with a
 * reason. The clinic row is locked first, then the checklist read in the same transaction, so
 * nobody un-ticks a step between the check and the move. A forward move with work left is
 * refused with the steps still missing; the change goes through the clinics module, audited in
 * its transaction with the reason and, going live, who signed off.
 */
export async function moveClinic(
  ctx: ServiceContext,
  clinicId: string,
  body: OnboardingTransitionInput,
): Promise<OnboardingChecklist> {
  await auditedTransaction(
    ctx,
    async (trx) => {
      const from = await lockClinicStatus(trx, clinicId);
      const facts = await loadChecklist(trx, clinicId);
      const move = facts.moves.find((m) => m.to === body.to);
      if (!move) throw appError('ONBOARDING_MOVE_INVALID', { from, to: body.to });
      const back = BACK[from] === body.to;
      if (back && !body.reason) throw appError('ONBOARDING_REASON_REQUIRED');
      if (!move.allowed)
        throw appError(
          'ONBOARDING_STEPS_MISSING',
          { to: body.to, missing: move.missing },
          `The clinic cannot move to ${body.to} yet. Missing: ${move.missing.join('; ')}.`,
        );
      await setClinicStatus(trx, clinicId, body.to);
      const signoff = facts.steps.find((s) => s.key === 'golive-signoff')?.tickedBy ?? null;
      return { from, back, signedOffBy: body.to === 'live' ? signoff : null };
    },
    (r) => ({
      resourceId: clinicId,
      clinicId,
      details: {
        from: r.from,
        to: body.to,
        back: r.back,
        reason: body.reason || null,
        signedOffBy: r.signedOffBy,
      },
    }),
  );
  return checklistFor(ctx, clinicId);
}
