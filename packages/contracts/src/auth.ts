import { z } from 'zod';
import { Language } from './languages';
import { NewPassword } from './org';
import { ROLES } from './roles';

/** Body of `POST /api/auth/login`. */
export const LoginBody = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

/** A six-digit TOTP code (RFC 6238), or a recovery code `xxxxx-xxxxx`. */
export const MfaCodeBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/, 'must be a 6-digit code or a recovery code'),
  })
  .strict();
export type MfaCodeBody = z.infer<typeof MfaCodeBody>;

/**
 * Where a session stands:
 * - `active`: fully signed in;
 * - `mfa_required`: password accepted, TOTP code still needed;
 * - `mfa_enrollment_required`: the user's role requires MFA and they have none yet; only
 *   enrolment is allowed.
 */
export const SessionStage = z.enum(['active', 'mfa_required', 'mfa_enrollment_required']);
export type SessionStage = z.infer<typeof SessionStage>;

/** The signed-in user as the session endpoint returns it. */
export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  credentials: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  clinicIds: z.array(z.uuid()),
  mfaEnabled: z.boolean(),
  /** The language the user reads in: their own choice, else their clinic's, else English. */
  language: Language,
  /** The user's own choice of language; null follows their clinic's default. */
  ownLanguage: Language.nullable(),
  /** Their clinic's default language (their first clinic by code); null for centre staff. */
  clinicLanguage: Language.nullable(),
  /** Their clinic's time zone, for times on clinic pages; null for centre staff. */
  timeZone: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

/** `GET /api/auth/session` and the answer to login and MFA steps. */
export const SessionInfo = z.object({
  stage: SessionStage,
  user: Me,
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** Body of `POST /api/auth/password`. */
export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword })
  .strict();

/** Answer of `POST /api/auth/mfa/enroll`: a fresh secret to confirm with a code. */
export const MfaEnrollment = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});
export type MfaEnrollment = z.infer<typeof MfaEnrollment>;

/** Answer of `POST /api/auth/mfa/confirm`: recovery codes, shown once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/** Body of `POST /api/auth/mfa/disable`: the current password proves intent. */
export const MfaDisableBody = z.object({ password: z.string().min(1).max(256) }).strict();

/** An API token as listed (never its secret). */
export const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** Body of `POST /api/auth/tokens`. */
export const ApiTokenCreate = z
  .object({
    name: z.string().trim().min(1).max(80),
    expiresInDays: z.number().int().min(1).max(730).nullable().default(365),
  })
  .strict();

/** Answer of `POST /api/auth/tokens`: the secret is shown this once. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() });

/** Security settings an admin sets (`GET/PUT /api/settings/security`). */
export const SecuritySettings = z
  .object({
    mfaRequiredRoles: z.array(z.enum(ROLES)),
    sessionIdleMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    lockoutThreshold: z.number().int().min(3).max(20),
    lockoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    /** Ask for a fresh authenticator code to sign, concur, amend or add an addendum. */
    mfaOnSign: z.boolean().default(false),
  })
  .strict();
export type SecuritySettings = z.infer<typeof SecuritySettings>;
