import type { CapacityPlanAnswer } from '@telerad/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn } from '../../testing/http';
import { agentsForResponseLevel } from '../qa';
import { arrivalsByClinic, readingTimes } from './history';
import { planCapacity } from './service';
import { seedArrivalHistory } from './testSupport';
import { HOUR_MS, hourOfWeek, nextWeekStart } from './weekGrid';

/**
 * The planner's history queries and its route on seeded data: two weeks of DEMO1 arrivals, four an
 * hour on weekdays 01:00–09:00 UTC (09:00–17:00 in Manila), each read in 12 minutes.
 */
let fx: AppFixture;
const DAY = 24 * HOUR_MS;
// A Monday 00:00 UTC at least a week ago: every weekday hour of the history occurs exactly twice.
const until = new Date(nextWeekStart(new Date()).getTime() - 14 * DAY);
const from = new Date(until.getTime() - 14 * DAY);
let seeded = 0;
let globalId: string;
let regionalId: string;

beforeAll(async () => {
  fx = await appWithDemo();
  seeded = await seedArrivalHistory(fx.tdb.db, {
    clinicCode: 'DEMO1',
    until,
    days: 14,
    perHour: (day, hour) => (day <= 5 && hour >= 1 && hour < 9 ? 4 : 0),
    readerUsername: 'radiologist',
    readMinutes: 12,
  });
  // One claim left open for five hours: not reading time.
  await sql`update reading_tasks set completed_at = claimed_at + interval '5 hours'
    where id = (select id from reading_tasks where routing_reason = 'history written for a test'
      order by created_at limit 1)`.execute(fx.tdb.db);
  await fx.tdb.db
    .updateTable('users')
    .set({ shift_choice: true })
    .where('username', '=', 'radiologist')
    .execute();
  const centres = await fx.tdb.db.selectFrom('centres').select(['id', 'name']).execute();
  globalId = centres.find((c) => c.name === 'Global Centre')!.id;
  regionalId = centres.find((c) => c.name === 'Regional Centre')!.id;
});
afterAll(async () => fx?.close());

const ctx = () => ({ actor: null, requestId: 'capacity-test', ip: null, db: fx.tdb.db });

describe('the arrival history', () => {
  it('counts each clinic’s arrivals by UTC hour and by its own hour of the week', async () => {
    expect(seeded).toBe(10 * 8 * 4);
    const [demo1, ...others] = await arrivalsByClinic(fx.tdb.db, from, until);
    expect(others).toEqual([]);
    expect(demo1).toMatchObject({ code: 'DEMO1', timeZone: 'Asia/Manila', total: 320 });
    expect(demo1!.utc[hourOfWeek(2, 1)]).toBe(8);
    expect(demo1!.utc[hourOfWeek(2, 9)]).toBe(0);
    // Manila is UTC+8: 01:00 UTC on Tuesday is 09:00 Tuesday there.
    expect(demo1!.local[hourOfWeek(2, 9)]).toBe(8);
    expect(demo1!.local[hourOfWeek(2, 1)]).toBe(0);
  });

  it('measures each reader from claim to sign, leaving out claims held open', async () => {
    const times = await readingTimes(fx.tdb.db, from, new Date(until.getTime() + DAY));
    expect(times).toHaveLength(1);
    expect(times[0]).toMatchObject({ centreId: globalId, reads: 319 });
    expect(times[0]!.readMinutes).toBeCloseTo(12, 6);
  });
});

describe('the plan', () => {
  it('recommends the Erlang C staffing for the learnt arrival rate, in the centre’s time', async () => {
    const plan = await planCapacity(ctx(), {}, until);
    expect(plan).toMatchObject({ enough: true, slaMinutes: 60, slaTarget: 0.95 });
    expect(plan.historyDays).toBeGreaterThanOrEqual(13);
    const global = plan.centres.find((c) => c.centreId === globalId)!;
    expect(global).toMatchObject({ readMinutesMeasured: true, timeZone: 'Asia/Manila' });
    // Tuesday 10:00 in Manila: 4 arrivals an hour of 12 minutes, A = 0.8 Erlang.
    const cell = global.cells[hourOfWeek(2, 10)]!;
    expect(cell).toMatchObject({ day: 2, hour: 10, open: true, arrivals: 4, actual: 1 });
    expect(cell.recommended).toBe(agentsForResponseLevel(0.8, 60, 12, 0.95));
    expect(cell.recommended).toBe(2);
    expect(cell.atRisk).toBe(true);
    expect(global.cells[hourOfWeek(2, 3)]).toMatchObject({ open: false, actual: 0 });
    expect(global.readers).toEqual([
      expect.objectContaining({ name: expect.any(String), reads: 319, onShift: true }),
    ]);
    expect(plan.clinics).toEqual([expect.objectContaining({ code: 'DEMO1' })]);
  });

  it('makes no plan from fewer days than it needs', async () => {
    const plan = await planCapacity(ctx(), {}, new Date(until.getTime() - 10 * DAY));
    expect(plan).toMatchObject({ enough: false, centres: [], minHistoryDays: 7 });
    expect(plan.historyDays).toBeLessThan(7);
  });
});

describe('the planner route', () => {
  it('answers QA with a plan whose what-if clinic raises the recommendation, and audits it', async () => {
    const qa = await signIn(fx.app, 'qa');
    const res = await qa.request({
      method: 'POST',
      url: '/api/capacity/plan',
      payload: {
        newClinic: {
          name: 'Cebu',
          dailyVolume: 150,
          timeZone: 'Asia/Manila',
          homeCentreId: globalId,
        },
      },
    });
    expect(res.statusCode).toBe(200);
    const plan = res.json() as CapacityPlanAnswer;
    const global = plan.centres.find((c) => c.centreId === globalId)!;
    const before = plan.baseline!.find((c) => c.centreId === globalId)!;
    expect(global.readerHoursRecommended).toBeGreaterThan(before.readerHoursRecommended);
    expect(global.weeklyArrivals - before.weeklyArrivals).toBeCloseTo(150 * 7, 0);
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(events).toEqual([{ action: 'capacity.plan', outcome: 'success' }]);
  });

  it('re-routes the load when a centre’s hours move', async () => {
    const qa = await signIn(fx.app, 'qa');
    const res = await qa.request({
      method: 'POST',
      url: '/api/capacity/plan',
      payload: { hours: { centreId: globalId, open: 18, close: 24 } },
    });
    expect(res.statusCode).toBe(200);
    const plan = res.json() as CapacityPlanAnswer;
    const moved = (id: string) =>
      plan.centres.find((c) => c.centreId === id)!.weeklyArrivals -
      plan.baseline!.find((c) => c.centreId === id)!.weeklyArrivals;
    // Manila's days now fall outside the Global Centre's hours (10:00–16:00 UTC): Nairobi,
    // open from 04:00 UTC, takes every one of them, those before its opening at the opening.
    const global = plan.centres.find((c) => c.centreId === globalId)!;
    expect(global.weeklyArrivals).toBe(0);
    expect(moved(globalId)).toBeLessThan(0);
    expect(moved(regionalId)).toBeCloseTo(-moved(globalId), 6);
    const regional = plan.centres.find((c) => c.centreId === regionalId)!;
    // Nairobi is UTC+3: the 01:00–04:00 UTC arrivals wait for 07:00 there.
    const opening = regional.cells[hourOfWeek(2, 7)]!;
    expect(opening.arrivals).toBeCloseTo(4 * regional.cells[hourOfWeek(2, 8)]!.arrivals, 6);
  });

  it('is documented in the OpenAPI description', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, { post?: { tags?: string[] } }>;
    expect(paths['/api/capacity/plan']?.post?.tags).toEqual(['capacity']);
  });

  it('refuses readers and clinics, and a what-if about a centre that does not exist', async () => {
    for (const user of ['radiologist', 'clinic1']) {
      const client = await signIn(fx.app, user);
      const res = await client.request({ method: 'POST', url: '/api/capacity/plan', payload: {} });
      expect(res.statusCode, user).toBe(403);
    }
    const admin = await signIn(fx.app, 'admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/capacity/plan',
      payload: { hours: { centreId: '00000000-0000-4000-8000-000000000000', open: 6, close: 20 } },
    });
    expect(res.statusCode).toBe(404);
  });
});
