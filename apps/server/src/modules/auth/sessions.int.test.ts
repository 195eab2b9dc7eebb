import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn } from '../../testing/http';

let fx: AppFixture;
beforeAll(async () => {
  fx = await appWithDemo();
});
afterAll(async () => fx?.close());

const login = (username: string, password: string) =>
  fx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('password sign-in and lockout', () => {
  it('answers the same for an unknown user and a wrong password', async () => {
    expect((await login('nobody', 'x')).json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await login('support', 'wrong-password')).json().error.code).toBe(
      'INVALID_CREDENTIALS',
    );
  });

  it('locks after five wrong passwords, refuses the right one while locked, and an admin can unlock', async () => {
    await fx.tdb.db
      .updateTable('users')
      .set({ failed_logins: 0 })
      .where('username', '=', 'assistant')
      .execute();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await login('assistant', `wrong-${i}`)).json().error.code);
    expect(codes).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'ACCOUNT_LOCKED',
    ]);
    const right = await login('assistant', 'telerad-demo');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.details.lockedUntil).toBeTruthy();
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'auth.lockout')
      .execute();
    expect(events.length).toBe(1);
    const admin = await signIn(fx.app, 'admin');
    const u = await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'assistant')
      .executeTakeFirstOrThrow();
    const unlock = await admin.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { unlock: true },
    });
    expect(unlock.json().lockedUntil).toBeNull();
    expect((await login('assistant', 'telerad-demo')).statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per address and username', async () => {
    const limited = await appWithDemo({ loginRateLimit: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'qa', password: 'x' },
            })
          ).statusCode,
        );
      expect(statuses.slice(3)).toEqual([429, 429]);
      const body = (
        await limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'qa', password: 'x' },
        })
      ).json();
      expect(body.error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('says an expired session expired, and clears it', async () => {
    const c = await signIn(fx.app, 'support');
    await fx.tdb.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const res = await c.request({ method: 'GET', url: '/api/centres' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    expect((await c.request({ method: 'GET', url: '/api/centres' })).json().error.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('requires the CSRF token on state-changing requests with a cookie', async () => {
    const c = await signIn(fx.app, 'admin');
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: c.cookie },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: c.cookie, 'x-csrf-token': 'nope' },
      payload: { name: 'x' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await fx.tdb.db.selectFrom('api_tokens').select('id').execute()).length).toBe(0);
  });

  it('sets an httpOnly SameSite=Strict cookie, and logout ends the session', async () => {
    const res = await login('qa', 'telerad-demo');
    const cookie = res.cookies.find((c) => c.name === 'telerad_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const headers = {
      cookie: `telerad_session=${cookie.value}`,
      'x-csrf-token': res.json().csrfToken,
    };
    expect(
      (await fx.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode,
    ).toBe(204);
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode,
    ).toBe(401);
  });

  it('changes a password, checks the old one, and ends other sessions', async () => {
    const a = await signIn(fx.app, 'auditor');
    const b = await signIn(fx.app, 'auditor');
    const wrong = await a.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'nope', newPassword: 'a-new-long-password' },
    });
    expect(wrong.json().error.code).toBe('PASSWORD_WRONG');
    const short = await a.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'telerad-demo', newPassword: 'short' },
    });
    expect(short.json().error.code).toBe('VALIDATION_FAILED');
    const ok = await a.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'telerad-demo', newPassword: 'a-new-long-password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await a.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
    expect((await b.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    expect((await login('auditor', 'a-new-long-password')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('authenticate as bearer until revoked, then say so', async () => {
    const c = await signIn(fx.app, 'support');
    const created = await c.request({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'gateway DEMO1' },
    });
    const { token, id } = created.json() as { token: string; id: string };
    expect(token).toMatch(/^trd_/);
    const stored = await fx.tdb.db
      .selectFrom('api_tokens')
      .select('secret_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(token).not.toContain(stored.secret_hash);
    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/clinics', headers: bearer })).statusCode,
    ).toBe(200);
    // Bearer calls need no CSRF token: no cookie is involved.
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer })).json(),
    ).toHaveLength(1);
    expect((await c.request({ method: 'DELETE', url: `/api/auth/tokens/${id}` })).statusCode).toBe(
      204,
    );
    const revoked = await fx.app.inject({ method: 'GET', url: '/api/clinics', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('TOKEN_REVOKED');
    const forged = await fx.app.inject({
      method: 'GET',
      url: '/api/clinics',
      headers: { authorization: `Bearer ${token.slice(0, -2)}xx` },
    });
    expect(forged.json().error.code).toBe('TOKEN_INVALID');
  });

  it('accepts HTTP Basic on /dicomweb only', async () => {
    const basic = {
      authorization: `Basic ${Buffer.from('support:telerad-demo').toString('base64')}`,
    };
    const res = await fx.app.inject({ method: 'GET', url: '/api/clinics', headers: basic });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('BASIC_AUTH_NOT_ALLOWED');
  });
});
