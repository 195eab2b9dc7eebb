import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';

let fx: AppFixture;
let admin: TestClient;
beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
});
afterAll(async () => fx?.close());

describe('users', () => {
  it('creates a clinic user who signs in and sees only that clinic', async () => {
    const demo1 = await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow();
    const res = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'tech.manila',
        displayName: 'Manila Tech',
        roles: ['clinic'],
        clinicIds: [demo1.id],
        password: 'a-long-enough-password',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('passwordHash');
    expect(res.body).not.toContain('argon2');
    const u = await signIn(fx.app, 'tech.manila', 'a-long-enough-password');
    expect(
      ((await u.request({ method: 'GET', url: '/api/clinics' })).json() as unknown[]).length,
    ).toBe(1);
  });

  it('refuses a clinic user without a clinic, a duplicate username, and a weak password', async () => {
    const a = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'lonely',
        displayName: 'L',
        roles: ['clinic'],
        password: 'a-long-enough-password',
      },
    });
    expect(a.json().error.code).toBe('VALIDATION_FAILED');
    const b = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'radiologist',
        displayName: 'R',
        roles: ['radiologist'],
        password: 'a-long-enough-password',
      },
    });
    expect(b.json().error.code).toBe('DUPLICATE_USERNAME');
    const c = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'weak', displayName: 'W', roles: ['qa'], password: 'short' },
    });
    expect(c.json().error.details[0].path).toBe('password');
  });

  it('keeps at least one active administrator', async () => {
    const me = await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${me.id}`,
      payload: { active: false },
    });
    expect(res.json().error.code).toBe('LAST_ADMIN');
  });

  it('disabling a user ends their sessions and blocks sign-in', async () => {
    const qa = await signIn(fx.app, 'qa');
    const id = (
      await fx.tdb.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'qa')
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await admin.request({
          method: 'PATCH',
          url: `/api/users/${id}`,
          payload: { active: false },
        })
      ).json().active,
    ).toBe(false);
    expect((await qa.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const again = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'qa', password: 'telerad-demo' },
    });
    expect(again.json().error.code).toBe('ACCOUNT_DISABLED');
  });
});
