import type { Actor } from '../../platform/context';
import { appError } from '../../platform/errors';
import { can } from '../auth';

/** Does the actor manage SOPs (QA, admin): every document, every version, every acknowledgement. */
export function managesSops(actor: Actor): boolean {
  return can(actor, 'sops:manage');
}

/** Is a version with `roles` for the actor (they read it and must acknowledge it)? */
export function isFor(actor: Actor, roles: readonly string[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/**
 * Refuses (as NOT_FOUND, so a document's existence does not leak) a document whose newest version
 * is not for any of the actor's roles, unless they manage SOPs.
 */
export function assertReadable(actor: Actor, newestRoles: readonly string[]): void {
  if (!managesSops(actor) && !isFor(actor, newestRoles)) throw appError('NOT_FOUND');
}

/** The actor of a signed-in request. */
export function actorOf(ctx: { actor: Actor | null }): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** Today's date (UTC), `YYYY-MM-DD`: effective and review dates are calendar days. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}
