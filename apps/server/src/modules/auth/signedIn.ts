import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { getSecuritySettings } from '../settings';
import { roleRequiresMfa } from './credentials';
import {
  destroySession,
  findSession,
  loadActor,
  SESSION_COOKIE,
  type LoadedSession,
} from './sessions';
import { verifyToken } from './tokens';

/** A signed-in user as the pipeline needs them. */
type LoadedActor = NonNullable<Awaited<ReturnType<typeof loadActor>>>;

/**
 * The session behind a cookie and its user, or why there is none. A session is over when it
 * expired, when its user is gone or disabled, and when it is a full (`active`) session of a user
 * without MFA whose role now requires MFA: turning MFA on for a role ends those sessions at their
 * next request, in every process, with no list of sessions to chase (the settings are cached for
 * at most a few seconds).
 */
export async function resolveSession(
  db: Db,
  cookie: string,
): Promise<{ actor: LoadedActor; session: LoadedSession } | { expired: boolean }> {
  const found = await findSession(db, cookie);
  if (!('session' in found)) return found;
  const actor = await loadActor(db, found.session.userId, 'session');
  if (!actor) return { expired: true };
  if (
    found.session.stage === 'active' &&
    !actor.mfaEnabled &&
    roleRequiresMfa(actor.roles, await getSecuritySettings(db))
  ) {
    await destroySession(db, found.session.idHash);
    return { expired: true };
  }
  return { actor, session: found.session };
}

/** The user behind a bearer API token; throws the token's refusal (revoked, expired, invalid). */
export async function resolveToken(db: Db, token: string): Promise<LoadedActor | null> {
  const { userId } = await verifyToken(db, token);
  return loadActor(db, userId, 'token');
}

/** The credential a request presented that a long-lived connection must keep re-checking. */
export type PresentedCredential =
  { kind: 'session'; cookie: string } | { kind: 'token'; token: string };

/** The session cookie or API token a request authenticated with, in the pipeline's order. */
export function presentedCredential(req: FastifyRequest): PresentedCredential | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { kind: 'token', token: auth.slice(7).trim() };
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? { kind: 'session', cookie } : null;
}

/**
 * Re-checks a credential by the rules of a new request: the user it still stands for, or null
 * when it was revoked, expired or its user disabled. A database failure throws, so a caller can
 * tell a hiccup from an ended credential.
 */
export async function recheckCredential(db: Db, cred: PresentedCredential): Promise<Actor | null> {
  if (cred.kind === 'session') {
    const r = await resolveSession(db, cred.cookie);
    // Only a full session opened the connection; anything else has ended for it.
    return 'actor' in r && r.session.stage === 'active' ? r.actor : null;
  }
  try {
    return await resolveToken(db, cred.token);
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}
