import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { requireMfaFor, signIn } from '../../testing/http';
import { recordingSocket, upgradeStatus } from '../../testing/realtimeSocket';

/**
 * Who may hold `/api/realtime` open: pages of this server only (Origin), and only while the
 * session or API token that opened it lives. The re-check runs every 50 ms here; each test
 * revokes, then awaits the close event (the test timeout is the only clock).
 */
const PUBLIC_URL = 'https://telerad.example.org';
let fx: LiveAppFixture;
let origin: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  fx = await liveAppWithDemo({ realtimeRecheckMs: 50, publicUrl: PUBLIC_URL });
  origin = fx.wsBase.replace('ws:', 'http:');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await fx?.close();
});

type Msg = Record<string, unknown>;

/** Opens a recording socket with `cookie` (may be empty) and extra headers. */
async function open(cookie: string, headers: Record<string, string> = {}) {
  const s = await recordingSocket<Msg>(fx.wsBase, cookie, { headers });
  sockets.push(s.ws);
  await s.next((m) => m.type === 'hello');
  return s;
}

/** The close code, once the server closes the socket. */
const closed = (ws: WebSocket) =>
  new Promise<number>((resolve) =>
    ws.addEventListener('close', (e) => resolve(e.code), { once: true }),
  );

const upgrade = (headers: Record<string, string>) => upgradeStatus(fx.wsBase, headers);

describe('/api/realtime: Origin', () => {
  it('opens for a page of this server or of the public URL, or for a program with no Origin', async () => {
    const c = await signIn(fx.app, 'radiologist');
    expect(await upgrade({ cookie: c.cookie, origin })).toBe(101);
    expect(await upgrade({ cookie: c.cookie, origin: PUBLIC_URL })).toBe(101);
    expect(await upgrade({ cookie: c.cookie })).toBe(101);
  });

  it('refuses a page of another origin with 403, even with a valid cookie', async () => {
    const c = await signIn(fx.app, 'radiologist');
    const port = Number(new URL(origin).port);
    for (const bad of ['https://evil.example', `http://127.0.0.1:${port + 1}`, 'null'])
      expect(await upgrade({ cookie: c.cookie, origin: bad })).toBe(403);
  });
});

describe('/api/realtime: the socket closes when its credential ends', () => {
  it('on sign-out of its session, and not before (another session of the user stays)', async () => {
    const a = await signIn(fx.app, 'radiologist');
    const b = await signIn(fx.app, 'radiologist');
    const sa = await open(a.cookie, { origin });
    const sb = await open(b.cookie, { origin });
    const bClosed = closed(sb.ws);
    expect((await b.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect(await bClosed).toBe(4401);
    // Socket A's session lives: it still receives events after B's was closed.
    const taskId = crypto.randomUUID();
    await fx.hub.publish({ kind: 'task', type: 'task.created', taskId, clinicId: null });
    expect((await sa.next((m) => m.taskId === taskId)).type).toBe('task.created');
  });

  it('on revocation of its API token', async () => {
    const c = await signIn(fx.app, 'support');
    const created = await c.request({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'monitor' },
    });
    const { token, id } = created.json() as { token: string; id: string };
    const s = await open('', { authorization: `Bearer ${token}` });
    const done = closed(s.ws);
    expect((await c.request({ method: 'DELETE', url: `/api/auth/tokens/${id}` })).statusCode).toBe(
      204,
    );
    expect(await done).toBe(4401);
  });

  it('when the user is disabled', async () => {
    const c = await signIn(fx.app, 'assistant');
    const s = await open(c.cookie);
    const done = closed(s.ws);
    await fx.tdb.db
      .updateTable('users')
      .set({ active: false })
      .where('username', '=', 'assistant')
      .execute();
    try {
      expect(await done).toBe(4401);
    } finally {
      await fx.tdb.db
        .updateTable('users')
        .set({ active: true })
        .where('username', '=', 'assistant')
        .execute();
    }
  });

  it('when MFA becomes required for its role and the user has none', async () => {
    const admin = await signIn(fx.app, 'admin');
    const put = (roles: string[]) => requireMfaFor(admin, roles);
    const c = await signIn(fx.app, 'consultant');
    const s = await open(c.cookie, { origin });
    const done = closed(s.ws);
    try {
      expect((await put(['consultant'])).statusCode).toBe(200);
      expect(await done).toBe(4401);
    } finally {
      await put([]);
    }
  });
});
