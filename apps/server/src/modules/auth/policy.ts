import type { Role } from '@telerad/contracts';
import { appError } from '../../platform/errors';
import type { Actor } from '../../platform/context';

/**
 * The one authorisation layer. Permissions are data: which roles hold each one. Routes declare
 * the permission they need; services narrow further by clinic scope. No route checks roles
 * itself.
 */
export const PERMISSIONS = {
  /** Any signed-in account: own profile, password, MFA, tokens. */
  self: ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'auditor', 'clinic'],
  'centres:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin'],
  'centres:write': ['admin'],
  /** Clinic users read only their own clinics (clinic scope). */
  'clinics:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  'clinics:write': ['admin'],
  'users:read': ['admin'],
  'users:write': ['admin'],
  'audit:read': ['auditor', 'admin'],
  /** Studies in the archive; clinic users only their own clinics' (clinic scope). */
  'archive:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  /** Sending objects (STOW-RS, browser upload); clinic users only to their own clinics. */
  'archive:write': ['support', 'admin', 'clinic'],
  /** The reading worklist; clinic users only their own clinics' tasks (clinic scope). */
  'worklist:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  /** Claiming, heartbeating and releasing reading tasks; marking oneself on shift. */
  'worklist:claim': ['radiologist', 'consultant'],
  /** Reassigning a task to another reader or back to the queue. */
  'worklist:assign': ['consultant', 'admin'],
  /** Changing a task's priority; clinic users may only raise their own routine tasks to urgent. */
  'worklist:prioritise': ['radiologist', 'consultant', 'assistant', 'admin', 'clinic'],
  'settings:read': ['admin'],
  'settings:write': ['admin'],
  /** Released reports; clinic users only their own clinics' and never a draft (clinic scope). */
  'report:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  /** Opening and autosaving a report (only the task's claimant, checked by the service). */
  'report:write': ['radiologist', 'consultant'],
  /** Signing, asking for a consultation, adding an addendum. */
  'report:sign': ['radiologist', 'consultant'],
  /** Claiming consultation tasks and concurring with or amending a held report. */
  'consultation:decide': ['consultant'],
  'rules:consultation:read': ['radiologist', 'consultant', 'qa', 'admin'],
  /** Consultation rules are data, edited by QA or admin. */
  'rules:consultation:write': ['qa', 'admin'],
  /** Report deliveries to clinics (PDF, DICOM, webhook) and their attempts: support's view. */
  'deliveries:read': ['support', 'admin'],
  /** Retrying a failed delivery. */
  'deliveries:retry': ['support', 'admin'],
  /** The "needs attention" list: studies flagged at ingest, with their reasons. */
  'attention:read': ['assistant', 'support', 'qa', 'admin'],
  /** Entering an applicant's identity for a study, and marking its flags as looked at. */
  'attention:write': ['assistant', 'support', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

/** A permission name. */
export type Permission = keyof typeof PERMISSIONS;

/** Does any of the actor's roles hold `permission`? */
export function can(actor: Actor, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return actor.roles.some((r) => allowed.includes(r));
}

/** Throws FORBIDDEN unless the actor holds `permission`. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw appError('FORBIDDEN');
}

/**
 * Which clinics' data the actor may see: `'all'` for centre staff, or the list of the clinic
 * user's own clinics. A user holding only the `clinic` role is always scoped.
 */
export type ClinicScope = 'all' | readonly string[];

/** The actor's clinic scope. */
export function clinicScope(actor: Actor): ClinicScope {
  return actor.roles.some((r) => r !== 'clinic') ? 'all' : actor.clinicIds;
}

/** True when `clinicId` is inside the scope. */
export function inScope(scope: ClinicScope, clinicId: string | null | undefined): boolean {
  if (scope === 'all') return true;
  return clinicId != null && scope.includes(clinicId);
}

/**
 * The clinic-scope check for one record: a record outside the actor's clinics answers 404, the
 * same as a record that does not exist, so its existence is not revealed.
 */
export function assertClinicScope(actor: Actor, clinicId: string | null | undefined): void {
  if (!inScope(clinicScope(actor), clinicId)) throw appError('NOT_FOUND');
}
