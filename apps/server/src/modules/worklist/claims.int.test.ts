import { randomUUID } from 'node:crypto';
import type { Role } from '@telerad/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../platform/context';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import {
  claimNextTask,
  claimTask,
  createPrimaryReadTask,
  heartbeatTask,
  setTaskEventSink,
  sweepTasks,
  type TaskChange,
} from '.';

/** Wednesday 10:00 in Manila: the Global Centre is open, so tasks queue at once. */
const OPEN = new Date('2026-03-04T02:00:00Z');
const TIMEOUT = 120;

let fx: AppFixture;
const clinic: Record<string, string> = {};
const user: Record<string, string> = {};
const client: Record<string, TestClient> = {};
const events: TaskChange[] = [];

beforeAll(async () => {
  fx = await appWithDemo();
  for (const c of await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute())
    clinic[c.code] = c.id;
  for (const u of await fx.tdb.db.selectFrom('users').select(['id', 'username']).execute())
    user[u.username] = u.id;
  for (const name of ['radiologist', 'radiologist2', 'consultant', 'admin', 'clinic1', 'qa'])
    client[name] = await signIn(fx.app, name);
  setTaskEventSink((e) => void events.push(e));
});
afterAll(async () => {
  setTaskEventSink(null);
  await fx?.close();
});
// Each test starts from an empty worklist: earlier tasks are closed.
beforeEach(async () => {
  await fx.tdb.db
    .updateTable('reading_tasks')
    .set({ state: 'cancelled', assignee_id: null })
    .where('state', 'not in', ['completed', 'cancelled'])
    .execute();
  events.length = 0;
});

/** A queued primary read of a study of clinic `code`, inserted directly. */
async function task(code: string, priority: 'stat' | 'urgent' | 'routine' = 'routine') {
  const study = await fx.tdb.db
    .insertInto('studies')
    .values({
      study_uid: `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`)}`,
      clinic_id: clinic[code]!,
      patient_id: `P-${code}-${randomUUID().slice(0, 6)}`,
      patient_name: `${code}^PATIENT`,
      patient_birth_date: '1990-01-01',
      patient_sex: 'F',
      study_date: '2026-03-04',
      study_time: null,
      accession_number: null,
      study_id: null,
      study_description: 'CHEST PA',
      referring_physician: null,
      patient_name_norm: `${code} PATIENT`,
      last_received_at: OPEN,
      stable_at: OPEN,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const r = await createPrimaryReadTask(
    fx.tdb.db,
    { studyId: study.id, stableAt: OPEN.toISOString(), numInstances: 1 },
    OPEN,
    { priority },
  );
  if (r.outcome !== 'created') throw new Error(r.outcome);
  expect(r.route.state).toBe('queued');
  return r.taskId;
}

function ctxFor(userId: string, roles: Role[] = ['radiologist']): ServiceContext {
  const actor: Actor = {
    userId,
    username: userId,
    displayName: userId,
    roles,
    clinicIds: [],
    via: 'session',
  };
  return { actor, requestId: randomUUID(), ip: null, db: fx.tdb.db };
}

const row = (id: string) =>
  fx.tdb.db.selectFrom('reading_tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('GET /api/worklist', () => {
  it('keeps clinic users to their own clinics and sorts STAT first', async () => {
    const a = await task('DEMO1');
    const b = await task('DEMO2', 'stat');
    const c = await task('DEMO1', 'urgent');
    const staff = await client.radiologist!.request({ method: 'GET', url: '/api/worklist' });
    expect(staff.statusCode).toBe(200);
    const page = staff.json();
    expect(page.tasks.map((t: { id: string }) => t.id)).toEqual([b, c, a]);
    expect(page.counts).toEqual({ waiting: 0, queued: 3, inProgress: 0, overdue: 3 });
    expect(Date.parse(page.serverTime)).toBeGreaterThan(0);
    expect(page.tasks[0]).toMatchObject({
      clinicCode: 'DEMO2',
      priority: 'stat',
      state: 'queued',
      numImages: 0,
      centreName: 'Global Centre',
    });

    const own = (await client.clinic1!.request({ method: 'GET', url: '/api/worklist' })).json();
    expect(own.tasks.map((t: { id: string }) => t.id)).toEqual([c, a]);
    expect(own.counts.queued).toBe(2);
    expect(JSON.stringify(own)).not.toContain('DEMO2');

    const filtered = await client.radiologist!.request({
      method: 'GET',
      url: `/api/worklist?priority=urgent&clinicId=${clinic.DEMO1}&sort=patient`,
    });
    expect(filtered.json().tasks.map((t: { id: string }) => t.id)).toEqual([c]);
    const byQ = await client.radiologist!.request({ method: 'GET', url: '/api/worklist?q=demo2' });
    expect(byQ.json().tasks.map((t: { id: string }) => t.id)).toEqual([b]);
    const none = await client.clinic1!.request({
      method: 'GET',
      url: `/api/worklist?clinicId=${clinic.DEMO2}`,
    });
    expect(none.json().tasks).toEqual([]);
  });

  it('shows a waiting task whose opening has passed as queued', async () => {
    const id = await task('DEMO1');
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ state: 'waiting' })
      .where('id', '=', id)
      .execute();
    const page = (
      await client.radiologist!.request({ method: 'GET', url: '/api/worklist?state=queued' })
    ).json();
    expect(page.tasks.map((t: { id: string; state: string }) => [t.id, t.state])).toEqual([
      [id, 'queued'],
    ]);
    const swept = await sweepTasks(fx.tdb.db, { now: new Date(), claimTimeoutSeconds: TIMEOUT });
    expect(swept.promoted).toEqual([id]);
    expect((await row(id)).state).toBe('queued');
  });
});

describe('claims', () => {
  it('gives exactly one of 50 concurrent claimers the task', async () => {
    const id = await task('DEMO1');
    const readers = await fx.tdb.db
      .insertInto('users')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          username: `race-${i}-${randomUUID().slice(0, 6)}`,
          display_name: `Racer ${i}`,
          email: null,
          credentials: null,
          roles: ['radiologist'],
          password_hash: 'x',
          password_changed_at: new Date(),
          locked_until: null,
          mfa_secret: null,
          mfa_pending_secret: null,
          mfa_last_step: null,
          last_login_at: null,
          updated_at: new Date(),
        })),
      )
      .returning('id')
      .execute();
    const clock = { now: new Date(), claimTimeoutSeconds: TIMEOUT };
    const results = await Promise.allSettled(
      readers.map((r) => claimTask(ctxFor(r.id), id, clock)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = results.filter((r) => r.status === 'rejected');
    for (const l of lost) expect((l.reason as { code: string }).code).toBe('TASK_TAKEN');
    const winner = (won[0] as PromiseFulfilledResult<{ assigneeId: string }>).value.assigneeId;
    expect((await row(id)).assignee_id).toBe(winner);
    expect(events.filter((e) => e.type === 'task.claimed')).toEqual([
      { type: 'task.claimed', taskId: id },
    ]);
  });

  it('lets one of two readers racing over HTTP win; the other learns who has it', async () => {
    const id = await task('DEMO1');
    const calls = Array.from({ length: 20 }, (_, i) =>
      client[i % 2 ? 'radiologist' : 'radiologist2']!.request({
        method: 'POST',
        url: `/api/tasks/${id}/claim`,
      }),
    );
    const res = await Promise.all(calls);
    const owner = (await row(id)).assignee_id;
    const ownerName = owner === user.radiologist ? 'radiologist' : 'radiologist2';
    for (const [i, r] of res.entries()) {
      const mine = (i % 2 ? 'radiologist' : 'radiologist2') === ownerName;
      expect(r.statusCode, r.body).toBe(mine ? 200 : 409);
      if (!mine) {
        expect(r.json().error.code).toBe('TASK_TAKEN');
        expect(r.json().error.details.assigneeId).toBe(owner);
      }
    }
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'task.claim')
      .where('resource_id', '=', id)
      .where('outcome', '=', 'success')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]!.clinic_id).toBe(clinic.DEMO1);

    const rel = await client[ownerName]!.request({
      method: 'POST',
      url: `/api/tasks/${id}/release`,
    });
    expect(rel.statusCode).toBe(200);
    expect(rel.json()).toMatchObject({ state: 'queued', assigneeId: null });
  });

  it('keeps a heartbeated claim and returns a lapsed one to the queue', async () => {
    const id = await task('DEMO1');
    const me = ctxFor(user.radiologist!);
    const t0 = new Date('2026-03-04T02:10:00Z');
    const claimed = await claimTask(me, id, { now: t0, claimTimeoutSeconds: TIMEOUT });
    expect(claimed.claimExpiresAt).toBe('2026-03-04T02:12:00.000Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect(
      (await sweepTasks(fx.tdb.db, { now: at(119), claimTimeoutSeconds: TIMEOUT })).expired,
    ).toEqual([]);
    await heartbeatTask(me, id, { now: at(100), claimTimeoutSeconds: TIMEOUT });
    expect(
      (await sweepTasks(fx.tdb.db, { now: at(219), claimTimeoutSeconds: TIMEOUT })).expired,
    ).toEqual([]);
    events.length = 0;
    expect(
      (await sweepTasks(fx.tdb.db, { now: at(221), claimTimeoutSeconds: TIMEOUT })).expired,
    ).toEqual([id]);
    expect(await row(id)).toMatchObject({ state: 'queued', assignee_id: null, heartbeat_at: null });
    expect(events).toEqual([{ type: 'task.released', taskId: id }]);
    await expect(
      heartbeatTask(me, id, { now: at(222), claimTimeoutSeconds: TIMEOUT }),
    ).rejects.toMatchObject({ code: 'CLAIM_LAPSED' });
  });

  it('hands "next" the most urgent unclaimed task', async () => {
    await task('DEMO1', 'routine');
    const stat1 = await task('DEMO2', 'stat');
    const stat2 = await task('DEMO1', 'stat');
    const clock = { now: new Date(), claimTimeoutSeconds: TIMEOUT };
    const first = await claimNextTask(ctxFor(user.radiologist2!), clock);
    expect([stat1, stat2]).toContain(first.id);
    const res = await client.radiologist!.request({ method: 'POST', url: '/api/tasks/next' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ priority: 'stat', state: 'in_progress' });
    expect(res.json().id).not.toBe(first.id);
    const third = await client.radiologist!.request({ method: 'POST', url: '/api/tasks/next' });
    expect(third.json().priority).toBe('routine');
    const none = await client.radiologist!.request({ method: 'POST', url: '/api/tasks/next' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('NO_TASK_AVAILABLE');
  });
});

describe('reassign, priority and shifts', () => {
  it('lets only consultants and admins reassign', async () => {
    const id = await task('DEMO1');
    const body = { assigneeId: user.radiologist2 };
    for (const who of ['radiologist', 'clinic1', 'qa']) {
      const r = await client[who]!.request({
        method: 'POST',
        url: `/api/tasks/${id}/reassign`,
        payload: body,
      });
      expect(r.statusCode, who).toBe(403);
    }
    const to = await client.consultant!.request({
      method: 'POST',
      url: `/api/tasks/${id}/reassign`,
      payload: body,
    });
    expect(to.statusCode, to.body).toBe(200);
    expect(to.json()).toMatchObject({ state: 'in_progress', assigneeId: user.radiologist2 });
    const back = await client.admin!.request({
      method: 'POST',
      url: `/api/tasks/${id}/reassign`,
      payload: { assigneeId: null },
    });
    expect(back.json()).toMatchObject({ state: 'queued', assigneeId: null });
    const bad = await client.admin!.request({
      method: 'POST',
      url: `/api/tasks/${id}/reassign`,
      payload: { assigneeId: user.clinic1 },
    });
    expect(bad.json().error.code).toBe('ASSIGNEE_NOT_READER');
  });

  it('lets a clinic raise only its own routine tasks to urgent; staff set any priority', async () => {
    const own = await task('DEMO1');
    const other = await task('DEMO2');
    const patch = (who: string, id: string, priority: string) =>
      client[who]!.request({
        method: 'PATCH',
        url: `/api/tasks/${id}`,
        payload: { priority, reason: 'Coughing blood since Monday' },
      });

    const up = await patch('clinic1', own, 'urgent');
    expect(up.statusCode, up.body).toBe(200);
    // Urgent: 30 minutes from when it queued; the reason is kept for the reader.
    expect(up.json()).toMatchObject({
      priority: 'urgent',
      priorityReason: 'Coughing blood since Monday',
      dueAt: '2026-03-04T02:30:00.000Z',
    });
    const noReason = await client.clinic1!.request({
      method: 'PATCH',
      url: `/api/tasks/${own}`,
      payload: { priority: 'urgent' },
    });
    expect(noReason.json().error.code).toBe('PRIORITY_REASON_REQUIRED');
    expect((await patch('clinic1', own, 'stat')).json().error.code).toBe(
      'PRIORITY_CHANGE_NOT_ALLOWED',
    );
    expect((await patch('clinic1', own, 'routine')).statusCode).toBe(403);
    expect((await patch('clinic1', other, 'urgent')).statusCode).toBe(404);
    const stat = await patch('radiologist', other, 'stat');
    expect(stat.json()).toMatchObject({ priority: 'stat', dueAt: '2026-03-04T02:15:00.000Z' });
    expect(events).toContainEqual({ type: 'task.updated', taskId: other });
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'task.priority')
      .where('resource_id', '=', own)
      .where('outcome', '=', 'success')
      .executeTakeFirstOrThrow();
    expect(audit.clinic_id).toBe(clinic.DEMO1);
    expect(audit.details).toMatchObject({ reason: 'Coughing blood since Monday' });
  });

  it('marks a reader on shift', async () => {
    const r = await client.radiologist!.request({
      method: 'PUT',
      url: '/api/me/shift',
      payload: { onShift: true },
    });
    expect(r.json()).toEqual({ onShift: true });
    const u = await fx.tdb.db
      .selectFrom('users')
      .select('on_shift')
      .where('id', '=', user.radiologist!)
      .executeTakeFirstOrThrow();
    expect(u.on_shift).toBe(true);
    const clinicUser = await client.clinic1!.request({
      method: 'PUT',
      url: '/api/me/shift',
      payload: { onShift: true },
    });
    expect(clinicUser.statusCode).toBe(403);
  });
});
