import type { CatalogueEntry } from './entry';

/** Signing in, sessions, second factors, tokens and permissions. */
export const ACCESS_ERRORS = {
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session expired. Sign in again.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Wrong username or password.' },
  ACCOUNT_LOCKED: {
    status: 423,
    message:
      'Too many failed sign-ins: this account is locked for a while. An administrator can unlock it.',
  },
  ACCOUNT_DISABLED: { status: 403, message: 'This account is disabled. Ask an administrator.' },
  MFA_REQUIRED: {
    status: 401,
    message: 'Enter the code from your authenticator app to finish signing in.',
  },
  MFA_ENROLLMENT_REQUIRED: {
    status: 403,
    message: 'Your role requires two-factor authentication. Set it up to continue.',
  },
  MFA_CODE_INVALID: {
    status: 401,
    message:
      'That authentication code is wrong or already used. Wait for a new code and try again.',
  },
  MFA_NOT_ENROLLING: { status: 409, message: 'Start MFA set-up before confirming a code.' },
  MFA_ALREADY_ENABLED: {
    status: 409,
    message: 'Two-factor authentication is already on for this account.',
  },
  PASSWORD_WRONG: { status: 400, message: 'The current password is wrong.' },
  TOKEN_INVALID: { status: 401, message: 'The API token is not valid.' },
  TOKEN_REVOKED: { status: 401, message: 'The API token was revoked. Create a new one.' },
  TOKEN_EXPIRED: { status: 401, message: 'The API token expired. Create a new one.' },
  BASIC_AUTH_NOT_ALLOWED: {
    status: 401,
    message: 'HTTP Basic authentication is accepted on /dicomweb only.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    message:
      'This page is not served by this Telerad server, so it may not open live updates. Open Telerad at its own address.',
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    message: 'The page is out of date (missing or wrong CSRF token). Reload and try again.',
  },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
} as const satisfies Record<string, CatalogueEntry>;
