import type { Me, Role, SessionInfo, SessionStage, UserLocale } from '@telerad/contracts';
import type { Actor } from '../../platform/context';
import { presenceSessionEnded } from './presence';
import type { Db } from '../../platform/db';
import { randomSecret, sha256 } from './secrets';
import { purgeAttemptWindows } from './attemptLimiter';

/** The session cookie: httpOnly, SameSite=Strict, path `/`. */
export const SESSION_COOKIE = 'telerad_session';
/** However active, a session ends this long after sign-in. */
const ABSOLUTE_HOURS = 14;
/** Sliding expiry is pushed forward at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

/** A session row with what the request pipeline needs. */
export interface LoadedSession {
  idHash: string;
  userId: string;
  stage: SessionStage;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** Creates a session; returns the secret cookie value (only its hash is stored). */
export async function createSession(
  db: Db,
  userId: string,
  stage: SessionStage,
  idleMinutes: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: LoadedSession }> {
  const token = randomSecret(32);
  const idHash = sha256(token);
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(Date.now() + idleMinutes * 60_000);
  await db
    .insertInto('sessions')
    .values({
      id_hash: idHash,
      user_id: userId,
      stage,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      expires_at: expiresAt,
      last_seen_at: new Date(),
    })
    .execute();
  return {
    token,
    session: { idHash, userId, stage, csrfToken, expiresAt, lastSeenAt: new Date() },
  };
}

/**
 * Finds the session for a cookie value. `expired` tells a session that existed but timed out
 * (the user is told so) from one that never existed.
 */
export async function findSession(
  db: Db,
  token: string,
): Promise<{ session: LoadedSession } | { expired: boolean }> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row) return { expired: false };
  const absoluteEnd = row.created_at.getTime() + ABSOLUTE_HOURS * 3_600_000;
  if (row.expires_at.getTime() <= Date.now() || absoluteEnd <= Date.now()) {
    await db.deleteFrom('sessions').where('id_hash', '=', row.id_hash).execute();
    return { expired: true };
  }
  return {
    session: {
      idHash: row.id_hash,
      userId: row.user_id,
      stage: row.stage as SessionStage,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
    },
  };
}

/** Slides the idle expiry forward (at most once a minute). */
export async function touchSession(db: Db, s: LoadedSession, idleMinutes: number): Promise<void> {
  if (Date.now() - s.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
  const expiresAt = new Date(Date.now() + idleMinutes * 60_000);
  s.expiresAt = expiresAt;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(), expires_at: expiresAt })
    .where('id_hash', '=', s.idHash)
    .execute();
}

/** Ends one session; answers whose it was (null when there was none). */
export async function destroySession(db: Db, idHash: string): Promise<string | null> {
  const gone = await db
    .deleteFrom('sessions')
    .where('id_hash', '=', idHash)
    .returning('user_id')
    .executeTakeFirst();
  return gone?.user_id ?? null;
}

/** Ends all of a user's sessions, except `keep` (after a password change or reset). */
export async function destroyUserSessions(db: Db, userId: string, keep?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id_hash', '<>', keep);
  await q.execute();
}

/**
 * Deletes sessions past their expiry (a periodic job), and tells presence handlers of the users
 * left without a live session (a reader who closed the browser goes off shift here). Spent
 * password-attempt windows go in the same pass.
 */
export async function purgeExpiredSessions(db: Db): Promise<number> {
  await purgeAttemptWindows(db);
  const gone = await db
    .deleteFrom('sessions')
    .where('expires_at', '<', new Date())
    .returning('user_id')
    .execute();
  const ctx = { actor: null, requestId: 'sessions-purge', ip: null, db };
  for (const userId of new Set(gone.map((g) => g.user_id))) await presenceSessionEnded(ctx, userId);
  return gone.length;
}

/** Loads an active user as an Actor, or null when missing or disabled. */
export async function loadActor(
  db: Db,
  userId: string,
  via: Actor['via'],
): Promise<(Actor & { mfaEnabled: boolean; credentials: string | null }) | null> {
  const u = await db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'display_name',
      'roles',
      'active',
      'mfa_enabled',
      'credentials',
      'service',
    ])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u || !u.active) return null;
  // A machine's service account acts by API token only: never a session, never a password.
  if (u.service && via !== 'token') return null;
  const clinics = await db
    .selectFrom('user_clinics')
    .select('clinic_id')
    .where('user_id', '=', userId)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles as Role[],
    clinicIds: clinics.map((c) => c.clinic_id),
    via,
    mfaEnabled: u.mfa_enabled,
    credentials: u.credentials,
    ...(u.service === 'gateway' || u.service === 'cad' ? { service: u.service } : {}),
  };
}

/** The SessionInfo body for a session and its user. */
export function sessionInfo(
  actor: Actor & { mfaEnabled: boolean; credentials: string | null },
  s: LoadedSession,
  locale: UserLocale,
): SessionInfo {
  const user: Me = {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    credentials: actor.credentials,
    roles: actor.roles,
    clinicIds: actor.clinicIds,
    mfaEnabled: actor.mfaEnabled,
    language: locale.language,
    ownLanguage: locale.ownLanguage,
    clinicLanguage: locale.clinicLanguage,
    timeZone: locale.timeZone,
  };
  return { stage: s.stage, user, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
}
