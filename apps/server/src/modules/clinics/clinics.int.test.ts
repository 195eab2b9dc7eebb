import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';

let fx: AppFixture;
let admin: TestClient;
let centreId: string;
beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
  centreId = (
    await fx.tdb.db
      .selectFrom('centres')
      .select('id')
      .where('name', '=', 'Global Centre')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => fx?.close());

const valid = () => ({
  code: 'LAGOS1',
  name: 'Lagos Screening Clinic',
  country: 'NG',
  timeZone: 'Africa/Lagos',
  homeCentreId: centreId,
  programmes: ['UK', 'US'],
  aeTitles: [{ aeTitle: 'lagos_cr', allowedNetworks: ['198.51.100.0/24'] }],
});

/** Snapshot of everything a clinic write can touch, to prove a refused write changed nothing. */
async function snapshot() {
  const db = fx.tdb.db;
  return JSON.stringify([
    await db.selectFrom('clinics').selectAll().orderBy('code').execute(),
    await db.selectFrom('clinic_ae_titles').selectAll().orderBy('ae_title').execute(),
    await db.selectFrom('clinic_assistants').selectAll().orderBy('user_id').execute(),
  ]);
}

describe('clinics', () => {
  it('creates and changes a clinic with AE titles, assistants and lifecycle', async () => {
    const assistant = await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'assistant')
      .executeTakeFirstOrThrow();
    const res = await admin.request({
      method: 'POST',
      url: '/api/clinics',
      payload: { ...valid(), assistantIds: [assistant.id] },
    });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.status).toBe('onboarding');
    expect(c.aeTitles).toEqual([
      {
        aeTitle: 'LAGOS_CR',
        allowedNetworks: ['198.51.100.0/24'],
        host: null,
        port: null,
        receivesReports: true,
      },
    ]);
    expect(c.assistantIds).toEqual([assistant.id]);
    // A C-MOVE destination (host, port) survives an edit of the AE list that does not mention it.
    const dest = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${c.id}`,
      payload: { aeTitles: [{ aeTitle: 'LAGOS_CR', host: 'pacs.lagos.example', port: 104 }] },
    });
    expect(dest.json().aeTitles[0]).toMatchObject({ host: 'pacs.lagos.example', port: 104 });
    const kept = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${c.id}`,
      payload: { aeTitles: [{ aeTitle: 'LAGOS_CR', allowedNetworks: ['198.51.100.0/24'] }] },
    });
    expect(kept.json().aeTitles[0]).toMatchObject({
      host: 'pacs.lagos.example',
      port: 104,
      allowedNetworks: ['198.51.100.0/24'],
    });
    const half = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${c.id}`,
      payload: { aeTitles: [{ aeTitle: 'LAGOS_CR', host: 'x' }] },
    });
    expect(half.json().error.code).toBe('VALIDATION_FAILED');
    const upd = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${c.id}`,
      payload: { status: 'suspended', aeTitles: [] },
    });
    expect(upd.json().status).toBe('suspended');
    expect(upd.json().aeTitles).toEqual([]);
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'clinic_id'])
      .where('resource_id', '=', c.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['clinic.create', 'clinic.update']),
    );
  });

  const bad: [string, () => { payload?: unknown; body?: string }, string][] = [
    ['malformed JSON', () => ({ body: '{"code": "X' }), 'MALFORMED_JSON'],
    [
      'an unknown field',
      () => ({ payload: { ...valid(), code: 'NEWX', colour: 'red' } }),
      'VALIDATION_FAILED',
    ],
    [
      'a too-long name',
      () => ({ payload: { ...valid(), code: 'NEWX', name: 'x'.repeat(161) } }),
      'VALIDATION_FAILED',
    ],
    [
      'a duplicate clinic code',
      () => ({ payload: { ...valid(), code: 'DEMO1', aeTitles: [] } }),
      'DUPLICATE_CLINIC_CODE',
    ],
    [
      'a duplicate AE title (any case)',
      () => ({ payload: { ...valid(), code: 'NEWX', aeTitles: [{ aeTitle: 'demo2' }] } }),
      'DUPLICATE_AE_TITLE',
    ],
    [
      'the same AE title twice',
      () => ({
        payload: { ...valid(), code: 'NEWX', aeTitles: [{ aeTitle: 'A1' }, { aeTitle: 'a1' }] },
      }),
      'VALIDATION_FAILED',
    ],
    [
      'an AE title with a backslash',
      () => ({ payload: { ...valid(), code: 'NEWX', aeTitles: [{ aeTitle: 'A\\B' }] } }),
      'VALIDATION_FAILED',
    ],
    [
      'a bad network range',
      () => ({
        payload: {
          ...valid(),
          code: 'NEWX',
          aeTitles: [{ aeTitle: 'NEWX', allowedNetworks: ['300.1.1.1/40'] }],
        },
      }),
      'VALIDATION_FAILED',
    ],
    [
      'an unknown time zone',
      () => ({ payload: { ...valid(), code: 'NEWX', timeZone: 'Mars/Olympus' } }),
      'VALIDATION_FAILED',
    ],
    [
      'an unknown centre',
      () => ({
        payload: { ...valid(), code: 'NEWX', homeCentreId: '00000000-0000-4000-8000-000000000000' },
      }),
      'VALIDATION_FAILED',
    ],
    [
      'a non-assistant as assistant',
      () => ({ payload: { ...valid(), code: 'NEWX', assistantIds: [centreId] } }),
      'VALIDATION_FAILED',
    ],
  ];
  it.each(bad)(
    'refuses %s with a catalogue error and changes nothing',
    async (_label, make, code) => {
      const before = await snapshot();
      const m = make();
      const res = await admin.request({
        method: 'POST',
        url: '/api/clinics',
        ...(m.body !== undefined
          ? { body: m.body, headers: { 'content-type': 'application/json' } }
          : { payload: m.payload as object }),
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      const body = res.json();
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(10);
      expect(body.requestId).toBeTruthy();
      expect(await snapshot()).toBe(before);
    },
  );

  it('names the offending field in validation details', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/clinics',
      payload: { ...valid(), code: 'NEWX', name: 'x'.repeat(161) },
    });
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'name' })]);
  });

  it('shows a clinic user only their own clinic, and 404 for another', async () => {
    const c1 = await signIn(fx.app, 'clinic1');
    const list = (await c1.request({ method: 'GET', url: '/api/clinics' })).json() as {
      code: string;
    }[];
    expect(list.map((c) => c.code)).toEqual(['DEMO1']);
    const demo2 = await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO2')
      .executeTakeFirstOrThrow();
    const res = await c1.request({ method: 'GET', url: `/api/clinics/${demo2.id}` });
    expect(res.statusCode).toBe(404);
    const ev = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'clinic.read')
      .where('outcome', '=', 'denied')
      .execute();
    expect(ev.some((e) => e.actor_name === 'clinic1' && e.clinic_id === demo2.id)).toBe(true);
  });
});
