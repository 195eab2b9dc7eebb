import type { SessionInfo, SessionStage } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { getSecuritySettings } from '../settings';
import {
  checkPassword,
  credentialRefusal,
  roleRequiresMfa,
  type CredentialPolicy,
} from './credentials';
import { loadLocale } from './locale';
import { presenceSessionEnded, presenceSignedIn } from './presence';
import { sha256 } from './secrets';
import {
  createSession,
  destroySession,
  loadActor,
  sessionInfo,
  type LoadedSession,
} from './sessions';

/** Request facts a new session records. */
export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
  /** The session cookie the browser presented on sign-in: that session ends. */
  replaces?: string;
}

/** A signed-in result: the cookie secret to set and the body to return. */
export interface SignedIn {
  token: string;
  info: SessionInfo;
}

/**
 * Password sign-in through the one credential check (see `checkPassword`). The session starts at
 * the stage the account's MFA state requires. `meta.replaces`, the session cookie this browser
 * presented, is ended: a browser holds one session, and signing in again (perhaps as someone
 * else) must not leave the previous one alive on the server.
 */
export async function login(
  ctx: ServiceContext,
  policy: CredentialPolicy,
  username: string,
  password: string,
  meta: ClientMeta,
): Promise<SignedIn> {
  const checked = await checkPassword(ctx, policy, 'login', username, password);
  if (!checked.ok) throw credentialRefusal(checked, 'login');
  const u = checked.user;
  const settings = await getSecuritySettings(ctx.db);
  const stage: SessionStage = u.mfaEnabled
    ? 'mfa_required'
    : roleRequiresMfa(u.roles, settings)
      ? 'mfa_enrollment_required'
      : 'active';
  await ctx.db
    .updateTable('users')
    .set({ locked_until: null, ...(stage === 'active' ? { last_login_at: new Date() } : {}) })
    .where('id', '=', u.id)
    .execute();
  if (meta.replaces) {
    // The browser's previous session ends: its user may have left (another user signs in).
    const previous = await destroySession(ctx.db, sha256(meta.replaces));
    if (previous && previous !== u.id) await presenceSessionEnded(ctx, previous);
  }
  return startSession(ctx, u.id, stage, meta, settings.sessionIdleMinutes, 'auth.login');
}

/** Creates the session, audits it and returns the body for the client. */
export async function startSession(
  ctx: ServiceContext,
  userId: string,
  stage: SessionStage,
  meta: ClientMeta,
  idleMinutes: number,
  action: string,
): Promise<SignedIn> {
  const actor = await loadActor(ctx.db, userId, 'session');
  if (!actor) throw appError('ACCOUNT_DISABLED');
  const { token, session } = await createSession(ctx.db, userId, stage, idleMinutes, meta);
  await writeAudit(
    { ...ctx, actor },
    { action, outcome: 'success', resourceType: 'user', resourceId: userId, details: { stage } },
  );
  if (stage === 'active') await presenceSignedIn({ ...ctx, actor }, userId);
  return { token, info: sessionInfo(actor, session, await loadLocale(ctx.db, userId)) };
}

/**
 * Replaces the session by a new one at `stage` (new id: a session that gains privilege never
 * keeps its old identifier).
 */
export async function promoteSession(
  ctx: ServiceContext,
  old: LoadedSession,
  stage: SessionStage,
  meta: ClientMeta,
  action: string,
): Promise<SignedIn> {
  const settings = await getSecuritySettings(ctx.db);
  await destroySession(ctx.db, old.idHash);
  if (stage === 'active')
    await ctx.db
      .updateTable('users')
      .set({ last_login_at: new Date() })
      .where('id', '=', old.userId)
      .execute();
  return startSession(ctx, old.userId, stage, meta, settings.sessionIdleMinutes, action);
}
