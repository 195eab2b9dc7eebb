import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client, s3Storage } from '../../platform/storageS3';
import type { ObjectStorage } from '../../platform/storageTypes';
import { buildTestApp } from '../../testing/appFixture';
import { startHaproxy, type HaproxyProcess } from '../../testing/haproxy';
import { signIn } from '../../testing/http';
import { startS3Server, type S3TestServer } from '../../testing/s3Server';
import { freePort } from '../../testing/serverProcess';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { seedDemo } from '../demo';

/** Health probes S3 through the storage interface, and HAProxy acts on what it says. */
let tdb: TestDb;
let dataDir: string;
let s3: S3TestServer | undefined;
let haproxy: HaproxyProcess | undefined;
let hung: net.Server;
let boss: PgBoss;
const hungSockets = new Set<net.Socket>();
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  boss = new PgBoss({ connectionString: tdb.url, schema: 'pgboss', max: 2 });
  boss.on('error', () => undefined);
  await boss.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-s3health-'));
  s3 = await startS3Server();
  // An endpoint that accepts connections and never answers, as a wedged S3 gateway does.
  hung = net.createServer((socket) => {
    hungSockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await haproxy?.stop();
  for (const a of apps) await a.close();
  await s3?.close();
  for (const socket of hungSockets) socket.destroy();
  await new Promise((r) => hung.close(r));
  await boss?.stop({ graceful: false });
  await tdb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function nodeApp(storage: ObjectStorage): Promise<FastifyInstance> {
  const app = await buildTestApp({ tdb, dataDir, storage, jobs: boss });
  apps.push(app);
  await app.ready();
  return app;
}

describe('/api/health on S3 storage', () => {
  it('answers 503 within its bound when the S3 endpoint accepts and never answers', async () => {
    const { port } = hung.address() as net.AddressInfo;
    const settings = { ...s3!.settings, endpoint: `http://127.0.0.1:${port}` };
    const storage = s3Storage({ client: s3Client(settings), settings, dataDir });
    const app = await nodeApp(storage);
    const rad = await signIn(app, 'radiologist');
    const res = await rad.request({ url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().storage).toMatchObject({ ok: false, kind: 's3', error: expect.any(String) });
  });

  it('is 200 while the bucket answers and 503 once it stops, and HAProxy takes the node out', async () => {
    // Its own client: the test server's is destroyed when the server stops.
    const storage = s3Storage({ client: s3Client(s3!.settings), settings: s3!.settings, dataDir });
    const app = await nodeApp(storage);
    const anonymous = await app.inject({ url: '/api/health' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().storage).toMatchObject({
      ok: true,
      kind: 's3',
      acceptingObjects: true,
    });
    expect(anonymous.json().storage.latencyMs).toEqual(expect.any(Number));
    expect(anonymous.body).not.toContain(s3!.settings.bucket);
    const rad = await signIn(app, 'radiologist');
    const seen = (await rad.request({ url: '/api/health' })).json().storage;
    expect(seen).toMatchObject({ bucket: s3!.settings.bucket, endpoint: s3!.settings.endpoint });

    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    haproxy = await startHaproxy([
      { name: 'a', host: '127.0.0.1', httpPort: port, realtime: true, dicomPort: port },
    ]);

    await s3!.close();
    s3 = undefined;
    const down = await app.inject({ url: '/api/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json().storage).toMatchObject({
      ok: false,
      kind: 's3',
      latencyMs: null,
      acceptingObjects: false,
      error: 'unreachable',
    });
    // HAProxy's own check (2 s apart, down after two failures) marks the node DOWN.
    const until = Date.now() + 60_000;
    let status = '';
    while (Date.now() < until) {
      status = (await haproxy.stats()).get('telerad_http/a')?.status ?? '';
      if (status.startsWith('DOWN')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toMatch(/^DOWN/);
  });
});
