import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { sessionCookie, signIn } from '../../testing/http';

let fx: AppFixture;
beforeAll(async () => {
  fx = await appWithDemo();
});
afterAll(async () => fx?.close());

const code = (secret: string, offsetSteps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

async function enroll(username: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const c = await signIn(fx.app, username);
  const enr = await c.request({ method: 'POST', url: '/api/auth/mfa/enroll' });
  expect(enr.statusCode).toBe(200);
  const { secret, qrDataUrl, otpauthUrl } = enr.json() as {
    secret: string;
    qrDataUrl: string;
    otpauthUrl: string;
  };
  expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
  expect(otpauthUrl).toContain(`secret=${secret}`);
  const bad = await c.request({
    method: 'POST',
    url: '/api/auth/mfa/confirm',
    payload: { code: '000000' },
  });
  expect(bad.json().error.code).toBe('MFA_CODE_INVALID');
  const ok = await c.request({
    method: 'POST',
    url: '/api/auth/mfa/confirm',
    payload: { code: await code(secret) },
  });
  expect(ok.statusCode).toBe(200);
  const { recoveryCodes } = ok.json() as { recoveryCodes: string[] };
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes };
}

async function passwordStep(username: string) {
  const res = await fx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'telerad-demo' },
  });
  expect(res.statusCode).toBe(200);
  return {
    stage: res.json().stage as string,
    cookie: sessionCookie(res),
    csrf: res.json().csrfToken as string,
  };
}

describe('TOTP MFA', () => {
  it('enrols, then signs in only with a valid, unused code', async () => {
    const { secret } = await enroll('radiologist');
    const s = await passwordStep('radiologist');
    expect(s.stage).toBe('mfa_required');
    // Held at the MFA step: nothing else answers.
    const held = await fx.app.inject({
      method: 'GET',
      url: '/api/centres',
      headers: { cookie: s.cookie },
    });
    expect(held.statusCode).toBe(401);
    expect(held.json().error.code).toBe('MFA_REQUIRED');
    const wrong = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { code: '123456' },
    });
    expect(wrong.json().error.code).toBe('MFA_CODE_INVALID');
    const next = await code(secret, 1); // the confirm step used the current step
    const ok = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { code: next },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('active');
    const active = sessionCookie(ok);
    expect(active).not.toBe(s.cookie); // a new session id once privileged
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/centres', headers: { cookie: active } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/centres', headers: { cookie: s.cookie } }))
        .statusCode,
    ).toBe(401);
    // Replay of the same code on a new sign-in is refused.
    const s2 = await passwordStep('radiologist');
    const replay = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: { cookie: s2.cookie, 'x-csrf-token': s2.csrf },
      payload: { code: next },
    });
    expect(replay.json().error.code).toBe('MFA_CODE_INVALID');
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enroll('radiologist2');
    const s = await passwordStep('radiologist2');
    const use = () =>
      fx.app.inject({
        method: 'POST',
        url: '/api/auth/mfa/verify',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        payload: { code: recoveryCodes[0] },
      });
    expect((await use()).statusCode).toBe(200);
    const s2 = await passwordStep('radiologist2');
    const again = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: { cookie: s2.cookie, 'x-csrf-token': s2.csrf },
      payload: { code: recoveryCodes[0] },
    });
    expect(again.json().error.code).toBe('MFA_CODE_INVALID');
  });

  it('enforces enrolment for roles an admin marks, and only enrolment is allowed until done', async () => {
    const admin = await signIn(fx.app, 'admin');
    const put = await admin.request({
      method: 'PUT',
      url: '/api/settings/security',
      payload: {
        mfaRequiredRoles: ['qa'],
        sessionIdleMinutes: 60,
        lockoutThreshold: 5,
        lockoutMinutes: 15,
      },
    });
    expect(put.statusCode).toBe(200);
    const s = await passwordStep('qa');
    expect(s.stage).toBe('mfa_enrollment_required');
    const blocked = await fx.app.inject({
      method: 'GET',
      url: '/api/centres',
      headers: { cookie: s.cookie },
    });
    expect(blocked.json().error.code).toBe('MFA_ENROLLMENT_REQUIRED');
    const enr = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/enroll',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    const { secret } = enr.json() as { secret: string };
    const conf = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/confirm',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: { code: await code(secret) },
    });
    expect(conf.statusCode).toBe(200);
    const cookie = sessionCookie(conf);
    expect(
      (await fx.app.inject({ method: 'GET', url: '/api/centres', headers: { cookie } })).statusCode,
    ).toBe(200);
    // A required role cannot turn MFA off.
    const csrf = (
      await fx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })
    ).json().csrfToken as string;
    const off = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/disable',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { password: 'telerad-demo' },
    });
    expect(off.statusCode).toBe(403);
  });

  it('lets an admin reset a user MFA, ending their sessions', async () => {
    const { secret } = await enroll('consultant');
    expect(secret).toBeTruthy();
    const admin = await signIn(fx.app, 'admin');
    const u = await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'consultant')
      .executeTakeFirstOrThrow();
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { resetMfa: true },
    });
    expect(res.json().mfaEnabled).toBe(false);
    expect((await passwordStep('consultant')).stage).toBe('active');
  });
});
