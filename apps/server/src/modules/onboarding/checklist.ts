import {
  GOLIVE_SIGNOFF_STEP,
  ONBOARDING_STEPS,
  type ClinicStatus,
  type OnboardingChecklist,
  type OnboardingMove,
  type OnboardingPhase,
  type OnboardingStep,
  type OnboardingStepStatus,
  type PilotProgress,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { findEvidence, pilotProgress } from './evidence';
import { loadStepRows, loadTraining } from './repo';

/** The phases whose steps must all be complete before the pilot. */
const BEFORE_PILOT: readonly OnboardingPhase[] = ['preparation', 'training'];

/** A clinic's checklist without the caller's view of it. */
export type ChecklistFacts = Omit<OnboardingChecklist, 'editable' | 'owners' | 'clinicUsers'>;

/**
 * A clinic's checklist: every step of the data in contracts with the clinic's state of it (a
 * step with no stored row yet is to do), what the system found for it, the training records,
 * the pilot's progress, and the moves the clinic can make now with what is missing for each.
 */
export async function loadChecklist(db: Db, clinicId: string): Promise<ChecklistFacts> {
  const clinic = await db
    .selectFrom('clinics')
    .select(['id', 'code', 'name', 'status'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!clinic) throw appError('NOT_FOUND', undefined, 'No such clinic.');
  const rows = new Map((await loadStepRows(db, [clinicId])).map((r) => [r.stepKey, r]));
  const pilot = await pilotProgress(db, clinicId);
  const evidence = await findEvidence(db, clinicId, pilot);
  const steps: OnboardingStep[] = ONBOARDING_STEPS.map((d) => {
    const r = rows.get(d.key);
    const found = d.evidence ? evidence[d.evidence] : null;
    const status: OnboardingStepStatus = r?.status ?? 'todo';
    // The pilot's step is done by its criteria only: a tick cannot stand in for second reads.
    const complete = d.evidence === 'pilot' ? found !== null : status !== 'todo' || found !== null;
    return {
      key: d.key,
      phase: d.phase,
      title: d.title,
      done: d.done,
      status,
      evidence: found,
      complete,
      owner: r?.owner ?? null,
      dueOn: r?.dueOn ?? null,
      doneOn: r?.doneOn ?? null,
      note: r?.note ?? '',
      tickedBy: r?.tickedBy ?? null,
      tickedAt: r?.tickedAt ?? null,
    };
  });
  const status = clinic.status as ClinicStatus;
  return {
    clinicId,
    clinicCode: clinic.code,
    clinicName: clinic.name,
    status,
    steps,
    training: await loadTraining(db, clinicId),
    pilot,
    moves: movesFrom(status, steps, pilot),
  };
}

const missingIn = (steps: OnboardingStep[], phases: readonly OnboardingPhase[]) =>
  steps.filter((s) => phases.includes(s.phase) && !s.complete).map((s) => s.title);

/**
 * What stands between a clinic and each move (pure): to pilot, every preparation and training
 * step complete; to live, the pilot criteria met and the go-live sign-off ticked done by a
 * named person (not "not applicable"). Steps back are always open, with a reason.
 */
export function movesFrom(
  status: ClinicStatus,
  steps: OnboardingStep[],
  pilot: PilotProgress,
): OnboardingMove[] {
  if (status === 'onboarding') {
    const missing = missingIn(steps, BEFORE_PILOT);
    return [{ to: 'pilot', allowed: missing.length === 0, missing }];
  }
  if (status === 'pilot') {
    const missing: string[] = [];
    if (!pilot.met)
      missing.push(
        `Pilot criteria: ${pilot.secondReads} of ${pilot.minSecondReads} second reads, ${pilot.majorDiscrepancies} major discrepancies (at most ${pilot.maxMajorDiscrepancies})`,
      );
    const signoff = steps.find((s) => s.key === GOLIVE_SIGNOFF_STEP);
    if (signoff?.status !== 'done') missing.push(signoff?.title ?? 'Go-live sign-off');
    return [
      { to: 'live', allowed: missing.length === 0, missing },
      { to: 'onboarding', allowed: true, missing: [] },
    ];
  }
  if (status === 'live') return [{ to: 'pilot', allowed: true, missing: [] }];
  return [];
}
