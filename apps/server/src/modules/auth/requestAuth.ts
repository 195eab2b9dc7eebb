import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/context';
import { appError } from '../../platform/errors';
import { getSecuritySettings } from '../settings';
import type { RouteAccess } from './access';
import { checkPassword, credentialRefusal, roleRequiresMfa } from './credentials';
import { requirePermission } from './policy';
import { loadActor, touchSession, type LoadedSession } from './sessions';
import { presentedCredential, resolveSession, resolveToken } from './signedIn';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who the caller is, and how, or why not. */
interface Identity {
  actor: Actor | null;
  session?: LoadedSession;
  sessionExpired?: boolean;
}

/**
 * HTTP Basic, for DICOMweb clients that cannot do anything else (DESIGN.md §2), through the same
 * credential check as sign-in (lockout, rate limit, equal time, the verified-credential cache).
 * An account that signs in with MFA, or whose role requires it, must use an API token: a
 * password alone is never enough for it.
 */
async function fromBasic(
  req: FastifyRequest,
  reply: FastifyReply,
  header: string,
): Promise<Identity> {
  if (!req.url.startsWith('/dicomweb')) throw appError('BASIC_AUTH_NOT_ALLOWED');
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep < 0) throw appError('INVALID_CREDENTIALS');
  const db = req.ctx.db;
  const checked = await checkPassword(
    req.ctx,
    req.server.credentialPolicy,
    'basic',
    decoded.slice(0, sep),
    decoded.slice(sep + 1),
  );
  if (!checked.ok) {
    if (checked.reason === 'rate_limited')
      reply.header('retry-after', String(checked.retryAfterSeconds));
    throw credentialRefusal(checked, 'basic');
  }
  const u = checked.user;
  if (u.mfaEnabled || roleRequiresMfa(u.roles, await getSecuritySettings(db)))
    throw appError(
      'FORBIDDEN',
      undefined,
      'This account uses two-factor authentication, or its role requires it: use an API token for DICOMweb.',
    );
  const actor = await loadActor(db, u.id, 'basic');
  if (!actor) throw appError('ACCOUNT_DISABLED');
  return { actor };
}

async function identify(req: FastifyRequest, reply: FastifyReply): Promise<Identity> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) return fromBasic(req, reply, auth);
  const cred = presentedCredential(req);
  if (!cred) return { actor: null };
  if (cred.kind === 'token') {
    const actor = await resolveToken(req.ctx.db, cred.token);
    if (!actor) throw appError('ACCOUNT_DISABLED');
    return { actor };
  }
  const found = await resolveSession(req.ctx.db, cred.cookie);
  return 'actor' in found
    ? { actor: found.actor, session: found.session }
    : { actor: null, sessionExpired: found.expired };
}

/**
 * The request pipeline's authentication and authorisation step (an onRequest hook, so it runs
 * before body parsing and validation): identify the caller, hold sessions that still owe an
 * MFA step, check the route's permission, and check the CSRF token of cookie-authenticated
 * state-changing requests.
 */
export async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const access: RouteAccess | undefined = req.routeOptions.config.access;
  if (!access) return; // static assets and the SPA shell
  const id = await identify(req, reply);
  req.ctx.actor = id.actor;
  if (id.session) {
    req.sessionHash = id.session.idHash;
    req.sessionStage = id.session.stage;
  }
  if (access.permission === 'public') return;
  if (!id.actor) throw appError(id.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  if (id.session) {
    if (id.session.stage !== 'active' && !access.allowPendingMfa) {
      throw appError(
        id.session.stage === 'mfa_required' ? 'MFA_REQUIRED' : 'MFA_ENROLLMENT_REQUIRED',
      );
    }
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== id.session.csrfToken) {
      throw appError('CSRF_TOKEN_INVALID');
    }
    const settings = await getSecuritySettings(req.ctx.db);
    await touchSession(req.ctx.db, id.session, settings.sessionIdleMinutes);
    reply.header('x-session-expires', id.session.expiresAt.toISOString());
  }
  requirePermission(id.actor, access.permission);
}
