import {
  TrainingTopic,
  type OnboardingPerson,
  type OnboardingStepStatus,
  type TrainingRecord,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';

/** A stored step of a clinic's checklist, with the people it names. */
export interface StepRow {
  clinicId: string;
  stepKey: string;
  status: OnboardingStepStatus;
  owner: OnboardingPerson | null;
  dueOn: string | null;
  doneOn: string | null;
  note: string;
  tickedBy: OnboardingPerson | null;
  tickedAt: string | null;
}

const person = (id: string | null, name: string | null): OnboardingPerson | null =>
  id && name ? { id, name } : null;

/** The stored steps of the given clinics. */
export async function loadStepRows(db: Db, clinicIds: readonly string[]): Promise<StepRow[]> {
  if (!clinicIds.length) return [];
  const rows = await db
    .selectFrom('onboarding_steps as s')
    .leftJoin('users as o', 'o.id', 's.owner_id')
    .leftJoin('users as t', 't.id', 's.ticked_by')
    .select([
      's.clinic_id',
      's.step_key',
      's.status',
      's.owner_id',
      'o.display_name as owner_name',
      's.due_on',
      's.done_on',
      's.note',
      's.ticked_by',
      't.display_name as ticker_name',
      's.ticked_at',
    ])
    .where('s.clinic_id', 'in', clinicIds)
    .execute();
  return rows.map((r) => ({
    clinicId: r.clinic_id,
    stepKey: r.step_key,
    status: r.status as OnboardingStepStatus,
    owner: person(r.owner_id, r.owner_name),
    dueOn: r.due_on,
    doneOn: r.done_on,
    note: r.note,
    tickedBy: person(r.ticked_by, r.ticker_name),
    tickedAt: r.ticked_at?.toISOString() ?? null,
  }));
}

/** A clinic's training records, newest first. */
export async function loadTraining(db: Db, clinicId: string): Promise<TrainingRecord[]> {
  const rows = await db
    .selectFrom('onboarding_training as tr')
    .innerJoin('users as u', 'u.id', 'tr.trainer_id')
    .select([
      'tr.id',
      'tr.trainee',
      'tr.trainee_user_id',
      'tr.topics',
      'tr.trained_on',
      'tr.note',
      'u.id as trainer_id',
      'u.display_name as trainer_name',
    ])
    .where('tr.clinic_id', '=', clinicId)
    .orderBy('tr.trained_on', 'desc')
    .orderBy('tr.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    trainee: r.trainee,
    traineeUserId: r.trainee_user_id,
    topics: r.topics.flatMap((t) => {
      const topic = TrainingTopic.safeParse(t);
      return topic.success ? [topic.data] : [];
    }),
    trainedOn: r.trained_on,
    trainer: { id: r.trainer_id, name: r.trainer_name },
    note: r.note,
  }));
}
