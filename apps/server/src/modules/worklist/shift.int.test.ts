import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { purgeExpiredSessions } from '../auth';

/**
 * A reader's shift follows them: the choice is kept on the server across sessions and devices,
 * the reader is off shift (no pushed tasks) while none of their sessions is live, and signing in
 * resumes the choice. Each change is audited.
 */
let fx: AppFixture;
let readerId: string;
const READER = 'radiologist2';

beforeAll(async () => {
  fx = await appWithDemo();
  readerId = (
    await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', READER)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => fx?.close());

const shiftOf = async (c: TestClient) => {
  const r = await c.request({ method: 'GET', url: '/api/me/shift' });
  expect(r.statusCode).toBe(200);
  return (r.json() as { onShift: boolean }).onShift;
};
const setShift = (c: TestClient, onShift: boolean) =>
  c.request({ method: 'PUT', url: '/api/me/shift', payload: { onShift } });
const signOut = async (c: TestClient) =>
  expect((await c.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
const stored = () =>
  fx.tdb.db
    .selectFrom('users')
    .select(['on_shift', 'shift_choice'])
    .where('id', '=', readerId)
    .executeTakeFirstOrThrow();
const shiftAudits = () =>
  fx.tdb.db
    .selectFrom('audit_events')
    .select(['actor_name', 'details'])
    .where('action', '=', 'worklist.shift')
    .where('resource_id', '=', readerId)
    .orderBy('at')
    .execute();

describe('reader shifts', () => {
  it('resumes the last choice at sign-in, on another device too, and is off while away', async () => {
    const laptop = await signIn(fx.app, READER);
    const tablet = await signIn(fx.app, READER);
    expect((await setShift(laptop, true)).statusCode).toBe(200);

    // Still signed in on the tablet: still on shift.
    await signOut(laptop);
    expect(await shiftOf(tablet)).toBe(true);

    // Gone from every device: off shift, the choice kept.
    await signOut(tablet);
    expect(await stored()).toEqual({ on_shift: false, shift_choice: true });

    const desktop = await signIn(fx.app, READER);
    expect(await shiftOf(desktop)).toBe(true);
    expect((await shiftAudits()).map((a) => a.details)).toEqual([
      expect.objectContaining({ onShift: true, path: '/api/me/shift' }),
      { onShift: false, because: 'left' },
      { onShift: true, because: 'signed in' },
    ]);
  });

  it('takes a reader whose last session expired off shift, and keeps the choice', async () => {
    await fx.tdb.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('user_id', '=', readerId)
      .execute();
    await purgeExpiredSessions(fx.tdb.db);
    expect(await stored()).toEqual({ on_shift: false, shift_choice: true });
    const last = (await shiftAudits()).at(-1);
    expect(last).toEqual({ actor_name: 'system', details: { onShift: false, because: 'left' } });
    expect(await shiftOf(await signIn(fx.app, READER))).toBe(true);
  });

  it('keeps a reader who chose to be off shift off at the next sign-in', async () => {
    const c = await signIn(fx.app, READER);
    expect((await setShift(c, false)).statusCode).toBe(200);
    await signOut(c);
    expect(await shiftOf(await signIn(fx.app, READER))).toBe(false);
    expect(await stored()).toEqual({ on_shift: false, shift_choice: false });
  });
});
