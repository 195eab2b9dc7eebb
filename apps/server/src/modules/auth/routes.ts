import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  ChangePasswordBody,
  LanguageChoice,
  LoginBody,
  MfaCodeBody,
  MfaDisableBody,
  MfaEnrollment,
  RecoveryCodes,
  SessionInfo,
  UserLocale,
} from '@telerad/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appError } from '../../platform/errors';
import type { FastifyZodApp } from '../../platform/http';
import { loadLocale, setOwnLanguage } from './locale';
import { login, type SignedIn } from './loginService';
import { confirmMfa, disableMfa, enrollMfa, verifyMfa } from './mfaService';
import { changePassword } from './passwordService';
import { presenceSessionEnded } from './presence';
import { destroySession, findSession, loadActor, SESSION_COOKIE, sessionInfo } from './sessions';
import { createToken, listTokens, revokeToken } from './tokens';

/** Options for the auth routes. */
export interface AuthRouteOptions {
  secureCookies: boolean;
  /** MFA code attempts per minute per address (password attempts: the credential policy). */
  loginRateLimit: number;
}

const meta = (req: FastifyRequest) => ({
  ip: req.ip,
  userAgent: req.headers['user-agent'] ?? null,
});

/** The current session, for routes that act on it. */
async function currentSession(req: FastifyRequest) {
  const cookie = req.cookies[SESSION_COOKIE];
  const found = cookie ? await findSession(req.ctx.db, cookie) : { expired: false };
  if (!('session' in found)) throw appError(found.expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  return found.session;
}

/** Sign-in, sessions, MFA, password and API token routes under `/api/auth`. */
export async function authRoutes(app: FastifyZodApp, opts: AuthRouteOptions): Promise<void> {
  const setCookie = (reply: FastifyReply, s: SignedIn) => {
    reply.setCookie(SESSION_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secureCookies,
      path: '/',
      expires: new Date(s.info.expiresAt),
    });
    return s.info;
  };

  app.post('/api/auth/login', {
    // Attempts are limited per address and username by the credential check itself, so that
    // sign-in and HTTP Basic share one count (see checkPassword).
    config: { access: { permission: 'public' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with username and password',
      body: LoginBody,
      response: { 200: SessionInfo },
    },
    handler: async (req, reply) =>
      setCookie(
        reply,
        await login(req.ctx, app.credentialPolicy, req.body.username, req.body.password, {
          ...meta(req),
          replaces: req.cookies[SESSION_COOKIE],
        }),
      ),
  });

  app.get('/api/auth/session', {
    config: { access: { permission: 'self', allowPendingMfa: true } },
    schema: { tags: ['auth'], summary: 'The current session', response: { 200: SessionInfo } },
    handler: async (req) => {
      const session = await currentSession(req);
      const actor = await loadActor(req.ctx.db, session.userId, 'session');
      if (!actor) throw appError('ACCOUNT_DISABLED');
      return sessionInfo(actor, session, await loadLocale(req.ctx.db, session.userId));
    },
  });

  app.post('/api/auth/logout', {
    config: { access: { permission: 'self', allowPendingMfa: true, audit: 'auth.logout' } },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    handler: async (req, reply) => {
      if (req.sessionHash) {
        await destroySession(req.ctx.db, req.sessionHash);
        if (req.ctx.actor) await presenceSessionEnded(req.ctx, req.ctx.actor.userId);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.post('/api/auth/mfa/verify', {
    config: {
      access: { permission: 'self', allowPendingMfa: true },
      rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['auth'],
      summary: 'Second sign-in step: TOTP or recovery code',
      body: MfaCodeBody,
      response: { 200: SessionInfo },
    },
    handler: async (req, reply) =>
      setCookie(
        reply,
        await verifyMfa(req.ctx, await currentSession(req), req.body.code, meta(req)),
      ),
  });

  app.post('/api/auth/mfa/enroll', {
    config: { access: { permission: 'self', allowPendingMfa: true } },
    schema: { tags: ['auth'], summary: 'Start TOTP enrolment', response: { 200: MfaEnrollment } },
    handler: async (req) => {
      if (req.sessionStage === 'mfa_required') throw appError('MFA_REQUIRED');
      return enrollMfa(req.ctx);
    },
  });

  app.post('/api/auth/mfa/confirm', {
    config: { access: { permission: 'self', allowPendingMfa: true } },
    schema: {
      tags: ['auth'],
      summary: 'Confirm TOTP enrolment; returns recovery codes once',
      body: MfaCodeBody,
      response: { 200: RecoveryCodes },
    },
    handler: async (req, reply) => {
      if (req.sessionStage === 'mfa_required') throw appError('MFA_REQUIRED');
      const session = req.sessionHash ? await currentSession(req) : undefined;
      const r = await confirmMfa(req.ctx, session, req.body.code, meta(req));
      if (r.signedIn) setCookie(reply, r.signedIn);
      return { recoveryCodes: r.recoveryCodes };
    },
  });

  app.post('/api/auth/mfa/disable', {
    config: { access: { permission: 'self' } },
    schema: {
      tags: ['auth'],
      summary: 'Turn MFA off (password required)',
      body: MfaDisableBody,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await disableMfa(req.ctx, req.body.password);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/auth/password', {
    config: { access: { permission: 'self' } },
    schema: {
      tags: ['auth'],
      summary: 'Change own password',
      body: ChangePasswordBody,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await changePassword(
        req.ctx,
        req.body.currentPassword,
        req.body.newPassword,
        req.sessionHash,
      );
      return reply.status(204).send(null);
    },
  });

  app.put('/api/auth/language', {
    config: {
      access: { permission: 'self', audit: 'profile.language', auditInTransaction: true },
    },
    schema: {
      tags: ['auth'],
      summary: 'Choose the language you read in (null: follow your clinic)',
      body: LanguageChoice,
      response: { 200: UserLocale },
    },
    handler: async (req) => setOwnLanguage(req.ctx, req.body.language),
  });

  app.get('/api/auth/tokens', {
    config: { access: { permission: 'self' } },
    schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.array(ApiToken) } },
    handler: async (req) => listTokens(req.ctx),
  });

  app.post('/api/auth/tokens', {
    config: { access: { permission: 'self' } },
    schema: {
      tags: ['auth'],
      summary: 'Create an API token (secret shown once)',
      body: ApiTokenCreate,
      response: { 200: ApiTokenCreated },
    },
    handler: async (req) => createToken(req.ctx, req.body.name, req.body.expiresInDays),
  });

  app.delete('/api/auth/tokens/:id', {
    config: { access: { permission: 'self', resource: 'token' } },
    schema: {
      tags: ['auth'],
      summary: 'Revoke an API token',
      params: z.object({ id: z.uuid() }),
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await revokeToken(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  });
}
