import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { ResourceKind, RouteAccess } from './access';
import { can, clinicScope, inScope, type Permission } from './policy';

/**
 * What a route's id names, as far as access goes:
 * - `clinic`: a record of one clinic (`clinicId`), or `null` when there is no such record (the
 *   handler answers its own 404, and a STOW-RS to a new study may create it);
 * - `clinics`: a record of several clinics (an incident about studies of more than one), refused
 *   to a caller outside any of them;
 * - `owner`: a user's own record (API token, notification), refused to anyone but `userId`,
 *   except to callers holding `openTo` (a reader's report card, which QA reads for every reader);
 * - `unscoped`: not clinic data (centres, users); the route's permission alone decides.
 */
export type ScopeResolution =
  | { kind: 'clinic'; clinicId: string | null }
  | { kind: 'clinics'; clinicIds: readonly string[] }
  | { kind: 'owner'; userId: string | null; clinicId: string | null; openTo?: Permission }
  | { kind: 'unscoped' };

/** Maps a route's path parameters to the clinic or owner of the record they name. */
export interface ScopeResolver {
  /** The path parameters the resolver reads; a route naming the kind must have them all. */
  params: readonly string[];
  resolve(db: Db, params: Readonly<Record<string, string>>): Promise<ScopeResolution>;
}

/** One resolver per resource kind: the type makes a new kind fail to compile until it has one. */
export type ScopeRegistry = Record<ResourceKind, ScopeResolver>;

/** A resolver for kinds that are not clinic data: permission alone decides. */
export const UNSCOPED: ScopeResolver = {
  params: [],
  resolve: async () => ({ kind: 'unscoped' }),
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The record the route names, as the scope check resolved it (before the handler ran). */
    scope?: ScopeResolution;
    /** Set when the scope check refused the request: always audited. */
    scopeRefused?: boolean;
  }
}

/** Why a route cannot be registered under `registry`, or null when it can. */
function registrationProblem(
  registry: Partial<ScopeRegistry>,
  url: string,
  access: RouteAccess | undefined,
): string | null {
  const kind = access?.resource;
  if (!kind) {
    // A path that names a record (a parameter some resolver reads) must say what it names, or
    // the scope check would not run for it.
    const named = Object.values(registry)
      .flatMap((r) => r.params)
      .find((p) => new RegExp(`:${p}(/|$)`).test(url));
    return named && access
      ? `Route ${url} names a record (:${named}) but declares no access.resource`
      : null;
  }
  const resolver = registry[kind];
  if (!resolver) return `Route ${url} names resource kind '${kind}', which has no scope resolver`;
  const missing = resolver.params.filter((p) => !url.includes(`:${p}`));
  if (missing.length)
    return `Route ${url} names resource kind '${kind}' but has no :${missing.join(', :')} parameter`;
  return null;
}

/** Is the caller outside the record's clinic or owner? */
function refused(req: FastifyRequest, r: ScopeResolution): boolean {
  if (r.kind === 'unscoped') return false;
  const actor = req.ctx.actor;
  // Authentication ran first and refuses anonymous callers; should it not have, fail closed.
  if (!actor) return true;
  if (r.kind === 'owner')
    return r.userId !== null && r.userId !== actor.userId && !(r.openTo && can(actor, r.openTo));
  if (r.kind === 'clinics') return !r.clinicIds.every((c) => inScope(clinicScope(actor), c));
  return r.clinicId !== null && !inScope(clinicScope(actor), r.clinicId);
}

/**
 * The one scope check. Every route that declares `config.access.resource` has the record its
 * path names resolved to a clinic (or owner) after authentication and validation and before the
 * handler; a record outside the caller's clinics answers 404 NOT_FOUND, exactly as a missing one,
 * so its existence is not revealed. Registration fails for a route naming a kind `registry` has
 * no resolver for, and for a route whose path names a record without declaring its kind. Must be
 * installed before any route is registered.
 */
export function installScopeCheck(app: FastifyInstance, registry: Partial<ScopeRegistry>): void {
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    const problem = registrationProblem(registry, route.url, access);
    if (problem) throw new Error(problem);
  });
  // preHandler: params are validated (a malformed id never reaches SQL) and the caller is known.
  app.addHook('preHandler', async (req) => {
    const access: RouteAccess | undefined = req.routeOptions.config.access;
    const kind = access?.resource;
    if (!kind || access.permission === 'public') return;
    const resolver = registry[kind];
    if (!resolver) throw new Error(`no scope resolver for ${kind}`);
    const params = req.params as Record<string, string>;
    const r = await resolver.resolve(req.ctx.db, params);
    req.scope = r;
    // The audit event names the record (its first parameter: the id, or the study UID, as the
    // DICOMweb handlers do) and its clinic, even when the handler never runs.
    const first = resolver.params[0];
    req.auditInfo = {
      ...req.auditInfo,
      ...(first && params[first] ? { resourceId: params[first] } : {}),
      ...(r.kind === 'clinics'
        ? {
            clinicId: r.clinicIds[0]!,
            details: { ...req.auditInfo?.details, clinicIds: r.clinicIds },
          }
        : r.kind !== 'unscoped' && r.clinicId !== null
          ? { clinicId: r.clinicId }
          : {}),
    };
    if (refused(req, r)) {
      // Audited whatever the route: an attempt at another clinic's record is an auditor's business.
      req.scopeRefused = true;
      req.auditInfo = {
        ...req.auditInfo,
        details: { ...req.auditInfo?.details, refusedBy: 'scope' },
      };
      throw appError('NOT_FOUND');
    }
  });
}
