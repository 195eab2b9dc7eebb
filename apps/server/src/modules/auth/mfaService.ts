import type { MfaEnrollment } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { getSecuritySettings } from '../settings';
import { roleRequiresMfa } from './credentials';
import { recordFailure } from './lockout';
import { promoteSession, type ClientMeta, type SignedIn } from './loginService';
import { verifyPassword } from './passwords';
import { recoveryCode, sha256 } from './secrets';
import type { LoadedSession } from './sessions';
import { checkTotp, newTotpSecret, totpEnrollment } from './totp';

const RECOVERY_CODES = 10;

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** Checks a TOTP code (with replay protection) or spends a recovery code. */
async function proveSecondFactor(
  ctx: ServiceContext,
  userId: string,
  code: string,
): Promise<'totp' | 'recovery' | null> {
  const u = await ctx.db
    .selectFrom('users')
    .select(['mfa_secret', 'mfa_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!u.mfa_secret) return null;
  if (/^\d{6}$/.test(code)) {
    const step = await checkTotp(
      u.mfa_secret,
      code,
      u.mfa_last_step === null ? null : Number(u.mfa_last_step),
    );
    if (step === null) return null;
    await ctx.db
      .updateTable('users')
      .set({ mfa_last_step: step })
      .where('id', '=', userId)
      .execute();
    return 'totp';
  }
  const used = await ctx.db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', sha256(code.toLowerCase()))
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used ? 'recovery' : null;
}

/**
 * Step-up check before a sensitive act (signing a report, when the security settings ask): a
 * fresh TOTP code, with the same replay protection as sign-in, or an unused recovery code. A
 * wrong code counts towards the account lockout. Throws MFA_ENROLLMENT_REQUIRED when the user
 * has no authenticator, MFA_REQUIRED without a code, MFA_CODE_INVALID or ACCOUNT_LOCKED.
 */
export async function requireFreshSecondFactor(
  ctx: ServiceContext,
  code: string | undefined,
  purpose: string,
): Promise<void> {
  const actor = actorOf(ctx);
  const u = await ctx.db
    .selectFrom('users')
    .select(['mfa_enabled'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!u.mfa_enabled)
    throw appError(
      'MFA_ENROLLMENT_REQUIRED',
      { purpose },
      `Set up two-factor authentication in your profile: it is required to ${purpose}.`,
    );
  if (!code)
    throw appError(
      'MFA_REQUIRED',
      { purpose },
      `Enter the code from your authenticator app to ${purpose}.`,
    );
  const how = await proveSecondFactor(ctx, actor.userId, code);
  if (!how) {
    const until = await recordFailure(
      ctx,
      actor.userId,
      actor.username,
      `wrong MFA code (${purpose})`,
    );
    if (until) throw appError('ACCOUNT_LOCKED', { lockedUntil: until.toISOString() });
    throw appError('MFA_CODE_INVALID');
  }
  await ctx.db
    .updateTable('users')
    .set({ failed_logins: 0 })
    .where('id', '=', actor.userId)
    .execute();
}

/** Second sign-in step: a correct code turns a `mfa_required` session into an active one. */
export async function verifyMfa(
  ctx: ServiceContext,
  session: LoadedSession,
  code: string,
  meta: ClientMeta,
): Promise<SignedIn> {
  const actor = actorOf(ctx);
  if (session.stage !== 'mfa_required')
    throw appError(
      'MFA_NOT_ENROLLING',
      undefined,
      'This session is not waiting for an authentication code.',
    );
  const how = await proveSecondFactor(ctx, actor.userId, code);
  if (!how) {
    const until = await recordFailure(ctx, actor.userId, actor.username, 'wrong MFA code');
    if (until) throw appError('ACCOUNT_LOCKED', { lockedUntil: until.toISOString() });
    throw appError('MFA_CODE_INVALID');
  }
  await ctx.db
    .updateTable('users')
    .set({ failed_logins: 0 })
    .where('id', '=', actor.userId)
    .execute();
  return promoteSession(
    ctx,
    session,
    'active',
    meta,
    how === 'totp' ? 'auth.mfa.verify' : 'auth.mfa.recovery_code',
  );
}

/** Starts enrolment: a pending secret, its otpauth URL and QR code. */
export async function enrollMfa(ctx: ServiceContext): Promise<MfaEnrollment> {
  const actor = actorOf(ctx);
  const u = await ctx.db
    .selectFrom('users')
    .select('mfa_enabled')
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (u.mfa_enabled) throw appError('MFA_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await ctx.db
    .updateTable('users')
    .set({ mfa_pending_secret: secret })
    .where('id', '=', actor.userId)
    .execute();
  await writeAudit(ctx, {
    action: 'auth.mfa.enroll_start',
    outcome: 'success',
    resourceType: 'user',
    resourceId: actor.userId,
  });
  return { secret, ...(await totpEnrollment(actor.username, secret)) };
}

/**
 * Confirms enrolment with a code from the new secret; turns MFA on and issues recovery codes
 * (returned once, stored hashed). A session that was held for enrolment becomes active.
 */
export async function confirmMfa(
  ctx: ServiceContext,
  session: LoadedSession | undefined,
  code: string,
  meta: ClientMeta,
): Promise<{ recoveryCodes: string[]; signedIn: SignedIn | null }> {
  const actor = actorOf(ctx);
  const u = await ctx.db
    .selectFrom('users')
    .select(['mfa_pending_secret', 'mfa_enabled'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (u.mfa_enabled) throw appError('MFA_ALREADY_ENABLED');
  if (!u.mfa_pending_secret) throw appError('MFA_NOT_ENROLLING');
  const step = /^\d{6}$/.test(code) ? await checkTotp(u.mfa_pending_secret, code, null) : null;
  if (step === null) {
    await writeAudit(ctx, {
      action: 'auth.mfa.enroll_confirm',
      outcome: 'failure',
      resourceType: 'user',
      resourceId: actor.userId,
    });
    throw appError('MFA_CODE_INVALID');
  }
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        mfa_enabled: true,
        mfa_secret: u.mfa_pending_secret,
        mfa_pending_secret: null,
        mfa_last_step: step,
      })
      .where('id', '=', actor.userId)
      .execute();
    await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', actor.userId).execute();
    await trx
      .insertInto('mfa_recovery_codes')
      .values(codes.map((c) => ({ user_id: actor.userId, code_hash: sha256(c) })))
      .execute();
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'auth.mfa.enroll_confirm',
        outcome: 'success',
        resourceType: 'user',
        resourceId: actor.userId,
      },
    );
  });
  const signedIn =
    session?.stage === 'mfa_enrollment_required'
      ? await promoteSession(ctx, session, 'active', meta, 'auth.mfa.enrolled_sign_in')
      : null;
  return { recoveryCodes: codes, signedIn };
}

/** Turns MFA off after re-checking the password; refused when the user's role requires MFA. */
export async function disableMfa(ctx: ServiceContext, password: string): Promise<void> {
  const actor = actorOf(ctx);
  const u = await ctx.db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(u.password_hash, password))) throw appError('PASSWORD_WRONG');
  const s = await getSecuritySettings(ctx.db);
  if (roleRequiresMfa(actor.roles, s)) {
    throw appError(
      'FORBIDDEN',
      undefined,
      'Your role requires two-factor authentication, so it cannot be turned off.',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ mfa_enabled: false, mfa_secret: null, mfa_pending_secret: null, mfa_last_step: null })
      .where('id', '=', actor.userId)
      .execute();
    await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', actor.userId).execute();
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'auth.mfa.disable',
        outcome: 'success',
        resourceType: 'user',
        resourceId: actor.userId,
      },
    );
  });
}
