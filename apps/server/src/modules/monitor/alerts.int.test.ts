import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { arrivalsSettled, noteArrival, sweepNetworkAlerts } from './index';
import { beat, enrolledGateway } from '../gateways/testSupport';
import { forgetArrivals } from './testSupport';

/**
 * The silent-clinic alert on DEMO1 (Asia/Manila, UTC+8), driven by the sweep's clock: raised
 * once inside working hours, never outside them, once with two sweepers at the same instant, and
 * cleared with a "recovered" notice when images come again. Support's bell gets each change.
 */
let fx: AppFixture;
let support: TestClient;
let demo1: string;

/** `hhmm` in Manila on `date` (default Monday 2 March 2026), as a UTC instant. */
const manila = (hhmm: string, date = '2026-03-02') => new Date(`${date}T${hhmm}:00+08:00`);

beforeAll(async () => {
  fx = await appWithDemo();
  support = await signIn(fx.app, 'support');
  demo1 = (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
  const rules = await support.request({
    method: 'PUT',
    url: '/api/settings/monitor',
    payload: {
      silentAfterMinutes: 30,
      queueDepthAbove: 200,
      queueOldestMinutes: 60,
      retentionDays: 90,
    },
  });
  expect(rules.statusCode, rules.body).toBe(200);
});
afterAll(async () => fx?.close());

/** An image from DEMO1 at `at`. */
async function arrival(at: Date): Promise<void> {
  forgetArrivals();
  noteArrival(fx.tdb.db, { clinicId: demo1, door: 'dimse', studyUid: `1.2.3.${at.getTime()}`, at });
  await arrivalsSettled();
}

/** The kinds of support's notifications, oldest first. */
async function supportBell(): Promise<string[]> {
  const rows = await fx.tdb.db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select('notifications.kind')
    .where('users.username', '=', 'support')
    .where('notifications.kind', 'like', 'network.%')
    .orderBy('notifications.created_at')
    .execute();
  return rows.map((r) => r.kind);
}

const openAlertsOf = async () =>
  (await support.request({ method: 'GET', url: '/api/monitor/network' }))
    .json()
    .clinics.find((c: { code: string }) => c.code === 'DEMO1').alerts;

describe('the silent alert', () => {
  it('is not raised outside working hours, however long the silence', async () => {
    await arrival(manila('18:50', '2026-02-28')); // Saturday evening
    const r = await sweepNetworkAlerts(fx.tdb.db, manila('12:00', '2026-03-01')); // Sunday noon
    expect(r.raised).toEqual([]);
    expect(await supportBell()).toEqual([]);
  });

  it('counts only working minutes: Monday 07:20 after Saturday 18:50 is 30 min, not yet silent', async () => {
    const r = await sweepNetworkAlerts(fx.tdb.db, manila('07:20'));
    expect(r.raised).toEqual([]);
  });

  it('is raised once inside working hours, even by two sweepers at the same instant', async () => {
    await arrival(manila('09:00'));
    const now = manila('09:45');
    const [a, b] = await Promise.all([
      sweepNetworkAlerts(fx.tdb.db, now),
      sweepNetworkAlerts(fx.tdb.db, now),
    ]);
    expect([...a.raised, ...b.raised]).toEqual([{ clinicId: demo1, kind: 'silent' }]);
    // Later sweeps find it open and raise nothing more.
    expect((await sweepNetworkAlerts(fx.tdb.db, manila('10:30'))).raised).toEqual([]);
    expect(await supportBell()).toEqual(['network.clinic_silent']);
    const alerts = await openAlertsOf();
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'silent',
        detail: expect.stringMatching(/45 working minute\(s\)/),
      }),
    ]);
    const note = await fx.tdb.db
      .selectFrom('notifications')
      .select(['title', 'body', 'link'])
      .where('kind', '=', 'network.clinic_silent')
      .executeTakeFirstOrThrow();
    expect(note.title).toBe('Clinic silent: DEMO1');
    expect(note.body).toMatch(/since 2026-03-02 01:00 UTC \(45 min\)/);
    expect(note.link).toBe('/support/network');
  });

  it('clears when images come again, and tells support it recovered', async () => {
    await arrival(manila('10:40'));
    const r = await sweepNetworkAlerts(fx.tdb.db, manila('10:41'));
    expect(r.cleared).toEqual([{ clinicId: demo1, kind: 'silent' }]);
    expect(await openAlertsOf()).toEqual([]);
    expect(await supportBell()).toEqual(['network.clinic_silent', 'network.recovered']);
    // A new silence is a new alert.
    const again = await sweepNetworkAlerts(fx.tdb.db, manila('11:30'));
    expect(again.raised).toEqual([{ clinicId: demo1, kind: 'silent' }]);
  });

  it('follows the clinic’s own working hours', async () => {
    // DEMO1 now works Sundays only: a Monday silence is outside its hours.
    const put = await support.request({
      method: 'PUT',
      url: `/api/monitor/clinics/${demo1}/working-hours`,
      payload: { weeklyHours: [{ day: 7, open: '08:00', close: '12:00' }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    await arrival(manila('11:40'));
    await sweepNetworkAlerts(fx.tdb.db, manila('11:41'));
    expect((await sweepNetworkAlerts(fx.tdb.db, manila('15:00'))).raised).toEqual([]);
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'monitor.working_hours.update')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('the queue alert, from a real gateway’s heartbeats', () => {
  it('is raised when the queue grows past the rule, shown with the gateway’s health, and cleared when it drains', async () => {
    const demo2 = (
      await fx.tdb.db
        .selectFrom('clinics')
        .select('id')
        .where('code', '=', 'DEMO2')
        .executeTakeFirstOrThrow()
    ).id;
    const gw = await enrolledGateway(fx.app, support, demo2);
    const full = await beat(fx.app, gw.token, { queueDepth: 500, linkKbps: 256 });
    expect(full.statusCode, full.body).toBe(200);
    const raised = await sweepNetworkAlerts(fx.tdb.db, new Date());
    expect(raised.raised).toEqual([{ clinicId: demo2, kind: 'queue' }]);
    const row = (await support.request({ method: 'GET', url: '/api/monitor/network' }))
      .json()
      .clinics.find((c: { code: string }) => c.code === 'DEMO2');
    expect(row.gateway).toMatchObject({ queueDepth: 500, linkKbps: 256 });
    expect(row.alerts).toEqual([
      expect.objectContaining({ kind: 'queue', detail: expect.stringMatching(/^500 images wait/) }),
    ]);
    expect(row.transferLagSeconds).toBeGreaterThan(60);

    await beat(fx.app, gw.token, { queueDepth: 0, queueBytes: 0, oldestItemAt: null });
    const cleared = await sweepNetworkAlerts(fx.tdb.db, new Date());
    expect(cleared.cleared).toEqual([{ clinicId: demo2, kind: 'queue' }]);
    const kinds = await fx.tdb.db
      .selectFrom('notifications')
      .select('title')
      .where('clinic_id', '=', demo2)
      .where('kind', 'like', 'network.%')
      .orderBy('created_at')
      .execute();
    expect(new Set(kinds.map((k) => k.title))).toEqual(
      new Set(['Gateway queue growing: DEMO2', 'Recovered: DEMO2 (gateway queue growing)']),
    );
  });
});

describe('who may see the monitor', () => {
  it('refuses clinic users the monitor, the refusals and a clinic’s history', async () => {
    const clinic1 = await signIn(fx.app, 'clinic1');
    for (const url of [
      '/api/monitor/network',
      '/api/monitor/refusals',
      `/api/monitor/clinics/${demo1}/history`,
    ])
      expect((await clinic1.request({ method: 'GET', url })).statusCode, url).toBe(403);
    const history = await support.request({
      method: 'GET',
      url: `/api/monitor/clinics/${demo1}/history?from=2026-03-02T00:00:00Z&to=2026-03-02T06:00:00Z`,
    });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().buckets).toHaveLength(6);
  });
});
