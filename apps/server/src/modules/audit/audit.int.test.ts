import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn } from '../../testing/http';

let fx: AppFixture;
beforeAll(async () => {
  fx = await appWithDemo();
});
afterAll(async () => fx?.close());

describe('audit trail', () => {
  it('is append-only in the database itself', async () => {
    await signIn(fx.app, 'admin');
    await expect(sql`update audit_events set action = 'x'`.execute(fx.tdb.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events`.execute(fx.tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(fx.tdb.db)).rejects.toThrow(/append-only/);
  });

  it('records who, what, when, where and outcome; the auditor searches and pages it', async () => {
    await fx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'radiologist', password: 'bad' },
    });
    const auditor = await signIn(fx.app, 'auditor');
    const res = await auditor.request({
      method: 'GET',
      url: '/api/audit?action=auth.login&outcome=failure',
    });
    expect(res.statusCode).toBe(200);
    const [ev] = res.json().events;
    expect(ev).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      actorName: 'radiologist',
      ip: '127.0.0.1',
    });
    expect(ev.requestId).toBeTruthy();
    expect(Date.now() - Date.parse(ev.at)).toBeLessThan(60_000);
    const page1 = (await auditor.request({ method: 'GET', url: '/api/audit?limit=2' })).json();
    expect(page1.events).toHaveLength(2);
    const page2 = (
      await auditor.request({ method: 'GET', url: `/api/audit?limit=2&before=${page1.nextBefore}` })
    ).json();
    expect(Number(page2.events[0].id)).toBeLessThan(Number(page1.events[1].id));
    const prefix = (
      await auditor.request({ method: 'GET', url: '/api/audit?action=auth.*' })
    ).json();
    expect(prefix.events.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);
  });

  it('is closed to clinic users and audits the refusal', async () => {
    const c = await signIn(fx.app, 'clinic1');
    expect((await c.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
    const denied = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('actor_name', '=', 'clinic1')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('audits refused credentials but not a bare session check before sign-in', async () => {
    const count = async () =>
      (await fx.tdb.db.selectFrom('audit_events').select('id').execute()).length;
    const before = await count();
    await fx.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(await count()).toBe(before);
    await fx.app.inject({
      method: 'GET',
      url: '/api/clinics',
      headers: { authorization: 'Bearer trd_forged' },
    });
    expect(await count()).toBe(before + 1);
  });
});
