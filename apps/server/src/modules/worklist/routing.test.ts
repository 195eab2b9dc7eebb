import { DEFAULT_ROUTING_RULES, RoutingRules, type RoutingRulesInput } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { DEMO_CENTRES } from '../demo';
import { routeStudy, slaMinutesFor, type RoutableCentre, type RoutableClinic } from './routing';

const GLOBAL = '00000000-0000-4000-8000-000000000001';
const REGIONAL = '00000000-0000-4000-8000-000000000002';
const CLINIC = '00000000-0000-4000-8000-00000000000c';

const demo = (key: string, id: string): RoutableCentre => {
  const c = DEMO_CENTRES.find((x) => x.key === key)!;
  return {
    id,
    name: c.name,
    timeZone: c.timeZone,
    weeklyHours: c.weeklyHours ?? [],
    exceptions: (c.exceptions ?? []).map((e) => ({ ...e, intervals: e.intervals ?? [] })),
  };
};
// Global Centre: Asia/Manila (UTC+8); Regional Centre: Africa/Nairobi (UTC+3). Both open
// weekdays 07:00–22:00 local, Saturday 08:00–12:00, Sunday 13:00–17:00.
const centres = [demo('global', GLOBAL), demo('regional', REGIONAL)];
const manilaClinic: RoutableClinic = {
  id: CLINIC,
  code: 'DEMO1',
  homeCentreId: GLOBAL,
  programmes: ['US', 'CA'],
};
const nairobiClinic: RoutableClinic = { ...manilaClinic, code: 'DEMO2', homeCentreId: REGIONAL };
const rules = (r: RoutingRulesInput = {}) => RoutingRules.parse(r);
const at = (iso: string) => new Date(iso);

describe('routeStudy', () => {
  it('sends a study to its home centre when that centre is open', () => {
    // Wednesday 10:00 in Manila; 05:00 in Nairobi.
    const r = routeStudy({
      clinic: manilaClinic,
      centres,
      rules: DEFAULT_ROUTING_RULES,
      priority: 'routine',
      at: at('2026-03-04T02:00:00Z'),
    });
    expect(r).toMatchObject({
      centreId: GLOBAL,
      decision: 'home_open',
      state: 'queued',
      queuedAt: at('2026-03-04T02:00:00Z'),
      dueAt: at('2026-03-04T03:00:00Z'),
      slaMinutes: 60,
    });
    expect(r.reason).toBe('Home centre Global Centre is open');
  });

  it('follows the sun from a closed Manila at night to an open Nairobi', () => {
    // Wednesday 23:00 in Manila; 18:00 in Nairobi.
    const r = routeStudy({
      clinic: manilaClinic,
      centres,
      rules: DEFAULT_ROUTING_RULES,
      priority: 'routine',
      at: at('2026-03-04T15:00:00Z'),
    });
    expect(r).toMatchObject({
      centreId: REGIONAL,
      decision: 'follow_the_sun',
      state: 'queued',
      queuedAt: at('2026-03-04T15:00:00Z'),
      dueAt: at('2026-03-04T16:00:00Z'),
    });
    expect(r.reason).toContain('home centre Global Centre is closed');
    expect(r.reason).toContain('Regional Centre is open until 2026-03-04T19:00:00.000Z');
  });

  it('prefers, among other open centres, the one that stays open longest', () => {
    const early: RoutableCentre = {
      id: 'early',
      name: 'Early',
      timeZone: 'UTC',
      weeklyHours: [{ day: 3, open: '08:00', close: '16:00' }],
      exceptions: [],
    };
    const late = {
      ...early,
      id: 'late',
      name: 'Late',
      weeklyHours: [{ day: 3, open: '08:00', close: '20:00' }],
    };
    const r = routeStudy({
      clinic: manilaClinic,
      centres: [centres[0]!, early, late],
      rules: DEFAULT_ROUTING_RULES,
      priority: 'routine',
      at: at('2026-03-04T15:00:00Z'),
    });
    expect(r.centreId).toBe('late');
  });

  it('waits for the earliest opening when every centre is closed (Christmas)', () => {
    // Friday 25 December 2026, 09:00 in Manila (Christmas: closed), 04:00 in Nairobi.
    const r = routeStudy({
      clinic: manilaClinic,
      centres,
      rules: DEFAULT_ROUTING_RULES,
      priority: 'routine',
      at: at('2026-12-25T01:00:00Z'),
    });
    expect(r).toMatchObject({
      centreId: REGIONAL,
      decision: 'wait_for_opening',
      state: 'waiting',
      queuedAt: at('2026-12-25T04:00:00Z'), // 07:00 in Nairobi
      dueAt: at('2026-12-25T05:00:00Z'),
    });
    expect(r.reason).toContain('All centres are closed; Regional Centre opens first');
  });

  it('breaks a tie between openings in favour of the home centre', () => {
    const twin = { ...centres[0]!, id: 'twin', name: 'Twin' };
    // Wednesday 06:00 in Manila: both open at 07:00.
    const r = routeStudy({
      clinic: manilaClinic,
      centres: [twin, centres[0]!],
      rules: DEFAULT_ROUTING_RULES,
      priority: 'routine',
      at: at('2026-03-03T22:00:00Z'),
    });
    expect(r).toMatchObject({ centreId: GLOBAL, queuedAt: at('2026-03-03T23:00:00Z') });
  });

  it('keeps a pinned clinic on its centre, waiting when that centre is closed', () => {
    const pinned = rules({ pinnedCentreByClinic: { [CLINIC]: GLOBAL } });
    // Home (Nairobi) is open, Manila is closed: Wednesday 23:00 Manila, 18:00 Nairobi.
    const r = routeStudy({
      clinic: nairobiClinic,
      centres,
      rules: pinned,
      priority: 'routine',
      at: at('2026-03-04T15:00:00Z'),
    });
    expect(r).toMatchObject({
      centreId: GLOBAL,
      decision: 'pinned',
      state: 'waiting',
      queuedAt: at('2026-03-04T23:00:00Z'), // Thursday 07:00 in Manila
      dueAt: at('2026-03-05T00:00:00Z'),
    });
    expect(r.reason).toContain('Clinic DEMO2 is pinned to Global Centre; it is closed');

    const open = routeStudy({
      clinic: nairobiClinic,
      centres,
      rules: pinned,
      priority: 'routine',
      at: at('2026-03-04T02:00:00Z'),
    });
    expect(open).toMatchObject({ centreId: GLOBAL, decision: 'pinned', state: 'queued' });
  });

  it('ignores a pin to a centre that no longer exists, and says so', () => {
    const gone = '00000000-0000-4000-8000-0000000000ff';
    const r = routeStudy({
      clinic: manilaClinic,
      centres,
      rules: rules({ pinnedCentreByClinic: { [CLINIC]: gone } }),
      priority: 'routine',
      at: at('2026-03-04T02:00:00Z'),
    });
    expect(r.decision).toBe('home_open');
    expect(r.reason).toContain(`pinned centre ${gone} does not exist`);
  });

  it('applies a priority override before the home centre, after a pin', () => {
    const r = routeStudy({
      clinic: manilaClinic,
      centres,
      rules: rules({ priorityOverrides: [{ priority: 'stat', centreId: REGIONAL }] }),
      priority: 'stat',
      at: at('2026-03-04T15:00:00Z'),
    });
    expect(r).toMatchObject({ centreId: REGIONAL, decision: 'pinned', state: 'queued' });
    expect(r.reason).toContain('stat studies are routed to Regional Centre');
    expect(r.details).toMatchObject({ override: 'priority' });

    const routine = routeStudy({
      clinic: manilaClinic,
      centres,
      rules: rules({ priorityOverrides: [{ priority: 'stat', centreId: REGIONAL }] }),
      priority: 'routine',
      at: at('2026-03-04T02:00:00Z'),
    });
    expect(routine.decision).toBe('home_open');

    const pinnedWins = routeStudy({
      clinic: manilaClinic,
      centres,
      rules: rules({
        pinnedCentreByClinic: { [CLINIC]: GLOBAL },
        priorityOverrides: [{ priority: 'stat', centreId: REGIONAL }],
      }),
      priority: 'stat',
      at: at('2026-03-04T02:00:00Z'),
    });
    expect(pinnedWins.centreId).toBe(GLOBAL);
  });

  it('sets the raw due time from the SLA for the priority', () => {
    const route = (priority: 'stat' | 'urgent' | 'routine') =>
      routeStudy({
        clinic: manilaClinic,
        centres,
        rules: DEFAULT_ROUTING_RULES,
        priority,
        at: at('2026-03-04T02:00:00Z'),
      }).dueAt;
    expect(route('stat')).toEqual(at('2026-03-04T02:15:00Z'));
    expect(route('urgent')).toEqual(at('2026-03-04T02:30:00Z'));
    expect(route('routine')).toEqual(at('2026-03-04T03:00:00Z'));
  });

  it('gives no centre and no clocks when nothing ever opens', () => {
    const never: RoutableCentre = { ...centres[0]!, weeklyHours: [] };
    const r = routeStudy({
      clinic: manilaClinic,
      centres: [never],
      rules: DEFAULT_ROUTING_RULES,
      priority: 'routine',
      at: at('2026-03-04T02:00:00Z'),
    });
    expect(r).toMatchObject({
      centreId: null,
      decision: 'wait_for_opening',
      state: 'waiting',
      queuedAt: null,
      dueAt: null,
    });
  });
});

describe('slaMinutesFor', () => {
  it('takes the strictest of priority, clinic and programme targets', () => {
    const r = rules({
      slaMinutes: { default: 90, byClinic: { [CLINIC]: 45 }, byProgramme: { CA: 40, UK: 10 } },
    });
    expect(slaMinutesFor(r, manilaClinic, 'routine')).toBe(40); // CA; UK is not its programme
    expect(slaMinutesFor(r, manilaClinic, 'stat')).toBe(15);
    expect(slaMinutesFor(r, { ...manilaClinic, id: 'other', programmes: ['JP'] }, 'routine')).toBe(
      90,
    );
  });
});
