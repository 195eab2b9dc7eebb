import type { SessionInfo, SessionStage } from '@telerad/contracts';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { getSecuritySettings } from '../settings';
import { burnVerification, verifyPassword } from './passwords';
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
}

/** A signed-in result: the cookie secret to set and the body to return. */
export interface SignedIn {
  token: string;
  info: SessionInfo;
}

/**
 * Counts a failed proof (password or MFA code) against the account and locks it once the
 * threshold is reached. Returns the lock end when this failure locked it.
 */
export async function recordFailure(
  ctx: ServiceContext,
  userId: string,
  username: string,
  reason: string,
): Promise<Date | null> {
  const s = await getSecuritySettings(ctx.db);
  const row = await ctx.db
    .updateTable('users')
    .set({ failed_logins: sql`failed_logins + 1` })
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  await writeAudit(ctx, {
    action: 'auth.login',
    outcome: 'failure',
    resourceType: 'user',
    resourceId: userId,
    actorName: username,
    details: { reason },
  });
  if (row.failed_logins < s.lockoutThreshold) return null;
  const until = new Date(Date.now() + s.lockoutMinutes * 60_000);
  await ctx.db
    .updateTable('users')
    .set({ locked_until: until, failed_logins: 0 })
    .where('id', '=', userId)
    .execute();
  await ctx.db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('stage', '<>', 'active')
    .execute();
  await writeAudit(ctx, {
    action: 'auth.lockout',
    outcome: 'success',
    resourceType: 'user',
    resourceId: userId,
    actorName: username,
    details: { until: until.toISOString(), minutes: s.lockoutMinutes },
  });
  return until;
}

function lockedError(until: Date) {
  return appError(
    'ACCOUNT_LOCKED',
    { lockedUntil: until.toISOString() },
    `Too many failed sign-ins: this account is locked until ${until.toISOString().slice(11, 16)} UTC. An administrator can unlock it sooner.`,
  );
}

/**
 * Password sign-in. Wrong passwords count towards a lockout; a locked account is refused even
 * with the right password. The session starts at the stage the account's MFA state requires.
 */
export async function login(
  ctx: ServiceContext,
  username: string,
  password: string,
  meta: ClientMeta,
): Promise<SignedIn> {
  const name = username.trim().toLowerCase();
  const u = await ctx.db
    .selectFrom('users')
    .select(['id', 'password_hash', 'locked_until', 'active', 'mfa_enabled', 'roles'])
    .where('username', '=', name)
    .executeTakeFirst();
  if (!u) {
    await burnVerification(password);
    await writeAudit(ctx, {
      action: 'auth.login',
      outcome: 'failure',
      actorName: name.slice(0, 64),
      details: { reason: 'unknown user' },
    });
    throw appError('INVALID_CREDENTIALS');
  }
  if (u.locked_until && u.locked_until > new Date()) {
    await writeAudit(ctx, {
      action: 'auth.login',
      outcome: 'denied',
      resourceType: 'user',
      resourceId: u.id,
      actorName: name,
      details: { reason: 'locked' },
    });
    throw lockedError(u.locked_until);
  }
  if (!(await verifyPassword(u.password_hash, password))) {
    const until = await recordFailure(ctx, u.id, name, 'wrong password');
    if (until) throw lockedError(until);
    throw appError('INVALID_CREDENTIALS');
  }
  if (!u.active) {
    await writeAudit(ctx, {
      action: 'auth.login',
      outcome: 'denied',
      resourceType: 'user',
      resourceId: u.id,
      actorName: name,
      details: { reason: 'disabled' },
    });
    throw appError('ACCOUNT_DISABLED');
  }
  const settings = await getSecuritySettings(ctx.db);
  const mustHaveMfa = u.roles.some((r) => (settings.mfaRequiredRoles as string[]).includes(r));
  const stage: SessionStage = u.mfa_enabled
    ? 'mfa_required'
    : mustHaveMfa
      ? 'mfa_enrollment_required'
      : 'active';
  await ctx.db
    .updateTable('users')
    .set({
      failed_logins: 0,
      locked_until: null,
      ...(stage === 'active' ? { last_login_at: new Date() } : {}),
    })
    .where('id', '=', u.id)
    .execute();
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
  return { token, info: sessionInfo(actor, session) };
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
