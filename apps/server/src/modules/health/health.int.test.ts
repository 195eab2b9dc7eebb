import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../platform/db';
import { filesystemStorage } from '../../platform/storage';
import { startRealtime, type Realtime, type RealtimeMessage } from '../../platform/realtime';
import { buildTestApp } from '../../testing/appFixture';
import { signIn } from '../../testing/http';
import { createTestDb, urlForDatabase, type TestDb } from '../../testing/testDb';
import { seedDemo } from '../demo';
import { buildApp } from '../../app';

/** Health and live sockets as each node role shows them (docs/adr/0047). */
let tdb: TestDb;
let dataDir: string;
let boss: PgBoss;
let listener: Realtime;
let publisher: Realtime;
const apps: FastifyInstance[] = [];
const pools: Db[] = [];

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-health-'));
  boss = new PgBoss({ connectionString: tdb.url, schema: 'pgboss', max: 2 });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue('report.released');
  listener = await startRealtime({ url: tdb.url });
  publisher = await startRealtime({ url: tdb.url, listen: false });
});
afterAll(async () => {
  for (const a of apps) await a.close();
  for (const p of pools) await p.destroy();
  await publisher?.stop();
  await listener?.stop();
  await boss?.stop({ graceful: false });
  await tdb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function nodeApp(deps: Partial<Parameters<typeof buildApp>[0]>): Promise<FastifyInstance> {
  const app = await buildApp({
    config: {
      dataDir,
      secureCookies: false,
      webDir: '/nonexistent',
      archive: { minFreeBytes: 0, maxObjectBytes: 1024 * 1024, stableSeconds: 1 },
    },
    db: tdb.db,
    storage: filesystemStorage(dataDir),
    jobs: boss,
    ...deps,
  });
  apps.push(app);
  await app.ready();
  return app;
}

describe('/api/health by node role', () => {
  it('a node with every role names them all and shows its queues', async () => {
    const app = await nodeApp({ workerQueues: boss, realtime: listener });
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.roles).toEqual(['http', 'dimse', 'worker', 'realtime']);
    expect(body.worker.ok).toBe(true);
    expect(body.worker.queues.map((q: { name: string }) => q.name)).toContain('report.released');
    expect(body.database.ok).toBe(true);
  });

  it('an http-only node shows no worker and refuses live sockets, which a realtime node serves', async () => {
    const app = await nodeApp({ roles: ['http'], realtime: publisher });
    const body = (await app.inject({ url: '/api/health' })).json();
    expect(body.roles).toEqual(['http']);
    expect(body.worker).toBeNull();
    const rad = await signIn(app, 'radiologist');
    await expect(
      app.injectWS('/api/realtime', { headers: { cookie: rad.cookie } }),
    ).rejects.toThrow(/503/);
    // What it publishes still reaches the nodes that listen.
    const heard = new Promise<RealtimeMessage>((resolve) => {
      const off = listener.subscribe((m) => {
        if (m.kind !== 'from-http-node') return;
        off();
        resolve(m);
      });
    });
    await publisher.publish({ kind: 'from-http-node' });
    expect((await heard).kind).toBe('from-http-node');
  });

  it('answers 503 when the database is gone, keeping the driver words from an anonymous caller', async () => {
    const gone = createDb(urlForDatabase(tdb.url, 'telerad_no_such_database'), 1);
    pools.push(gone.db);
    const app = await buildTestApp({ tdb: { ...tdb, db: gone.db }, dataDir, jobs: boss });
    apps.push(app);
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().database).toEqual({ ok: false, latencyMs: null, error: 'unreachable' });
    expect(res.body).not.toContain('telerad_no_such_database');
  });
});
