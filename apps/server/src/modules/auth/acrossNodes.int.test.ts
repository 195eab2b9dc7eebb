import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_PASSWORD } from '../demo';
import { buildTestApp } from '../../testing/appFixture';
import { signIn } from '../../testing/http';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { createDb } from '../../platform/db';
import { purgeExpiredSessions } from './sessions';

// Two nodes behind a load balancer: two apps, each with its own pool on one database, as two
// processes would have (docs/adr/0047). Nothing but the database is shared between them.
let tdb: TestDb;
let second: ReturnType<typeof createDb>;
let dataDir: string;
let a: FastifyInstance;
let b: FastifyInstance;
/** Password verifications allowed per minute per address and username, on every node. */
const ATTEMPTS = 6;

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-nodes-'));
  second = createDb(tdb.url, 4);
  a = await buildTestApp({ tdb, dataDir, loginRateLimit: ATTEMPTS });
  b = await buildTestApp({ tdb: { ...tdb, db: second.db }, dataDir, loginRateLimit: ATTEMPTS });
  await Promise.all([a.ready(), b.ready()]);
  // A lockout threshold of 20, saved before node B reads the settings (each node caches them
  // for 5 s: a change reaches the other nodes within that).
  const admin = await signIn(a, 'admin');
  const saved = await admin.request({
    method: 'PUT',
    url: '/api/settings/security',
    payload: {
      mfaRequiredRoles: [],
      sessionIdleMinutes: 120,
      lockoutThreshold: 20,
      lockoutMinutes: 15,
      mfaOnSign: false,
    },
  });
  if (saved.statusCode !== 200) throw new Error(saved.body);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await second?.db.destroy();
  await tdb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const login = (app: FastifyInstance, username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('sign-in state shared by two nodes', () => {
  it('a session made on node A is valid on node B, and signing out on B ends it on A', async () => {
    const onA = await signIn(a, 'radiologist');
    const onB = (url: string, method: 'GET' | 'POST' = 'GET') =>
      b.inject({
        method,
        url,
        headers: { cookie: onA.cookie, 'x-csrf-token': onA.csrf },
      });
    const session = await onB('/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().user.username).toBe('radiologist');
    expect((await onB('/api/worklist')).statusCode).toBe(200);
    expect((await onB('/api/auth/logout', 'POST')).statusCode).toBe(204);
    expect((await onA.request({ url: '/api/auth/session' })).statusCode).toBe(401);
  });

  it('wrong passwords taking turns between the nodes count towards one lockout', async () => {
    // Each guess from its own address, so the attempt limit (per address) stays out of the way.
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await (i % 2 ? b : a).inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `198.51.100.${i + 1}`,
        payload: { username: 'qa', password: `wrong-${i}` },
      });
      codes.push(res.json().error.code);
    }
    expect(codes.slice(0, 19).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
    expect(codes[19]).toBe('ACCOUNT_LOCKED');
    // Locked on both nodes, whatever the password.
    expect((await login(a, 'qa', DEMO_PASSWORD)).statusCode).toBe(423);
    expect((await login(b, 'qa', DEMO_PASSWORD)).statusCode).toBe(423);
  });

  it('the attempt limit counts verifications on both nodes together, per address and username', async () => {
    const codes: string[] = [];
    for (let i = 0; i < ATTEMPTS; i++)
      codes.push((await login(i % 2 ? b : a, 'nobody-here', `guess-${i}`)).json().error.code);
    expect(codes).toEqual(Array(ATTEMPTS).fill('INVALID_CREDENTIALS'));
    // Three attempts on each node: a per-node count would still let both through.
    for (const node of [a, b]) {
      const refused = await login(node, 'nobody-here', 'one-more');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
    }
    // Another username from the same address has its own count.
    expect((await login(b, 'support', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a window that has passed starts the count again, and the purge drops spent windows', async () => {
    expect((await login(a, 'nobody-later', 'x')).statusCode).toBe(401);
    const rows = () =>
      tdb.db.selectFrom('password_attempt_windows').select(['key_hash', 'attempts']).execute();
    expect((await rows()).every((r) => !r.key_hash.includes('nobody'))).toBe(true);
    for (let i = 0; i < ATTEMPTS; i++) await login(b, 'nobody-later', 'x');
    expect((await login(a, 'nobody-later', 'x')).statusCode).toBe(429);
    // The window ends: moved back by two minutes, as the database clock would move on.
    await sql`update password_attempt_windows set window_start = window_start - interval '2 minutes'`.execute(
      tdb.db,
    );
    expect((await login(a, 'nobody-later', 'x')).statusCode).toBe(401);
    await sql`update password_attempt_windows set window_start = window_start - interval '2 minutes'`.execute(
      tdb.db,
    );
    await purgeExpiredSessions(tdb.db);
    expect(await rows()).toEqual([]);
  });
});
