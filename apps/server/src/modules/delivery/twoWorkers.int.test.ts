import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../platform/db';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn } from '../../testing/http';
import { processRelease, runDueDeliveries } from './runner';
import { deliveryDeps, releasedReport, type Released } from './testSupport';

/**
 * Delivery on two worker nodes (docs/adr/0047): both work the same released reports (as two
 * `report.released` redeliveries would) and both sweep the retries, each on its own pool. Each
 * attempt is taken by one node: the clinic's webhook hears each report once per attempt.
 */
let fx: AppFixture;
let other: { db: Db };
let server: http.Server;
/** Webhook calls per report id; the hook refuses (503) until `accept` is set. */
const calls = new Map<string, number>();
let accept = false;
const released: Released[] = [];

beforeAll(async () => {
  fx = await appWithDemo();
  other = createDb(fx.tdb.url, 6);
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const id = (JSON.parse(body) as { reportId: string }).reportId;
      calls.set(id, (calls.get(id) ?? 0) + 1);
      res.writeHead(accept ? 204 : 503).end(accept ? undefined : 'busy');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/telerad`;
  const admin = await signIn(fx.app, 'admin');
  const demo2 = await fx.tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', 'DEMO2')
    .executeTakeFirstOrThrow();
  const set = await admin.request({
    method: 'PUT',
    url: `/api/clinics/${demo2.id}/webhook`,
    payload: { url },
  });
  if (set.statusCode !== 200) throw new Error(set.body);
  const reader = await signIn(fx.app, 'radiologist');
  for (let i = 0; i < 6; i++) released.push(await releasedReport(fx, reader, 'DEMO2'));
}, 120_000);
afterAll(async () => {
  server?.close();
  await other?.db.destroy();
  await fx?.close();
});

const webhookRows = () =>
  fx.tdb.db
    .selectFrom('deliveries as d')
    .select(['d.id', 'd.report_id', 'd.state', 'd.attempts'])
    .select((eb) =>
      eb
        .selectFrom('delivery_attempts as a')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('a.delivery_id', '=', 'd.id')
        .as('recorded'),
    )
    .where('d.channel', '=', 'webhook')
    .where(
      'd.report_id',
      'in',
      released.map((r) => r.reportId),
    )
    .execute();

describe('delivery on two worker nodes', () => {
  it('plans each delivery once and makes each attempt once, first attempts and retries alike', async () => {
    // A failed attempt waits an hour: a second attempt within this test would be a duplicate.
    const settings = { retryBaseSeconds: 3600, retryMaxSeconds: 3600 };
    const nodes = [deliveryDeps(fx, settings), { ...deliveryDeps(fx, settings), db: other.db }];
    // Both nodes work every release at once.
    await Promise.all(released.flatMap((r) => nodes.map((deps) => processRelease(deps, r))));
    let rows = await webhookRows();
    expect(rows).toHaveLength(released.length);
    for (const r of rows) expect(r).toMatchObject({ state: 'pending', attempts: 1 });
    for (const r of released) expect(calls.get(r.reportId)).toBe(1);

    // The hour passes: every retry is due, and both sweeps run together.
    accept = true;
    await fx.tdb.db
      .updateTable('deliveries')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where('state', '=', 'pending')
      .execute();
    await Promise.all(nodes.map((deps) => runDueDeliveries(deps)));
    rows = await webhookRows();
    for (const r of rows) {
      expect(r).toMatchObject({ state: 'delivered', attempts: 2 });
      expect(Number(r.recorded)).toBe(2);
    }
    for (const r of released) expect(calls.get(r.reportId)).toBe(2);
  });
});
