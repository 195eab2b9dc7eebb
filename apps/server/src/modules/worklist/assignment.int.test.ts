import { describe, expect, it } from 'vitest';
import { claimTask, releaseTask, sweepTasks } from '.';
import { ctxOf, newTask, useWorklistDb } from './testSupport';

/** Wednesday 10:00 in Manila: the Global Centre (DEMO1's home) is open. */
const OPEN = new Date('2026-03-04T02:00:00Z');
const clock = { now: OPEN, claimTimeoutSeconds: 120 };

const fx = useWorklistDb();
const { events } = fx;

const db = () => fx.tdb.db;
const pushAt = (centre: string) =>
  db().updateTable('centres').set({ assignment_mode: 'push' }).where('name', '=', centre).execute();
const onShift = (...usernames: string[]) =>
  db().updateTable('users').set({ on_shift: true }).where('username', 'in', usernames).execute();
const assigneeOf = async (id: string) =>
  (
    await db()
      .selectFrom('reading_tasks')
      .select(['assignee_id', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).assignee_id;
const nameOf = (userId: string | null) =>
  Object.entries(fx.ids.user).find(([, id]) => id === userId)?.[0] ?? null;

describe('push assignment', () => {
  it('leaves tasks of a pull centre in the queue', async () => {
    await onShift('radiologist');
    const id = await newTask(db(), fx.ids.clinic.DEMO1!, OPEN);
    expect(await assigneeOf(id)).toBeNull();
    expect(events.map((e) => e.type)).toEqual(['task.created']);
  });

  it('assigns new tasks round-robin among on-shift readers only, and records it', async () => {
    await pushAt('Global Centre');
    await onShift('radiologist', 'radiologist2');
    const order: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await newTask(db(), fx.ids.clinic.DEMO1!, new Date(OPEN.getTime() + i * 1000));
      order.push(nameOf(await assigneeOf(id)));
    }
    // Each reader's first task keeps their load at 1 vs 0, so they alternate.
    expect(new Set(order.slice(0, 2))).toEqual(new Set(['radiologist', 'radiologist2']));
    expect(order[2]).toBe(order[0]);
    expect(order[3]).toBe(order[1]);
    expect(order).not.toContain('consultant');

    expect(events.filter((e) => e.type === 'task.assigned')).toHaveLength(4);
    const audit = await db()
      .selectFrom('audit_events')
      .select(['resource_id', 'details', 'actor_name'])
      .where('action', '=', 'task.auto_assign')
      .execute();
    expect(audit).toHaveLength(4);
    expect(audit[0]).toMatchObject({ actor_name: 'system', details: { candidates: 2 } });
  });

  it('weights by load: the least loaded reader gets tasks until loads even out', async () => {
    await onShift('radiologist', 'radiologist2');
    // radiologist already reads two tasks (claimed while the centre pulled).
    for (let i = 0; i < 2; i++) {
      const id = await newTask(db(), fx.ids.clinic.DEMO1!, OPEN);
      await claimTask(ctxOf(db(), fx.ids.user.radiologist!, ['radiologist']), id, clock);
    }
    await pushAt('Global Centre');
    const got: (string | null)[] = [];
    for (let i = 0; i < 3; i++)
      got.push(nameOf(await assigneeOf(await newTask(db(), fx.ids.clinic.DEMO1!, OPEN))));
    // 2:0 → radiologist2, 2:1 → radiologist2, 2:2 → the one assigned least recently.
    expect(got.slice(0, 2)).toEqual(['radiologist2', 'radiologist2']);
    expect(got[2]).toBe('radiologist');
  });

  it("assigns only readers of the task's centre (or of no centre)", async () => {
    await pushAt('Global Centre');
    await onShift('radiologist', 'radiologist2');
    await db()
      .updateTable('users')
      .set({ centre_id: fx.ids.centre['Regional Centre']! })
      .where('username', '=', 'radiologist2')
      .execute();
    for (let i = 0; i < 3; i++)
      expect(nameOf(await assigneeOf(await newTask(db(), fx.ids.clinic.DEMO1!, OPEN)))).toBe(
        'radiologist',
      );
  });

  it('leaves the task queued when nobody is on shift, and assigns it once someone is', async () => {
    await pushAt('Global Centre');
    const id = await newTask(db(), fx.ids.clinic.DEMO1!, OPEN);
    expect(await assigneeOf(id)).toBeNull();
    await onShift('consultant');
    const swept = await sweepTasks(db(), { now: OPEN, claimTimeoutSeconds: 120 });
    expect(swept.assigned).toEqual([id]);
    expect(nameOf(await assigneeOf(id))).toBe('consultant');
  });

  it('hands a released task to another on-shift reader', async () => {
    await pushAt('Global Centre');
    await onShift('radiologist', 'radiologist2');
    const id = await newTask(db(), fx.ids.clinic.DEMO1!, OPEN);
    const first = nameOf(await assigneeOf(id))!;
    const other = first === 'radiologist' ? 'radiologist2' : 'radiologist';
    // The assigned reader opens it (claim keeps it), then lets it go.
    await claimTask(ctxOf(db(), fx.ids.user[first]!, ['radiologist']), id, clock);
    const released = await releaseTask(
      ctxOf(db(), fx.ids.user[first]!, ['radiologist']),
      id,
      clock,
    );
    expect(released.assigneeName).toBe(
      other === 'radiologist' ? 'Dr Rosa Reyes' : 'Dr Kamau Njoroge',
    );
    expect(nameOf(await assigneeOf(id))).toBe(other);
  });

  it('never double-assigns when two sweeps run at once, and keeps loads even', async () => {
    await onShift('radiologist', 'radiologist2');
    const tasks: string[] = [];
    for (let i = 0; i < 20; i++) tasks.push(await newTask(db(), fx.ids.clinic.DEMO1!, OPEN));
    await pushAt('Global Centre');
    const [a, b] = await Promise.all([
      sweepTasks(db(), { now: OPEN, claimTimeoutSeconds: 120 }),
      sweepTasks(db(), { now: OPEN, claimTimeoutSeconds: 120 }),
    ]);
    const all = [...a.assigned, ...b.assigned];
    expect(all.sort()).toEqual([...tasks].sort());
    const rows = await db()
      .selectFrom('reading_tasks')
      .select(['assignee_id', 'state'])
      .where('id', 'in', tasks)
      .execute();
    expect(rows.every((r) => r.state === 'in_progress')).toBe(true);
    const loads = new Map<string, number>();
    for (const r of rows) loads.set(r.assignee_id!, (loads.get(r.assignee_id!) ?? 0) + 1);
    expect([...loads.values()]).toEqual([10, 10]);
    const audited = await db()
      .selectFrom('audit_events')
      .select('resource_id')
      .where('action', '=', 'task.auto_assign')
      .where('resource_id', 'in', tasks)
      .execute();
    expect(audited).toHaveLength(20);
    expect(events.filter((e) => e.type === 'task.assigned')).toHaveLength(20);
  });
});
