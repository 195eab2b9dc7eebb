import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { completeTask, setTaskEventSink, type TaskChange } from '.';
import { ctxOf, demoIds, newTask, resetWorklist, type DemoIds } from './testSupport';

/** Wednesday 21:30 in Manila: the Global Centre is open for 30 more minutes. */
const LATE = new Date('2026-03-04T13:30:00Z');
/** Thursday 07:15 in Manila: open since 07:00. */
const NEXT_MORNING = new Date('2026-03-04T23:15:00Z');

let fx: AppFixture;
let ids: DemoIds;
const client: Record<string, TestClient> = {};
const events: TaskChange[] = [];

beforeAll(async () => {
  fx = await appWithDemo();
  ids = await demoIds(fx.tdb.db);
  for (const name of ['radiologist', 'clinic1', 'clinic2'])
    client[name] = await signIn(fx.app, name);
  setTaskEventSink((e) => void events.push(e));
});
afterAll(async () => {
  setTaskEventSink(null);
  await fx?.close();
});
beforeEach(async () => {
  await resetWorklist(fx.tdb.db);
  events.length = 0;
});

describe('completeTask', () => {
  it('stores raw and service-minute turnaround across a closed night', async () => {
    const id = await newTask(fx.tdb.db, ids.clinic.DEMO1!, LATE);
    events.length = 0;
    const me = ctxOf(fx.tdb.db, ids.user.radiologist!, ['radiologist']);
    const done = await completeTask(me, id, { now: NEXT_MORNING });
    // 9 h 45 min on the wall clock; 30 min before closing + 15 after opening in service.
    expect(done).toMatchObject({
      state: 'completed',
      completedAt: NEXT_MORNING.toISOString(),
      turnaroundMinutes: 585,
      serviceTurnaroundMinutes: 45,
    });
    expect(events).toEqual([{ type: 'task.completed', taskId: id }]);
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'task.complete')
      .where('resource_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ turnaround: { rawMinutes: 585, serviceMinutes: 45 } });

    await expect(completeTask(me, id, { now: NEXT_MORNING })).rejects.toMatchObject({
      code: 'TASK_CLOSED',
    });
  });

  it('shows turnaround on the completed worklist, "completed since" and clinic-scoped', async () => {
    const id = await newTask(fx.tdb.db, ids.clinic.DEMO1!, LATE);
    const staff = ctxOf(fx.tdb.db, ids.user.radiologist!, ['radiologist']);
    // A clinic user of another clinic cannot complete (or learn of) the task.
    await expect(
      completeTask(ctxOf(fx.tdb.db, ids.user.clinic2!, ['clinic'], [ids.clinic.DEMO2!]), id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await completeTask(staff, id, { now: NEXT_MORNING });

    const since = encodeURIComponent('2026-03-04T23:00:00Z');
    const page = await client.radiologist!.request({
      method: 'GET',
      url: `/api/worklist?state=completed&completedSince=${since}`,
    });
    expect(page.statusCode).toBe(200);
    const listed = (page.json().tasks as { id: string; completedAt: string }[]).find(
      (t) => t.id === id,
    );
    expect(listed).toMatchObject({ turnaroundMinutes: 585, serviceTurnaroundMinutes: 45 });
    for (const t of page.json().tasks as { completedAt: string }[])
      expect(Date.parse(t.completedAt)).toBeGreaterThanOrEqual(Date.parse('2026-03-04T23:00:00Z'));
    const later = encodeURIComponent('2026-03-05T00:00:00Z');
    const none = await client.radiologist!.request({
      method: 'GET',
      url: `/api/worklist?state=completed&completedSince=${later}`,
    });
    expect(none.json().tasks.map((t: { id: string }) => t.id)).not.toContain(id);

    const own = await client.clinic1!.request({
      method: 'GET',
      url: '/api/worklist?state=completed',
    });
    expect(own.json().tasks.map((t: { id: string }) => t.id)).toContain(id);
    const foreign = await client.clinic2!.request({
      method: 'GET',
      url: '/api/worklist?state=completed',
    });
    expect(foreign.json().tasks.map((t: { id: string }) => t.id)).not.toContain(id);
  });
});
