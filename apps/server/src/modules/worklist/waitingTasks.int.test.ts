import type { CentreCreate, ServiceException } from '@telerad/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { localDate } from '../centres';
import { setTaskEventSink, sweepTasks, type TaskChange } from '.';
import { demoIds, newTask, resetWorklist, type DemoIds } from './testSupport';

/**
 * Waiting tasks against the wall clock: the centres' hours are set relative to now, so a task
 * waits whatever the hour the test runs at, and opening a centre means "open today and tomorrow".
 */
let fx: AppFixture;
let ids: DemoIds;
const client: Record<string, TestClient> = {};
const events: TaskChange[] = [];

beforeAll(async () => {
  fx = await appWithDemo();
  ids = await demoIds(fx.tdb.db);
  for (const name of ['admin', 'radiologist', 'radiologist2', 'consultant', 'clinic1', 'clinic2'])
    client[name] = await signIn(fx.app, name);
  setTaskEventSink((e) => void events.push(e));
});
afterAll(async () => {
  setTaskEventSink(null);
  await fx?.close();
});

const db = () => fx.tdb.db;
const DAY_MS = 86_400_000;
const EVERY_DAY: NonNullable<CentreCreate['weeklyHours']> = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
  day,
  open: '09:00',
  close: '17:00',
}));
/** Exceptions for the centre's local today and tomorrow: closed, or open around the clock. */
function days(timeZone: string, open: boolean, label: string): ServiceException[] {
  const now = Date.now();
  return [now, now + DAY_MS].map((t) => ({
    date: localDate(new Date(t), timeZone),
    label,
    closed: !open,
    intervals: open ? [{ open: '00:00', close: '24:00' }] : [],
  }));
}
const patchCentre = (name: string, payload: object) =>
  client.admin!.request({
    method: 'PATCH',
    url: `/api/centres/${ids.centre[name]}`,
    payload,
  });
const taskRow = (id: string) =>
  db()
    .selectFrom('reading_tasks')
    .select(['state', 'centre_id', 'queued_at', 'due_at', 'assignee_id', 'routing_reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const decisionsOf = (id: string) =>
  db()
    .selectFrom('routing_decisions')
    .select(['decision', 'centre_id', 'reason', 'details'])
    .where('task_id', '=', id)
    .orderBy('id')
    .execute();

/** Global Centre (Manila) closed today and tomorrow; Regional Centre has no hours at all. */
async function closeBoth(): Promise<void> {
  expect(
    (await patchCentre('Regional Centre', { weeklyHours: [], exceptions: [] })).statusCode,
  ).toBe(200);
  const res = await patchCentre('Global Centre', {
    weeklyHours: EVERY_DAY,
    exceptions: days('Asia/Manila', false, 'Closed for the test'),
  });
  expect(res.statusCode).toBe(200);
}

/** A DEMO1 task routed now, which waits for the Global Centre's opening in two days. */
async function waitingTask(): Promise<string> {
  const id = await newTask(db(), ids.clinic.DEMO1!, new Date());
  const row = await taskRow(id);
  expect(row).toMatchObject({ state: 'waiting', centre_id: ids.centre['Global Centre'] });
  expect(row.queued_at!.getTime()).toBeGreaterThan(Date.now() + DAY_MS);
  return id;
}

beforeEach(async () => {
  await resetWorklist(db());
  await closeBoth();
  events.length = 0;
});

describe('waiting tasks follow the hours that route them', () => {
  it('queues a waiting task the moment an administrator opens its centre', async () => {
    const id = await waitingTask();
    const before = Date.now();
    const res = await patchCentre('Global Centre', {
      exceptions: days('Asia/Manila', true, 'Open all weekend'),
    });
    expect(res.statusCode).toBe(200);
    const after = Date.now();

    // Already queued when the answer arrives: no sweep has run.
    const row = await taskRow(id);
    expect(row.state).toBe('queued');
    expect(row.centre_id).toBe(ids.centre['Global Centre']);
    expect(row.queued_at!.getTime()).toBeGreaterThanOrEqual(before);
    expect(row.queued_at!.getTime()).toBeLessThanOrEqual(after);
    expect(row.due_at!.getTime() - row.queued_at!.getTime()).toBe(60 * 60_000);
    expect(row.routing_reason).toMatch(/^Routing re-evaluated .*Home centre Global Centre is open/);
    const decisions = await decisionsOf(id);
    expect(decisions.at(-1)).toMatchObject({
      decision: 'home_open',
      details: { reevaluated: true, state: 'queued' },
    });
    // Out on the live feed, and claimable by a reader.
    expect(events).toContainEqual({ type: 'task.updated', taskId: id });
    const claim = await client.radiologist!.request({
      method: 'POST',
      url: `/api/tasks/${id}/claim`,
    });
    expect(claim.statusCode).toBe(200);
    // Nothing was missed, so the sweep has nothing to repair.
    const sweep = await sweepTasks(db(), { now: new Date(), claimTimeoutSeconds: 120 });
    expect(sweep.reevaluated).toEqual([]);
  });

  it('moves a waiting task to its new opening when the centre closes more', async () => {
    const id = await waitingTask();
    const first = (await taskRow(id)).queued_at!;
    const closedLonger = [0, 1, 2, 3].map((d) => ({
      date: localDate(new Date(Date.now() + d * DAY_MS), 'Asia/Manila'),
      label: 'Typhoon',
      closed: true,
      intervals: [],
    }));
    expect((await patchCentre('Global Centre', { exceptions: closedLonger })).statusCode).toBe(200);
    const row = await taskRow(id);
    expect(row.state).toBe('waiting');
    expect(row.queued_at!.getTime()).toBeGreaterThan(first.getTime() + DAY_MS);
    expect(events).toContainEqual({ type: 'task.rerouted', taskId: id });
  });

  it('routes waiting tasks again when the routing rules change', async () => {
    await patchCentre('Regional Centre', {
      exceptions: days('Africa/Nairobi', true, 'Open for the test'),
    });
    const pinned = await client.admin!.request({
      method: 'PUT',
      url: '/api/settings/routing',
      payload: { pinnedCentreByClinic: { [ids.clinic.DEMO1!]: ids.centre['Global Centre'] } },
    });
    expect(pinned.statusCode).toBe(200);
    const id = await waitingTask();

    const unpinned = await client.admin!.request({
      method: 'PUT',
      url: '/api/settings/routing',
      payload: { pinnedCentreByClinic: {} },
    });
    expect(unpinned.statusCode).toBe(200);
    expect(await taskRow(id)).toMatchObject({
      state: 'queued',
      centre_id: ids.centre['Regional Centre'],
    });
    expect((await decisionsOf(id)).at(-1)!.decision).toBe('follow_the_sun');
  });

  it('repairs in the sweep a change that went round the services', async () => {
    const id = await waitingTask();
    // A hand edit of the hours: no service, no re-evaluation in its transaction.
    await db()
      .updateTable('centres')
      .set({ exceptions: JSON.stringify(days('Asia/Manila', true, 'By hand')) })
      .where('id', '=', ids.centre['Global Centre']!)
      .execute();
    expect((await taskRow(id)).state).toBe('waiting');

    const sweep = await sweepTasks(db(), { now: new Date(), claimTimeoutSeconds: 120 });
    expect(sweep.reevaluated).toEqual([id]);
    expect((await taskRow(id)).state).toBe('queued');
    // Repaired once: the next sweep finds nothing missed.
    const again = await sweepTasks(db(), { now: new Date(), claimTimeoutSeconds: 120 });
    expect(again.reevaluated).toEqual([]);
  });
});

describe('POST /api/tasks/:id/read-now', () => {
  const readNow = (who: string, id: string, payload: object) =>
    client[who]!.request({ method: 'POST', url: `/api/tasks/${id}/read-now`, payload });

  it('lets a reader take a waiting task with a reason, routed to their centre and claimed', async () => {
    await db()
      .updateTable('users')
      .set({ centre_id: ids.centre['Regional Centre']! })
      .where('id', '=', ids.user.radiologist!)
      .execute();
    const id = await waitingTask();
    // Enter on a waiting row used to end here.
    const claim = await client.radiologist!.request({
      method: 'POST',
      url: `/api/tasks/${id}/claim`,
    });
    expect(claim.statusCode).toBe(409);

    const before = Date.now();
    const res = await readNow('radiologist', id, { reason: 'Clinic called: flight tonight' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      state: 'in_progress',
      assigneeId: ids.user.radiologist,
      centreId: ids.centre['Regional Centre'],
      centreTimeZone: 'Africa/Nairobi',
      slaMinutes: 60,
    });
    const row = await taskRow(id);
    expect(row.queued_at!.getTime()).toBeGreaterThanOrEqual(before);
    expect(row.routing_reason).toContain('Clinic called: flight tonight');
    expect((await decisionsOf(id)).at(-1)).toMatchObject({
      decision: 'read_now',
      centre_id: ids.centre['Regional Centre'],
      details: {
        reason: 'Clinic called: flight tonight',
        fromCentreId: ids.centre['Global Centre'],
      },
    });
    const audit = await db()
      .selectFrom('audit_events')
      .select(['actor_name', 'outcome', 'clinic_id', 'details'])
      .where('action', '=', 'task.read_now')
      .where('resource_id', '=', id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_name: 'radiologist',
        outcome: 'success',
        clinic_id: ids.clinic.DEMO1,
        details: expect.objectContaining({ reason: 'Clinic called: flight tonight' }),
      }),
    ]);
    expect(events).toContainEqual({ type: 'task.claimed', taskId: id });

    // Once taken it no longer waits: a second reader is told so.
    const late = await readNow('radiologist2', id, { reason: 'Me too please' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('TASK_NOT_WAITING');
  });

  it('requires a reason and a reader, and keeps clinics to their own', async () => {
    const id = await waitingTask();
    const blank = await readNow('radiologist', id, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect((await readNow('clinic1', id, { reason: 'Please hurry' })).statusCode).toBe(403);
    expect((await readNow('admin', id, { reason: 'Please hurry' })).statusCode).toBe(403);
    expect((await taskRow(id)).state).toBe('waiting');
  });
});
