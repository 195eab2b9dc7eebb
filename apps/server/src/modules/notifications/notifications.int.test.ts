import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import type { TestDb } from '../../testing/testDb';
import { demoIds, type DemoIds } from '../worklist/testSupport';
import { notifyUsers, unwireNotifications, wireNotifications } from '.';
import { recordingSocket } from '../../testing/realtimeSocket';

let live: LiveAppFixture;
let tdb: TestDb;
let app: FastifyInstance;
let base: string;
let ids: DemoIds;
const client: Record<string, TestClient> = {};
const sockets: WebSocket[] = [];

beforeAll(async () => {
  live = await liveAppWithDemo();
  ({ tdb, app, wsBase: base } = live);
  ids = await demoIds(tdb.db);
  wireNotifications({});
  for (const name of ['assistant', 'consultant', 'clinic1', 'clinic2'])
    client[name] = await signIn(app, name);
});
afterAll(async () => {
  unwireNotifications();
  for (const s of sockets) s.close();
  await live?.close();
});

type Msg = Record<string, unknown>;

/** A signed-in socket that records what it receives. */
async function connect(c: TestClient) {
  const socket = await recordingSocket<Msg>(base, c.cookie, { defaultTimeoutMs: 5000 });
  sockets.push(socket.ws);
  return socket;
}

const list = (who: string, query = '') =>
  client[who]!.request({ method: 'GET', url: `/api/notifications${query}` });

describe('/api/notifications', () => {
  it("pushes a new notification to its user's sockets only", async () => {
    const mine = await connect(client.assistant!);
    const other = await connect(client.consultant!);
    await mine.next((m) => m.type === 'hello');
    await other.next((m) => m.type === 'hello');
    const [created] = await notifyUsers(tdb.db, [
      { userId: ids.user.assistant!, kind: 'task.overdue', title: 'Overdue: X', body: 'b' },
    ]);
    expect(await mine.next((m) => m.type === 'notification')).toMatchObject({
      notificationId: created!.id,
    });
    // A second notification for the consultant arrives after; by then the first would have.
    const [second] = await notifyUsers(tdb.db, [
      { userId: ids.user.consultant!, kind: 'task.overdue', title: 'Overdue: Y', body: 'b' },
    ]);
    await other.next((m) => m.notificationId === second!.id);
    expect(other.seen.filter((m) => m.type === 'notification')).toHaveLength(1);
  });

  it('lists only your own notifications, newest first, and marks them read', async () => {
    const [a, b] = await notifyUsers(tdb.db, [
      { userId: ids.user.assistant!, kind: 'task.due_soon', title: 'First', body: '' },
      {
        userId: ids.user.assistant!,
        kind: 'task.due_soon',
        title: 'Second',
        body: '',
        dedupeKey: 'k1',
      },
    ]);
    // The same dedupe key again creates nothing.
    expect(
      await notifyUsers(tdb.db, [
        {
          userId: ids.user.assistant!,
          kind: 'task.due_soon',
          title: 'Again',
          body: '',
          dedupeKey: 'k1',
        },
      ]),
    ).toEqual([]);
    const res = await list('assistant');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.notifications.map((n: { title: string }) => n.title)).toEqual(
      expect.arrayContaining(['First', 'Second', 'Overdue: X']),
    );
    expect(body.notifications.map((n: { title: string }) => n.title)).not.toContain('Overdue: Y');
    expect(body.unread).toBe(3);

    const read = await client.assistant!.request({
      method: 'POST',
      url: `/api/notifications/${a!.id}/read`,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
    expect((await list('assistant')).json().unread).toBe(2);
    const unread = (await list('assistant', '?unread=true')).json();
    expect(unread.notifications.map((n: { id: string }) => n.id)).not.toContain(a!.id);
    expect(unread.notifications.map((n: { id: string }) => n.id)).toContain(b!.id);

    // Someone else's notification: 404, and it stays unread.
    const foreign = await client.consultant!.request({
      method: 'POST',
      url: `/api/notifications/${b!.id}/read`,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await list('assistant', '?unread=true')).json().unread).toBe(2);
  });

  it("never shows a clinic user another clinic's notifications", async () => {
    await notifyUsers(tdb.db, [
      {
        userId: ids.user.clinic1!,
        kind: 'task.overdue',
        title: 'About DEMO1',
        body: '',
        clinicId: ids.clinic.DEMO1!,
      },
      // Misaddressed: a DEMO2 alert stored for a DEMO1 user must still not show.
      {
        userId: ids.user.clinic1!,
        kind: 'task.overdue',
        title: 'About DEMO2',
        body: '',
        clinicId: ids.clinic.DEMO2!,
      },
    ]);
    const own = (await list('clinic1')).json();
    expect(own.notifications.map((n: { title: string }) => n.title)).toEqual(['About DEMO1']);
    expect(own.unread).toBe(1);
    const other = (await list('clinic2')).json();
    expect(other).toEqual({ notifications: [], unread: 0 });
  });

  it('audits reading the list', async () => {
    await list('assistant');
    const n = await tdb.db
      .selectFrom('audit_events')
      .select('actor_name')
      .where('action', '=', 'notifications.list')
      .where('actor_name', '=', 'assistant')
      .execute();
    expect(n.length).toBeGreaterThan(0);
  });
});
