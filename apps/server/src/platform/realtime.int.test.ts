import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/testDb';
import { startRealtime, type Realtime, type RealtimeMessage } from './realtime';

/** Collects what a hub delivers and waits for a message, with an upper bound. */
function collector(hub: Realtime) {
  const seen: RealtimeMessage[] = [];
  const waiting = new Set<() => void>();
  hub.subscribe((m) => {
    seen.push(m);
    for (const w of [...waiting]) w();
  });
  return {
    seen,
    next: (match: (m: RealtimeMessage) => boolean, timeoutMs = 1000) =>
      new Promise<RealtimeMessage>((resolve, reject) => {
        const check = () => {
          const m = seen.find(match);
          if (!m) return;
          waiting.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no matching message within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.add(check);
        check();
      }),
  };
}

async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let tdb: TestDb;
let a: Realtime;
let b: Realtime;

beforeAll(async () => {
  tdb = await createTestDb({ migrate: false });
  // Two hubs on one database, as two server processes would have.
  a = await startRealtime({ url: tdb.url, applicationName: 'rt-test-a' });
  b = await startRealtime({ url: tdb.url, applicationName: 'rt-test-b', minBackoffMs: 50 });
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await tdb?.drop();
});

async function listenerPid(app: string): Promise<number | undefined> {
  const r = await sql<{ pid: number }>`
    select pid from pg_stat_activity
    where datname = ${tdb.name} and application_name = ${app} and query ilike 'listen%'`.execute(
    tdb.db,
  );
  return r.rows[0]?.pid;
}

describe('realtime hub (LISTEN/NOTIFY)', () => {
  it('delivers one publish to every hub on the database, the publisher included', async () => {
    const ca = collector(a);
    const cb = collector(b);
    await a.publish({ kind: 'test', n: 1 });
    await Promise.all([ca.next((m) => m.n === 1), cb.next((m) => m.n === 1)]);
    // Several publishes arrive in the same order everywhere.
    for (let n = 2; n <= 6; n++) await (n % 2 ? a : b).publish({ kind: 'test', n });
    await Promise.all([ca.next((m) => m.n === 6), cb.next((m) => m.n === 6)]);
    expect(ca.seen.map((m) => m.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cb.seen.map((m) => m.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stops delivering to an unsubscribed handler', async () => {
    const got: RealtimeMessage[] = [];
    const off = b.subscribe((m) => got.push(m));
    off();
    const cb = collector(b);
    await a.publish({ kind: 'test', n: 'after-off' });
    await cb.next((m) => m.n === 'after-off');
    expect(got).toEqual([]);
  });

  it('refuses payloads that NOTIFY would reject', async () => {
    await expect(a.publish({ big: 'x'.repeat(9000) })).rejects.toThrow(/too large/);
  });

  it('re-LISTENs after its connection is killed and still receives', async () => {
    const before = await listenerPid('rt-test-b');
    expect(before).toBeDefined();
    expect(b.listening).toBe(true);
    await sql`select pg_terminate_backend(${before!})`.execute(tdb.db);
    await until(async () => {
      const now = await listenerPid('rt-test-b');
      return b.listening && now !== undefined && now !== before;
    }, 5000);
    const cb = collector(b);
    await a.publish({ kind: 'test', n: 'after-reconnect' });
    await cb.next((m) => m.n === 'after-reconnect');
  });
});
