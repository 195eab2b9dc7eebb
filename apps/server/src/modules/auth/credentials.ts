import type { Role, SecuritySettings } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError, type AppError } from '../../platform/errors';
import { AttemptLimiter } from './attemptLimiter';
import { CredentialCache } from './credentialCache';
import { recordFailure } from './lockout';
import { burnVerification, dummyHash, verifyPassword } from './passwords';

/** The two doors that take a username and password. */
export type PasswordDoor = 'login' | 'basic';

/** Limits of the credential policy shared by every door. */
export interface CredentialPolicyOptions {
  /** Password verifications per minute per address and username (the sign-in rate limit). */
  attemptsPerMinute: number;
  /** How long a verified credential is trusted without argon2 (default 60 s). */
  cacheTtlMs?: number;
  /** Verified credentials kept at most (default 1,000). */
  cacheMaxEntries?: number;
}

/**
 * The credential state of one app: this process's verified credentials, and the attempt counts
 * every node shares (in the database).
 */
export interface CredentialPolicy {
  cache: CredentialCache;
  attempts: AttemptLimiter;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The credential policy every password door of this app goes through. */
    credentialPolicy: CredentialPolicy;
  }
}

/** Builds the credential policy of one app. */
export function credentialPolicy(db: Db, opts: CredentialPolicyOptions): CredentialPolicy {
  // Hash the timing equaliser now, so the first unknown username is not slower than the rest.
  void dummyHash();
  return {
    cache: new CredentialCache({
      ttlMs: opts.cacheTtlMs ?? 60_000,
      maxEntries: opts.cacheMaxEntries ?? 1000,
    }),
    attempts: new AttemptLimiter(db, { max: opts.attemptsPerMinute, windowMs: 60_000 }),
  };
}

/** The account a credential proved. */
export interface ProvenUser {
  id: string;
  roles: Role[];
  mfaEnabled: boolean;
}

/**
 * What a password check concluded. `invalid` covers an unknown username and a wrong password
 * alike; `locked` is told only to doors that choose to say so (sign-in does, Basic does not).
 */
export type CredentialCheck =
  | { ok: true; user: ProvenUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: Date }
  | { ok: false; reason: 'disabled' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/** Whether the user's roles require two-factor authentication under `settings`. */
export function roleRequiresMfa(roles: readonly string[], settings: SecuritySettings): boolean {
  return roles.some((r) => (settings.mfaRequiredRoles as readonly string[]).includes(r));
}

/**
 * The one password check behind every door (sign-in and HTTP Basic):
 * - every answer costs one argon2 verification, whether the user exists, is locked or not,
 *   so time tells nothing (an unknown user is verified against a dummy hash);
 * - a credential verified moments ago against the same stored hash costs none (CredentialCache);
 * - each verification counts towards the per-address-and-username rate limit, and a limited
 *   attempt runs none;
 * - a wrong password counts towards the lockout, and the failure is audited;
 * - a locked account is refused whatever the password, after the same verification.
 */
export async function checkPassword(
  ctx: ServiceContext,
  policy: CredentialPolicy,
  door: PasswordDoor,
  username: string,
  password: string,
): Promise<CredentialCheck> {
  const name = username.trim().toLowerCase();
  const u = await ctx.db
    .selectFrom('users')
    .select([
      'id',
      'password_hash',
      'locked_until',
      'active',
      'mfa_enabled',
      'roles',
      'failed_logins',
    ])
    .where('username', '=', name)
    .executeTakeFirst();
  const locked = !!u?.locked_until && u.locked_until > new Date();
  const key = policy.cache.keyOf(name, password);

  let matches: boolean;
  const verified = () => !!u && !locked && policy.cache.holds(key, u.id, u.password_hash);
  if (verified()) matches = true;
  else {
    let pending = u && policy.cache.inFlight(key, u.password_hash);
    if (!pending) {
      const verdict = await policy.attempts.take(`${ctx.ip ?? ''}|${name}`);
      if (!verdict.allowed)
        return { ok: false, reason: 'rate_limited', retryAfterSeconds: verdict.retryAfterSeconds };
      // While the count was taken (a database round trip), the same credential may have started
      // or finished verifying: share that verification rather than run argon2 again.
      pending = u && policy.cache.inFlight(key, u.password_hash);
      if (!pending && verified()) pending = Promise.resolve(true);
      pending ??= u
        ? policy.cache.track(key, u.id, u.password_hash, verifyPassword(u.password_hash, password))
        : burnVerification(password).then(() => false);
    }
    matches = await pending;
  }

  if (!u) {
    await audit(ctx, door, 'failure', null, name.slice(0, 64), 'unknown user');
    return { ok: false, reason: 'invalid' };
  }
  if (locked) {
    policy.cache.forget(key);
    await audit(ctx, door, 'denied', u.id, name, 'locked');
    return { ok: false, reason: 'locked', lockedUntil: u.locked_until! };
  }
  if (!matches) {
    const until = await recordFailure(ctx, u.id, name, 'wrong password', { door });
    return until
      ? { ok: false, reason: 'locked', lockedUntil: until }
      : { ok: false, reason: 'invalid' };
  }
  if (!u.active) {
    policy.cache.forget(key);
    await audit(ctx, door, 'denied', u.id, name, 'disabled');
    return { ok: false, reason: 'disabled' };
  }
  // A Basic client proves its password on every request: write only when there is a count to clear.
  if (u.failed_logins > 0)
    await ctx.db.updateTable('users').set({ failed_logins: 0 }).where('id', '=', u.id).execute();
  return { ok: true, user: { id: u.id, roles: u.roles as Role[], mfaEnabled: u.mfa_enabled } };
}

/**
 * The error a door answers a refused credential with. Sign-in tells a locked account so, whatever
 * the password (the person at the screen can wait or call an administrator, and the answer says
 * nothing about the password). HTTP Basic answers a locked account exactly like a wrong password:
 * no person reads it, and a guesser must learn nothing from it.
 */
export function credentialRefusal(
  check: Extract<CredentialCheck, { ok: false }>,
  door: PasswordDoor,
): AppError {
  switch (check.reason) {
    case 'rate_limited':
      return appError('RATE_LIMITED', { retryAfterSeconds: check.retryAfterSeconds });
    case 'disabled':
      return appError('ACCOUNT_DISABLED');
    case 'locked':
      if (door === 'login')
        return appError(
          'ACCOUNT_LOCKED',
          { lockedUntil: check.lockedUntil.toISOString() },
          `Too many failed sign-ins: this account is locked until ${check.lockedUntil.toISOString().slice(11, 16)} UTC. An administrator can unlock it sooner.`,
        );
      return appError('INVALID_CREDENTIALS');
    case 'invalid':
      return appError('INVALID_CREDENTIALS');
  }
}

function audit(
  ctx: ServiceContext,
  door: PasswordDoor,
  outcome: 'failure' | 'denied',
  userId: string | null,
  actorName: string,
  reason: string,
): Promise<void> {
  return writeAudit(ctx, {
    action: 'auth.login',
    outcome,
    ...(userId ? { resourceType: 'user', resourceId: userId } : {}),
    actorName,
    details: { reason, door },
  });
}
