import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { sessionCookie, requireMfaFor, signIn, type TestClient } from '../../testing/http';
import { DEMO_PASSWORD } from '../demo';

let fx: AppFixture;
beforeAll(async () => {
  fx = await appWithDemo();
});
afterAll(async () => fx?.close());

const sessionOf = (cookie: string) =>
  fx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });

/** Signs in as `username` from a browser that still holds `cookie`. */
const signInWith = (cookie: string, username: string) =>
  fx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { cookie },
    payload: { username, password: DEMO_PASSWORD },
  });

const sessionRows = (username: string) =>
  fx.tdb.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select('sessions.id_hash')
    .where('users.username', '=', username)
    .execute();

describe('sessions end when they should', () => {
  it("ends the browser's previous session when it signs in again, as anyone", async () => {
    const first = await signIn(fx.app, 'qa');
    const again = await signInWith(first.cookie, 'qa');
    expect(again.statusCode).toBe(200);
    expect((await sessionOf(first.cookie)).statusCode).toBe(401);
    const second = sessionCookie(again);
    expect((await sessionOf(second)).statusCode).toBe(200);

    const asOther = await signInWith(second, 'support');
    expect(asOther.statusCode).toBe(200);
    expect((await sessionOf(second)).statusCode).toBe(401);
    expect(await sessionRows('qa')).toHaveLength(0);
  });

  it('keeps the previous session when the new sign-in fails', async () => {
    const c = await signIn(fx.app, 'qa');
    const failed = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: c.cookie },
      payload: { username: 'qa', password: 'wrong' },
    });
    expect(failed.statusCode).toBe(401);
    expect((await sessionOf(c.cookie)).statusCode).toBe(200);
  });

  it("ends a role's sessions without MFA when MFA becomes required for the role", async () => {
    const admin = await signIn(fx.app, 'admin');
    const put = (roles: string[]) => requireMfaFor(admin, roles);
    const radiologist = await signIn(fx.app, 'radiologist');
    const withMfa = await signIn(fx.app, 'radiologist2');
    const other: TestClient = await signIn(fx.app, 'support');
    // radiologist2 has enrolled since signing in (as the MFA routes would record it).
    await fx.tdb.db
      .updateTable('users')
      .set({ mfa_enabled: true })
      .where('username', '=', 'radiologist2')
      .execute();
    try {
      expect((await put(['radiologist'])).statusCode).toBe(200);
      const ended = await radiologist.request({ method: 'GET', url: '/api/worklist' });
      expect(ended.statusCode).toBe(401);
      expect(ended.json().error.code).toBe('SESSION_EXPIRED');
      expect(await sessionRows('radiologist')).toHaveLength(0);
      expect((await withMfa.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(
        200,
      );
      expect((await other.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(
        200,
      );
      // Signing in again starts at MFA enrolment, as the role now requires.
      const back = await fx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'radiologist', password: DEMO_PASSWORD },
      });
      expect(back.json().stage).toBe('mfa_enrollment_required');
    } finally {
      await put([]);
      await fx.tdb.db
        .updateTable('users')
        .set({ mfa_enabled: false })
        .where('username', '=', 'radiologist2')
        .execute();
    }
  });
});
