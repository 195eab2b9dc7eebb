import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Realtime } from '../../platform/realtime';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { signIn } from '../../testing/http';
import type { TestDb } from '../../testing/testDb';
import { unwireTaskEvents, wireTaskEvents } from '../realtime';
import { claimTask, completeTask, releaseTask, sweepTasks } from '.';
import { ctxOf, demoIds, newTask, resetWorklist, type DemoIds } from './testSupport';

/**
 * Every kind of task change reaches an open worklist socket: created, assigned (push),
 * claimed, released, re-routed and completed, through the real hub (LISTEN/NOTIFY).
 */
const OPEN = new Date('2026-03-04T02:00:00Z');
const NIGHT = new Date('2026-03-04T15:00:00Z');
const clock = { now: OPEN, claimTimeoutSeconds: 120 };

let live: LiveAppFixture;
let tdb: TestDb;
let hub: Realtime;
let app: FastifyInstance;
let base: string;
let ids: DemoIds;
let ws: WebSocket | null = null;

beforeAll(async () => {
  live = await liveAppWithDemo();
  ({ tdb, hub, app, wsBase: base } = live);
  ids = await demoIds(tdb.db);
  wireTaskEvents(hub, tdb.db);
  await resetWorklist(tdb.db);
});
afterAll(async () => {
  unwireTaskEvents();
  ws?.close();
  await live?.close();
});

describe('task events on the worklist socket', () => {
  it('carries created, assigned, claimed, released, re-routed and completed', async () => {
    const rad = await signIn(app, 'consultant');
    const init = { headers: { cookie: rad.cookie } } as unknown as string[];
    ws = new WebSocket(`${base}/api/realtime`, init);
    const seen: { type: string; taskId?: string }[] = [];
    const waiting = new Set<() => void>();
    ws.addEventListener('message', (e) => {
      seen.push(JSON.parse(String(e.data)) as { type: string; taskId?: string });
      for (const w of [...waiting]) w();
    });
    const next = (type: string, taskId: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!seen.some((m) => m.type === type && m.taskId === taskId)) return;
          waiting.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no ${type} for ${taskId}; saw ${JSON.stringify(seen)}`));
        }, 5000);
        waiting.add(check);
        check();
      });
    await new Promise<void>((resolve) => ws!.addEventListener('open', () => resolve()));

    // Created, then pushed to the one reader on shift at a push centre.
    await tdb.db.updateTable('centres').set({ assignment_mode: 'push' }).execute();
    await tdb.db
      .updateTable('users')
      .set({ on_shift: true })
      .where('username', '=', 'radiologist')
      .execute();
    const pushed = await newTask(tdb.db, ids.clinic.DEMO1!, OPEN);
    await next('task.created', pushed);
    await next('task.assigned', pushed);
    await tdb.db.updateTable('centres').set({ assignment_mode: 'pull' }).execute();

    // Claimed and released by hand at a pull centre.
    const pulled = await newTask(tdb.db, ids.clinic.DEMO1!, OPEN);
    const me = ctxOf(tdb.db, ids.user.radiologist2!, ['radiologist']);
    await claimTask(me, pulled, clock);
    await next('task.claimed', pulled);
    await releaseTask(me, pulled, clock);
    await next('task.released', pulled);

    // The Global Centre closes for the night: the queued task moves to Nairobi.
    await sweepTasks(tdb.db, { now: NIGHT, claimTimeoutSeconds: 120 });
    await next('task.rerouted', pulled);

    await completeTask(ctxOf(tdb.db, ids.user.radiologist!, ['radiologist']), pushed);
    await next('task.completed', pushed);
    expect(seen[0]).toMatchObject({ type: 'hello' });
  });
});
