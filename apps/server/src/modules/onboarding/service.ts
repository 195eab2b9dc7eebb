import {
  ONBOARDING_PHASES,
  ONBOARDING_STEPS,
  type OnboardingChecklist,
  type OnboardingSummary,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope, can, clinicScope, inClinicScope } from '../auth';
import { loadChecklist } from './checklist';
import { findEvidence, pilotProgress } from './evidence';
import { loadStepRows } from './repo';

/** The signed-in caller (every onboarding route needs one). */
export function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** Who may own a step (active support and admin staff), and the clinic's own active users. */
async function peopleFor(
  db: Db,
  clinicId: string,
): Promise<Pick<OnboardingChecklist, 'owners' | 'clinicUsers'>> {
  const owners = await db
    .selectFrom('users')
    .select(['id', 'display_name as name'])
    .where('active', '=', true)
    .where(sql<boolean>`roles && array['support', 'admin']::text[]`)
    .orderBy('display_name')
    .execute();
  const clinicUsers = await db
    .selectFrom('users as u')
    .innerJoin('user_clinics as uc', 'uc.user_id', 'u.id')
    .select(['u.id', 'u.display_name as name'])
    .where('uc.clinic_id', '=', clinicId)
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .execute();
  return { owners, clinicUsers };
}

/**
 * One clinic's checklist for the caller: support and admin may change it; a clinic's own users
 * read their progress (the scope check has kept everyone else out).
 */
export async function checklistFor(
  ctx: ServiceContext,
  clinicId: string,
): Promise<OnboardingChecklist> {
  const actor = actorOf(ctx);
  assertClinicScope(actor, clinicId);
  const facts = await loadChecklist(ctx.db, clinicId);
  const editable = can(actor, 'onboarding:write');
  return {
    ...facts,
    editable,
    ...(editable ? await peopleFor(ctx.db, clinicId) : { owners: [], clinicUsers: [] }),
  };
}

/**
 * The clinics in onboarding or pilot within the caller's scope, each with its progress (steps
 * complete of all), the first phase with work left, and the nearest due date of open steps.
 */
export async function listOnboarding(ctx: ServiceContext): Promise<OnboardingSummary[]> {
  const scope = clinicScope(actorOf(ctx));
  const clinics = await ctx.db
    .selectFrom('clinics')
    .select(['id', 'code', 'name', 'status'])
    .where('status', 'in', ['onboarding', 'pilot'])
    .where(inClinicScope(scope, 'clinics.id'))
    .orderBy('code')
    .execute();
  const rows = await loadStepRows(
    ctx.db,
    clinics.map((c) => c.id),
  );
  const today = new Date().toISOString().slice(0, 10);
  const out: OnboardingSummary[] = [];
  for (const c of clinics) {
    const pilot = await pilotProgress(ctx.db, c.id);
    const evidence = await findEvidence(ctx.db, c.id, pilot);
    const open = ONBOARDING_STEPS.filter((d) => {
      const r = rows.find((x) => x.clinicId === c.id && x.stepKey === d.key);
      const found = d.evidence ? evidence[d.evidence] !== null : false;
      return d.evidence === 'pilot' ? !found : (r?.status ?? 'todo') === 'todo' && !found;
    });
    const due = rows
      .filter((r) => r.clinicId === c.id && open.some((d) => d.key === r.stepKey) && r.dueOn)
      .map((r) => r.dueOn!)
      .sort()[0];
    out.push({
      clinicId: c.id,
      clinicCode: c.code,
      clinicName: c.name,
      status: c.status as OnboardingSummary['status'],
      phase: ONBOARDING_PHASES.find((p) => open.some((d) => d.phase === p)) ?? null,
      complete: ONBOARDING_STEPS.length - open.length,
      total: ONBOARDING_STEPS.length,
      nextDueOn: due ?? null,
      overdue: due !== undefined && due < today,
    });
  }
  return out;
}
