import { adminClinicStatuses, onboardingPath, type ClinicStatus } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { forgetClinicStatus } from '../ingest';

/**
 * Work that must commit with a clinic's creation (its onboarding checklist), in its transaction.
 * The clinics module cannot import the modules that build on clinics, so they install it.
 */
export type ClinicCreatedHandler = (trx: Db, clinic: { id: string }) => Promise<void>;

let created: ClinicCreatedHandler | null = null;

/**
 * Installs the work to do when a clinic is created, inside the creating transaction, so a clinic
 * never exists without what follows from it. One slot: installing again replaces it; `null`
 * removes it (tests proving that the mechanism is what creates the checklist).
 */
export function onClinicCreated(h: ClinicCreatedHandler | null): void {
  created = h;
}

/** Runs the creation work for a new clinic in `trx` (nothing when none is installed). */
export async function clinicCreated(trx: Db, clinic: { id: string }): Promise<void> {
  if (created) await created(trx, clinic);
}

/** A clinic's lifecycle status, locking its row for the caller's transaction. */
export async function lockClinicStatus(trx: Db, clinicId: string): Promise<ClinicStatus> {
  const row = await trx
    .selectFrom('clinics')
    .select('status')
    .where('id', '=', clinicId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw appError('NOT_FOUND', undefined, 'No such clinic.');
  return row.status as ClinicStatus;
}

/** A clinic's lifecycle status, or undefined for a missing clinic. */
export async function clinicStatusOf(db: Db, clinicId: string): Promise<ClinicStatus | undefined> {
  const row = await db
    .selectFrom('clinics')
    .select('status')
    .where('id', '=', clinicId)
    .executeTakeFirst();
  return row?.status as ClinicStatus | undefined;
}

/**
 * Sets a clinic's lifecycle status in the caller's transaction (the onboarding workflow decides
 * when; the clinics module owns the row). Ingest's cached status is dropped so arrivals follow
 * the new status at once in this process.
 */
export async function setClinicStatus(
  trx: Db,
  clinicId: string,
  status: ClinicStatus,
): Promise<void> {
  await trx
    .updateTable('clinics')
    .set({ status, updated_at: new Date() })
    .where('id', '=', clinicId)
    .execute();
  forgetClinicStatus(clinicId);
}

/** What an admin status change writes, and the move it makes for the audit. */
export interface AdminStatusChange {
  from: ClinicStatus;
  set: { status: ClinicStatus; status_before_suspension: ClinicStatus | null } | null;
}

/**
 * Checks a status the admin clinic form asks for, with the clinic row locked. Only suspending
 * and lifting a suspension (back to the status recorded when it began) are allowed; pilot and
 * live are reached only through the onboarding checklist (`setClinicStatus`), so the form cannot
 * skip its steps. Refusals name the allowed statuses and the checklist's page.
 */
export async function adminStatusChange(
  trx: Db,
  clinicId: string,
  to: ClinicStatus,
): Promise<AdminStatusChange> {
  const row = await trx
    .selectFrom('clinics')
    .select(['status', 'status_before_suspension'])
    .where('id', '=', clinicId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw appError('NOT_FOUND');
  const from = row.status as ClinicStatus;
  if (from === to) return { from, set: null };
  const before = row.status_before_suspension as ClinicStatus | null;
  if (!adminClinicStatuses(from, before).includes(to))
    throw appError('CLINIC_STATUS_VIA_ONBOARDING', {
      from,
      to,
      allowed: adminClinicStatuses(from, before),
      onboardingPath: onboardingPath(clinicId),
    });
  return {
    from,
    set: { status: to, status_before_suspension: to === 'suspended' ? from : null },
  };
}
