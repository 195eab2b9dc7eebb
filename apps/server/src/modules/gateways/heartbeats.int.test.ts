import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import {
  gatewayHeartbeatHistory,
  latestGatewayHealth,
  pruneHeartbeats,
  seedDemoGateway,
} from './index';
import { beat, enrolledGateway } from './testSupport';

/**
 * Gateway heartbeats (docs/adr/0033): stored whole, read back by the list, the heartbeat window
 * and the network monitor's two functions; only a gateway's own token may send one; kept 30 days;
 * and the demo gateway's history.
 */
let fx: AppFixture;
let support: TestClient;
let demo1: string;
let demo2: string;

beforeAll(async () => {
  fx = await appWithDemo();
  support = await signIn(fx.app, 'support');
  const clinics = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  demo1 = clinics.find((c) => c.code === 'DEMO1')!.id;
  demo2 = clinics.find((c) => c.code === 'DEMO2')!.id;
});
afterAll(async () => {
  await fx?.close();
});

describe('heartbeats', () => {
  it('are stored and read back by the list, the history and the monitor functions', async () => {
    const gw = await enrolledGateway(fx.app, support, demo2, 'Beating');
    const res = await beat(fx.app, gw.token, { queueDepth: 7, errorCount: 2, sentBytes: 5000 });
    expect(res.statusCode, res.body).toBe(200);
    await beat(fx.app, gw.token, {
      queueDepth: 4,
      errorCount: 1,
      sentBytes: 3000,
      version: '1.1.0',
    });

    const health = (await latestGatewayHealth(fx.tdb.db, [demo2])).find(
      (h) => h.gatewayId === gw.gatewayId,
    );
    expect(health).toMatchObject({
      clinicId: demo2,
      version: '1.1.0',
      queueDepth: 4,
      errorCount: 3,
      sentBytesLastHour: 8000,
      linkKbps: 850,
    });
    const from = new Date(Date.now() - 3_600_000);
    const history = await gatewayHeartbeatHistory(fx.tdb.db, demo2, from, new Date(), 60);
    expect(history).toEqual([
      expect.objectContaining({ maxQueueDepth: 7, sentBytes: 8000, errorCount: 3 }),
    ]);

    const list = await support.request({ method: 'GET', url: `/api/gateways?clinicId=${demo2}` });
    const mine = (
      list.json() as { gateways: { id: string; status: string; queueDepth: number }[] }
    ).gateways.find((g) => g.id === gw.gatewayId);
    expect(mine).toMatchObject({ status: 'online', queueDepth: 4 });
    const beats = await support.request({
      method: 'GET',
      url: `/api/gateways/${gw.gatewayId}/heartbeats`,
    });
    expect(beats.json().heartbeats.map((b: { queueDepth: number }) => b.queueDepth)).toEqual([
      7, 4,
    ]);

    // Clinic staff read their own clinic's gateways, never another's.
    const clinic1 = await signIn(fx.app, 'clinic1');
    const theirs = await clinic1.request({ method: 'GET', url: `/api/gateways?clinicId=${demo2}` });
    expect(theirs.json().gateways).toEqual([]);
    const foreign = await clinic1.request({
      method: 'GET',
      url: `/api/gateways/${gw.gatewayId}/heartbeats`,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it("refuses a person's token", async () => {
    const clinic1 = await signIn(fx.app, 'clinic1');
    const token = await clinic1.request({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'my script' },
    });
    const res = await beat(fx.app, (token.json() as { token: string }).token);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('older than the retention are pruned', async () => {
    const gw = await enrolledGateway(fx.app, support, demo1, 'Old');
    await beat(fx.app, gw.token);
    await beat(fx.app, gw.token);
    await fx.tdb.db
      .updateTable('gateway_heartbeats')
      .set({ received_at: new Date(Date.now() - 31 * 86_400_000) })
      .where('gateway_id', '=', gw.gatewayId)
      .where('id', '=', (eb) =>
        eb
          .selectFrom('gateway_heartbeats')
          .select((e) => e.fn.min('id').as('m'))
          .where('gateway_id', '=', gw.gatewayId),
      )
      .execute();
    expect(await pruneHeartbeats(fx.tdb.db)).toBe(1);
    const left = await fx.tdb.db
      .selectFrom('gateway_heartbeats')
      .select('id')
      .where('gateway_id', '=', gw.gatewayId)
      .execute();
    expect(left).toHaveLength(1);
  });
});

describe('the demo gateway', () => {
  it('starts with six hours of history, an outage in it, and tops up on a re-run', async () => {
    const now = new Date();
    expect(await seedDemoGateway(fx.tdb.db, 'DEMO1', now)).toBe(360);
    expect(await seedDemoGateway(fx.tdb.db, 'DEMO1', now)).toBe(0);
    expect(await seedDemoGateway(fx.tdb.db, 'DEMO1', new Date(now.getTime() + 5 * 60_000))).toBe(5);
    const demo = (await latestGatewayHealth(fx.tdb.db, [demo1])).find(
      (h) => h.name === 'demo1-reception',
    );
    expect(demo).toMatchObject({ version: '1.0.0', queueDepth: expect.any(Number) });
    const history = await gatewayHeartbeatHistory(
      fx.tdb.db,
      demo1,
      new Date(now.getTime() - 6 * 3_600_000),
      new Date(now.getTime() + 6 * 60_000),
      60,
    );
    expect(history.length).toBeGreaterThanOrEqual(6);
    expect(history.some((b) => b.errorCount > 0 && b.maxQueueDepth >= 20)).toBe(true);
  });
});
