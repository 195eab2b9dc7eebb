import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { requireMfaFor, signIn } from '../../testing/http';
import { DEMO_PASSWORD } from '../demo';
import { passwordVerifications } from './passwords';

/**
 * HTTP Basic on /dicomweb goes through the same credential check as sign-in. Costs are shown by
 * counting argon2 verifications (passwordVerifications), never by timing.
 */
let fx: AppFixture;
beforeAll(async () => {
  fx = await appWithDemo();
});
afterAll(async () => fx?.close());

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  accept: 'application/dicom+json',
});

/** One QIDO-RS search as `user`, on app `on` (the shared fixture unless given). */
const qido = (user: string, password: string, on: AppFixture = fx) =>
  on.app.inject({ method: 'GET', url: '/dicomweb/studies', headers: basic(user, password) });

/** The argon2 verifications `run` caused. */
async function verificationsOf(run: () => Promise<unknown>): Promise<number> {
  const before = passwordVerifications();
  await run();
  return passwordVerifications() - before;
}

const userId = async (username: string) =>
  (
    await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;

describe('HTTP Basic on /dicomweb', () => {
  it('runs one argon2 verification for 200 requests with the same credential, 50 of them at once', async () => {
    const statuses: number[] = [];
    const spent = await verificationsOf(async () => {
      const burst = await Promise.all(
        Array.from({ length: 50 }, () => qido('radiologist', DEMO_PASSWORD)),
      );
      statuses.push(...burst.map((r) => r.statusCode));
      for (let i = 0; i < 150; i++)
        statuses.push((await qido('radiologist', DEMO_PASSWORD)).statusCode);
    });
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    expect(spent).toBe(1);
  });

  it('verifies every wrong password, known user or not, once each', async () => {
    expect(await verificationsOf(() => qido('consultant', 'wrong-1'))).toBe(1);
    expect(await verificationsOf(() => qido('consultant', 'wrong-1'))).toBe(1);
    // An unknown username costs the same verification, against a dummy hash.
    expect(await verificationsOf(() => qido('nobody-at-all', 'wrong-1'))).toBe(1);
    const unknown = await qido('nobody-at-all', 'x');
    const wrong = await qido('consultant', 'x');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toEqual(wrong.json().error);
    await fx.tdb.db
      .updateTable('users')
      .set({ failed_logins: 0 })
      .where('username', '=', 'consultant')
      .execute();
  });

  it('counts wrong passwords towards the lockout, and then answers the right one like a wrong one', async () => {
    expect((await qido('assistant', DEMO_PASSWORD)).statusCode).toBe(200); // now cached
    for (let i = 0; i < 5; i++)
      expect((await qido('assistant', `wrong-${i}`)).statusCode).toBe(401);
    const lock = await fx.tdb.db
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', 'assistant')
      .executeTakeFirstOrThrow();
    expect(lock.locked_until!.getTime()).toBeGreaterThan(Date.now());

    const wrong = await qido('assistant', 'wrong-again');
    let right!: Awaited<ReturnType<typeof qido>>;
    // The cached credential is not trusted for a locked account: it is verified like any other.
    expect(
      await verificationsOf(async () => (right = await qido('assistant', DEMO_PASSWORD))),
    ).toBe(1);
    expect(right.statusCode).toBe(wrong.statusCode);
    expect(right.statusCode).toBe(401);
    expect(right.json().error).toEqual(wrong.json().error);
    expect(right.headers['www-authenticate']).toEqual(wrong.headers['www-authenticate']);

    // Sign-in sees the same lock: one policy behind both doors.
    const signInLocked = await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'assistant', password: DEMO_PASSWORD },
    });
    expect(signInLocked.json().error.code).toBe('ACCOUNT_LOCKED');
    const lockouts = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'auth.login')
      .where('resource_id', '=', await userId('assistant'))
      .where('outcome', '=', 'failure')
      .execute();
    expect(lockouts.map((e) => (e.details as { door?: string }).door)).toContain('basic');
  });

  it('stops trusting a cached credential once the password is reset or the account disabled', async () => {
    const id = await userId('qa');
    expect((await qido('qa', DEMO_PASSWORD)).statusCode).toBe(200);
    expect(await verificationsOf(() => qido('qa', DEMO_PASSWORD))).toBe(0);

    const admin = await signIn(fx.app, 'admin');
    const patch = (payload: Record<string, unknown>) =>
      admin.request({ method: 'PATCH', url: `/api/users/${id}`, payload });
    expect((await patch({ password: 'another-long-password' })).statusCode).toBe(200);
    let old!: Awaited<ReturnType<typeof qido>>;
    expect(await verificationsOf(async () => (old = await qido('qa', DEMO_PASSWORD)))).toBe(1);
    expect(old.statusCode).toBe(401);
    expect((await qido('qa', 'another-long-password')).statusCode).toBe(200);

    expect((await patch({ active: false })).statusCode).toBe(200);
    expect((await qido('qa', 'another-long-password')).json().error.code).toBe('ACCOUNT_DISABLED');
    expect((await patch({ active: true, password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses an account whose role requires MFA: it must use an API token', async () => {
    const admin = await signIn(fx.app, 'admin');
    const put = (roles: string[]) => requireMfaFor(admin, roles);
    expect((await qido('support', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await put(['support'])).statusCode).toBe(200);
    try {
      const refused = await qido('support', DEMO_PASSWORD);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toMatch(/API token/);
    } finally {
      await put([]);
    }
  });
});

describe('the shared rate limit', () => {
  let limited: AppFixture;
  beforeAll(async () => {
    limited = await appWithDemo({ loginRateLimit: 3 });
  });
  afterAll(async () => limited?.close());

  it('counts Basic and sign-in verifications together per address and username, never cached ones', async () => {
    expect((await qido('support', DEMO_PASSWORD, limited)).statusCode).toBe(200); // 1, cached
    expect((await qido('support', 'wrong-1', limited)).statusCode).toBe(401); // 2
    const signInWrong = await limited.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'support', password: 'wrong-2' },
    });
    expect(signInWrong.statusCode).toBe(401); // 3
    let refused!: Awaited<ReturnType<typeof qido>>;
    expect(
      await verificationsOf(async () => (refused = await qido('support', 'wrong-3', limited))),
    ).toBe(0);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The verified credential needs no verification, so the limit does not slow its owner.
    expect((await qido('support', DEMO_PASSWORD, limited)).statusCode).toBe(200);
    // Another username from the same address has its own count.
    expect((await qido('qa', 'wrong-1', limited)).statusCode).toBe(401);
  });
});
