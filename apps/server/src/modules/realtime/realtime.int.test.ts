import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealtime, type Realtime } from '../../platform/realtime';
import { buildTestApp } from '../../testing/appFixture';
import { signIn } from '../../testing/http';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { seedDemo } from '../demo';
import { emitTaskEvents } from '../worklist';
import { publishTaskEvent, taskNotification, unwireTaskEvents, wireTaskEvents } from './events';
import { recordingSocket, upgradeStatus } from '../../testing/realtimeSocket';

/**
 * Two apps on one database, each with its own hub, stand for two server processes: an event
 * published through A reaches a socket open on B.
 */
let tdb: TestDb;
let dataDir: string;
let hubA: Realtime;
let hubB: Realtime;
let appA: FastifyInstance;
let appB: FastifyInstance;
let appNoHub: FastifyInstance;
let baseB: string;
let clinicIds: Record<string, string>;
const sockets: WebSocket[] = [];

async function build(realtime: Realtime | undefined): Promise<FastifyInstance> {
  const app = await buildTestApp({ tdb, dataDir, realtime });
  await app.ready();
  return app;
}

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-rt-'));
  hubA = await startRealtime({ url: tdb.url });
  hubB = await startRealtime({ url: tdb.url });
  appA = await build(hubA);
  appB = await build(hubB);
  appNoHub = await build(undefined);
  await appB.listen({ port: 0, host: '127.0.0.1' });
  baseB = `ws://127.0.0.1:${(appB.server.address() as { port: number }).port}`;
  const rows = await tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  clinicIds = Object.fromEntries(rows.map((r) => [r.code, r.id]));
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await appA?.close();
  await appB?.close();
  await appNoHub?.close();
  await hubA?.stop();
  await hubB?.stop();
  await tdb?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

type Msg = Record<string, unknown>;

/** A signed-in socket on app B that records what it receives. */
async function connect(username: string) {
  const client = await signIn(appB, username);
  const socket = await recordingSocket<Msg>(baseB, client.cookie, { label: username });
  sockets.push(socket.ws);
  return socket;
}

/** The status of an upgrade request (401/403 when refused, 101 when accepted). */
const refusedUpgrade = (headers: Record<string, string> = {}) => upgradeStatus(baseB, headers);

describe('GET /api/realtime', () => {
  it('pushes an event published by another process to a socket', async () => {
    const rad = await connect('radiologist');
    expect((await rad.next((m) => m.type === 'hello')).serverTime).toEqual(expect.any(String));
    const taskId = crypto.randomUUID();
    await publishTaskEvent(hubA, tdb.db, {
      type: 'task.created',
      taskId,
      clinicId: clinicIds.DEMO1!,
    });
    const got = await rad.next((m) => m.taskId === taskId);
    expect(got).toEqual({
      type: 'task.created',
      taskId,
      clinicId: clinicIds.DEMO1,
      at: expect.any(String),
    });
  });

  it("gives a clinic user only its own clinics' events", async () => {
    const rad = await connect('radiologist');
    const clinic2 = await connect('clinic2');
    await clinic2.next((m) => m.type === 'hello');
    const demo1Task = crypto.randomUUID();
    const demo2Task = crypto.randomUUID();
    await publishTaskEvent(hubA, tdb.db, {
      type: 'claimed',
      taskId: demo1Task,
      clinicId: clinicIds.DEMO1!,
    });
    await publishTaskEvent(hubA, tdb.db, {
      type: 'released',
      taskId: demo2Task,
      clinicId: clinicIds.DEMO2!,
    });
    await rad.next((m) => m.taskId === demo2Task);
    expect(rad.seen.find((m) => m.taskId === demo1Task)?.type).toBe('task.claimed');
    // Every process delivers in NOTIFY order: once the DEMO2 event is in, the DEMO1 one would be.
    await clinic2.next((m) => m.taskId === demo2Task);
    expect(clinic2.seen.map((m) => m.type)).toEqual(['hello', 'task.released']);
  });

  it('sends a task whose clinic is unknown to centre staff only', async () => {
    const note = await taskNotification(tdb.db, {
      type: 'completed',
      taskId: crypto.randomUUID(),
    });
    expect(note.clinicId).toBeNull();
    const rad = await connect('radiologist');
    const clinic1 = await connect('clinic1');
    await clinic1.next((m) => m.type === 'hello');
    await hubA.publish({ ...note });
    await hubA.publish({
      kind: 'task',
      type: 'task.rerouted',
      taskId: 'x',
      clinicId: clinicIds.DEMO1,
    });
    await rad.next((m) => m.taskId === note.taskId);
    await clinic1.next((m) => m.taskId === 'x');
    expect(clinic1.seen.some((m) => m.taskId === note.taskId)).toBe(false);
  });

  it("carries the worklist's task events once wired", async () => {
    wireTaskEvents(hubA, tdb.db);
    try {
      const rad = await connect('radiologist');
      await rad.next((m) => m.type === 'hello');
      const taskId = crypto.randomUUID();
      await emitTaskEvents({ type: 'task.completed', taskId });
      expect(await rad.next((m) => m.taskId === taskId)).toMatchObject({
        type: 'task.completed',
        clinicId: null, // no such task row: centre staff only
      });
    } finally {
      unwireTaskEvents();
    }
  });

  it('refuses an anonymous upgrade with 401', async () => {
    expect(await refusedUpgrade()).toBe(401);
    expect(await refusedUpgrade({ cookie: 'telerad_session=forged' })).toBe(401);
  });

  it('refuses roles without worklist:read', async () => {
    const auditor = await signIn(appB, 'auditor');
    expect(await refusedUpgrade({ cookie: auditor.cookie })).toBe(403);
  });

  it('answers a plain GET with 426 and an app without a hub with 503', async () => {
    const rad = await signIn(appB, 'radiologist');
    const plain = await rad.request({ method: 'GET', url: '/api/realtime' });
    expect(plain.statusCode).toBe(426);
    expect(plain.json().error.code).toBe('UPGRADE_REQUIRED');
    const anon = await appB.inject({ method: 'GET', url: '/api/realtime' });
    expect(anon.statusCode).toBe(401);
    const other = await signIn(appNoHub, 'radiologist');
    await expect(
      appNoHub.injectWS('/api/realtime', { headers: { cookie: other.cookie } }),
    ).rejects.toThrow(/503/);
  });
});
