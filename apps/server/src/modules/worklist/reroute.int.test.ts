import { describe, expect, it } from 'vitest';
import { sweepTasks } from '.';
import { newTask, useWorklistDb } from './testSupport';

/** Wednesday 10:00 in Manila: the Global Centre is open (Nairobi, 05:00, is not). */
const OPEN = new Date('2026-03-04T02:00:00Z');
/** Wednesday 23:00 in Manila (closed), 18:00 in Nairobi (open). */
const NIGHT = new Date('2026-03-04T15:00:00Z');
/** Thursday 03:00 in Manila, Wednesday 22:00 in Nairobi: both closed. */
const ALL_CLOSED = new Date('2026-03-04T19:00:00Z');
/** Thursday 08:00 in Manila: open again. */
const MORNING = new Date('2026-03-05T00:00:00Z');

const fx = useWorklistDb();
const { events } = fx;

const db = () => fx.tdb.db;
const sweep = (now: Date) => sweepTasks(db(), { now, claimTimeoutSeconds: 120 });
const rowOf = (id: string) =>
  db()
    .selectFrom('reading_tasks')
    .select(['centre_id', 'flags', 'state', 'routing_reason', 'due_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const decisionsOf = (id: string) =>
  db()
    .selectFrom('routing_decisions')
    .select(['decision', 'centre_id', 'reason', 'details'])
    .where('task_id', '=', id)
    .orderBy('id')
    .execute();
const setRules = (value: object) =>
  db()
    .insertInto('settings')
    .values({ key: 'worklist.routing', value: JSON.stringify(value), updated_at: new Date() })
    .execute();

describe('re-routing when a centre closes', () => {
  it('moves queued, unclaimed tasks to an open centre once, even with two sweepers', async () => {
    const id = await newTask(db(), fx.ids.clinic.DEMO1!, OPEN);
    const before = await rowOf(id);
    expect(before.centre_id).toBe(fx.ids.centre['Global Centre']);
    events.length = 0;

    const [a, b] = await Promise.all([sweep(NIGHT), sweep(NIGHT)]);
    expect([...a.rerouted, ...b.rerouted]).toEqual([id]);
    const after = await rowOf(id);
    expect(after).toMatchObject({ centre_id: fx.ids.centre['Regional Centre'], state: 'queued' });
    // The SLA clock keeps running from the first queueing.
    expect(after.due_at).toEqual(before.due_at);
    expect(after.routing_reason).toMatch(/^Global Centre closed with the task unread/);

    const decisions = await decisionsOf(id);
    expect(decisions.map((d) => d.decision)).toEqual(['home_open', 'rerouted']);
    expect(decisions[1]).toMatchObject({
      centre_id: fx.ids.centre['Regional Centre'],
      details: { fromCentreId: fx.ids.centre['Global Centre'], routedBy: 'follow_the_sun' },
    });
    expect(decisions[1]!.reason).toContain('Regional Centre is open');
    expect(events.filter((e) => e.type === 'task.rerouted')).toEqual([
      { type: 'task.rerouted', taskId: id },
    ]);

    // Idempotent: a later sweep at the open centre changes nothing.
    expect((await sweep(NIGHT)).rerouted).toEqual([]);
    expect(await decisionsOf(id)).toHaveLength(2);
  });

  it('leaves claimed tasks where they are', async () => {
    const id = await newTask(db(), fx.ids.clinic.DEMO1!, OPEN);
    await db()
      .updateTable('reading_tasks')
      .set({ state: 'in_progress', assignee_id: fx.ids.user.radiologist!, heartbeat_at: NIGHT })
      .where('id', '=', id)
      .execute();
    const r = await sweep(NIGHT);
    expect(r.rerouted).toEqual([]);
    expect(r.flagged).toEqual([]);
    expect((await rowOf(id)).centre_id).toBe(fx.ids.centre['Global Centre']);
  });

  it("flags in place when the rules say 'flag', and clears the flag when the centre reopens", async () => {
    await setRules({ onCentreClose: 'flag' });
    const id = await newTask(db(), fx.ids.clinic.DEMO1!, OPEN);
    events.length = 0;
    const [a, b] = await Promise.all([sweep(NIGHT), sweep(NIGHT)]);
    expect([...a.flagged, ...b.flagged]).toEqual([id]);
    expect(await rowOf(id)).toMatchObject({
      centre_id: fx.ids.centre['Global Centre'],
      flags: ['centre_closed'],
    });
    expect((await decisionsOf(id)).map((d) => d.decision)).toEqual(['home_open']);
    expect(events).toEqual([{ type: 'task.updated', taskId: id }]);

    expect((await sweep(NIGHT)).flagged).toEqual([]);
    expect((await rowOf(id)).flags).toEqual(['centre_closed']);

    const morning = await sweep(MORNING);
    expect(morning.unflagged).toEqual([id]);
    expect((await rowOf(id)).flags).toEqual([]);
  });

  it('flags when no centre is open, then moves nothing until one opens', async () => {
    const id = await newTask(db(), fx.ids.clinic.DEMO1!, OPEN);
    const r = await sweep(ALL_CLOSED);
    expect(r).toMatchObject({ rerouted: [], flagged: [id] });
    expect(await rowOf(id)).toMatchObject({
      centre_id: fx.ids.centre['Global Centre'],
      flags: ['centre_closed'],
    });
    // Manila opens first: the home centre is open again, so the task stays and is unflagged.
    const m = await sweep(MORNING);
    expect(m).toMatchObject({ rerouted: [], unflagged: [id] });
    expect(await rowOf(id)).toMatchObject({ centre_id: fx.ids.centre['Global Centre'], flags: [] });
  });

  it('moves a flagged task once another centre opens (reroute mode)', async () => {
    const id = await newTask(db(), fx.ids.clinic.DEMO2!, new Date('2026-03-04T10:00:00Z'));
    // 13:00 in Nairobi: DEMO2's home (Regional) is open; Manila (21:00) too.
    expect((await rowOf(id)).centre_id).toBe(fx.ids.centre['Regional Centre']);
    // Thursday 01:00 Nairobi, 06:00 Manila: both closed.
    expect((await sweep(new Date('2026-03-04T22:00:00Z'))).flagged).toEqual([id]);
    // Thursday 07:30 Manila, 02:30 Nairobi: Global opens first; the task moves and is unflagged.
    const r = await sweep(new Date('2026-03-04T23:30:00Z'));
    expect(r.rerouted).toEqual([id]);
    expect(await rowOf(id)).toMatchObject({ centre_id: fx.ids.centre['Global Centre'], flags: [] });
  });
});
