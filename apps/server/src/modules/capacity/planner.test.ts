import { DEFAULT_ROUTING_RULES, type WeeklyInterval } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import type { RoutableCentre } from '../worklist';
import { planCentres, routedLoad, type PlanInput } from './planner';
import { localArrivalProfile, whatIfClinicRates } from './profile';
import { WEEK_HOURS, hourOccurrences, hourOfWeek, nextWeekStart } from './weekGrid';

const weekStart = new Date('2026-12-07T00:00:00Z'); // a Monday
const every = (open: string, close: string): WeeklyInterval[] =>
  [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open, close }));
const centre = (id: string, weeklyHours: WeeklyInterval[], timeZone = 'UTC'): RoutableCentre => ({
  id,
  name: id,
  timeZone,
  weeklyHours,
  exceptions: [],
});
const clinic = (id: string, homeCentreId: string) => ({
  id,
  code: id,
  homeCentreId,
  programmes: [],
});
const flat = (rate: number) => new Array<number>(WEEK_HOURS).fill(rate);

function input(over: Partial<PlanInput>): PlanInput {
  return {
    weekStart,
    centres: [],
    staffing: new Map(),
    clinics: [],
    rules: DEFAULT_ROUTING_RULES,
    slaMinutes: 60,
    slaTarget: 0.95,
    ...over,
  };
}

describe('the capacity plan', () => {
  // Six reads an hour of ten minutes each (A = 1 Erlang) at a 24/7 centre: two readers report
  // 1 − 3e^(−6) ≈ 99.3 % within the hour (qa/stats.test.ts), one reader is an unstable queue.
  it('staffs a known arrival profile with the textbook number of readers', () => {
    const [plan] = planCentres(
      input({
        centres: [centre('c', every('00:00', '24:00'))],
        staffing: new Map([['c', { readMinutes: 10, rostered: 1 }]]),
        clinics: [{ clinic: clinic('k', 'c'), rates: flat(6) }],
      }),
    );
    expect(plan!.cells).toHaveLength(WEEK_HOURS);
    expect(plan!.cells.every((c) => c.open && c.recommended === 2 && c.actual === 1)).toBe(true);
    expect(plan!.cells.every((c) => c.atRisk && c.level === 0)).toBe(true);
    expect(plan!.weeklyArrivals).toBeCloseTo(6 * WEEK_HOURS, 6);
    expect(plan!.readerHoursRecommended).toBe(2 * WEEK_HOURS);
    expect(plan!.readerHoursActual).toBe(WEEK_HOURS);
    expect(plan!.hoursAtRisk).toBe(WEEK_HOURS);
  });

  it('is not at risk where the roster reaches the recommendation', () => {
    const [plan] = planCentres(
      input({
        centres: [centre('c', every('00:00', '24:00'))],
        staffing: new Map([['c', { readMinutes: 10, rostered: 2 }]]),
        clinics: [{ clinic: clinic('k', 'c'), rates: flat(6) }],
      }),
    );
    expect(plan!.hoursAtRisk).toBe(0);
    expect(plan!.cells[0]!.level).toBeCloseTo(1 - 3 * Math.exp(-6), 10);
  });

  it('routes by service hours: home when open, else the open centre, else held for the opening', () => {
    const home = centre('home', every('08:00', '16:00'));
    const late = centre('late', every('16:00', '22:00'));
    const load = routedLoad(
      input({ centres: [home, late], clinics: [{ clinic: clinic('k', 'home'), rates: flat(1) }] }),
    );
    const monday = (h: number) => hourOfWeek(1, h);
    // 08–16 at home (8 h), 16–22 follow the sun (6 h); the 10 night hours 22–08 wait for the
    // earliest opening, home's 08:00, and join that hour.
    expect(load.get('home')![monday(9)]).toBe(1);
    expect(load.get('late')![monday(17)]).toBe(1);
    expect(load.get('home')![monday(8)]).toBe(11);
    expect(load.get('home')![monday(3)]).toBe(0);
    const total = (id: string) => load.get(id)!.reduce((a, b) => a + b, 0);
    expect(total('home')).toBe(7 * 18);
    expect(total('late')).toBe(7 * 6);
  });

  it('shows the cells in the centre’s own time and rostered readers only while it is open', () => {
    const [plan] = planCentres(
      input({
        centres: [centre('c', every('09:00', '17:00'), 'Asia/Manila')],
        staffing: new Map([['c', { readMinutes: 6, rostered: 3 }]]),
        clinics: [{ clinic: clinic('k', 'c'), rates: flat(2) }],
      }),
    );
    const at = (day: number, hour: number) => plan!.cells[hourOfWeek(day, hour)]!;
    expect(at(2, 9)).toMatchObject({ day: 2, hour: 9, open: true, actual: 3 });
    expect(at(2, 8)).toMatchObject({ open: false, actual: 0, arrivals: 0 });
    // 09:00 Manila takes the 16 hours since 17:00 the day before.
    expect(at(2, 9).arrivals).toBe(2 * 17);
    expect(at(2, 10).arrivals).toBe(2);
  });
});

describe('a what-if clinic', () => {
  it('takes the existing clinics’ local day, each clinic weighing the same', () => {
    const a = new Array<number>(WEEK_HOURS).fill(0);
    const b = new Array<number>(WEEK_HOURS).fill(0);
    a[hourOfWeek(1, 9)] = 100; // a busy clinic: Monday 09:00 only
    b[hourOfWeek(1, 9)] = 1; // a quiet one: half Monday 09:00, half Monday 10:00
    b[hourOfWeek(1, 10)] = 1;
    const profile = localArrivalProfile([a, b, new Array<number>(WEEK_HOURS).fill(0)]);
    expect(profile[hourOfWeek(1, 9)]).toBeCloseTo(0.75, 10);
    expect(profile[hourOfWeek(1, 10)]).toBeCloseTo(0.25, 10);
    // 20 a day from Tokyo (UTC+9): 140 a week, Monday 09:00 local is Monday 00:00 UTC.
    const rates = whatIfClinicRates(profile, 20, 'Asia/Tokyo', weekStart);
    expect(rates[hourOfWeek(1, 0)]).toBeCloseTo(105, 10);
    expect(rates[hourOfWeek(1, 1)]).toBeCloseTo(35, 10);
    expect(rates.reduce((x, y) => x + y, 0)).toBeCloseTo(140, 10);
  });
});

describe('the week grid', () => {
  it('plans the week after the current one and counts each hour’s observations', () => {
    expect(nextWeekStart(new Date('2026-12-06T13:00:00Z')).toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
    expect(nextWeekStart(new Date('2026-12-07T00:00:00Z')).toISOString()).toBe(
      '2026-12-14T00:00:00.000Z',
    );
    const occ = hourOccurrences(new Date('2026-11-23T00:30:00Z'), new Date('2026-12-07T01:00:00Z'));
    expect(occ[hourOfWeek(1, 0)]).toBe(3);
    expect(occ[hourOfWeek(1, 1)]).toBe(2);
    expect(occ[hourOfWeek(7, 23)]).toBe(2);
  });
});
