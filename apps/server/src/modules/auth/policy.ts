import {
  CAD_PERMISSIONS,
  GATEWAY_PERMISSIONS,
  PERMISSIONS,
  rolesCan,
  type Permission,
} from '@telerad/contracts';
import { appError } from '../../platform/errors';
import type { Actor } from '../../platform/context';

/**
 * The one authorisation layer. Permissions are data (`PERMISSIONS` in `@telerad/contracts`,
 * shared with the web app): which roles hold each one. Routes declare the permission they need;
 * the scope check narrows further by clinic. No route checks roles itself.
 */
export { PERMISSIONS, type Permission };

/** What each kind of service account may do: a fixed list, never a role. */
const SERVICE_PERMISSIONS: Record<NonNullable<Actor['service']>, readonly Permission[]> = {
  gateway: GATEWAY_PERMISSIONS,
  cad: CAD_PERMISSIONS,
};

/**
 * Does any of the actor's roles hold `permission`? A service account holds no role: its
 * permissions are its kind's fixed list (`GATEWAY_PERMISSIONS`, docs/adr/0033;
 * `CAD_PERMISSIONS`, docs/adr/0027).
 */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.service) return SERVICE_PERMISSIONS[actor.service].includes(permission);
  return rolesCan(actor.roles, permission);
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
