import { RoutingRules, type RoutingRulesInput } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { DEMO_CENTRES } from '../demo';
import { rerouteDecision } from './reroute';
import type { RoutableCentre, RoutableClinic } from './routing';

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
// Manila (UTC+8) and Nairobi (UTC+3): weekdays 07:00–22:00 local.
const global = demo('global', GLOBAL);
const regional = demo('regional', REGIONAL);
const centres = [global, regional];
const clinic: RoutableClinic = { id: CLINIC, code: 'DEMO1', homeCentreId: GLOBAL, programmes: [] };
const rules = (r: RoutingRulesInput = {}) => RoutingRules.parse(r);
// Wednesday 23:00 in Manila (closed); 18:00 in Nairobi (open).
const NIGHT_IN_MANILA = new Date('2026-03-04T15:00:00Z');
// Wednesday 03:00 in Manila, 22:00 Tuesday in Nairobi: both closed.
const ALL_CLOSED = new Date('2026-03-03T19:00:00Z');

const base = { from: global, clinic, centres, priority: 'routine' as const };

describe('rerouteDecision', () => {
  it('moves a task from a closed centre to an open one, saying why', () => {
    const d = rerouteDecision({ ...base, rules: rules(), at: NIGHT_IN_MANILA });
    expect(d).toMatchObject({ action: 'move', centreId: REGIONAL });
    expect(d.reason).toMatch(
      /^Global Centre closed with the task unread; .*Regional Centre is open/,
    );
  });

  it("flags in place when the rules say 'flag'", () => {
    const d = rerouteDecision({
      ...base,
      rules: rules({ onCentreClose: 'flag' }),
      at: NIGHT_IN_MANILA,
    });
    expect(d).toEqual({
      action: 'flag',
      reason: 'Global Centre closed; the rules keep tasks in place',
    });
  });

  it('flags when no other centre is open', () => {
    expect(rerouteDecision({ ...base, rules: rules(), at: ALL_CLOSED })).toEqual({
      action: 'flag',
      reason: 'Global Centre closed and no other centre is open',
    });
  });

  it('keeps a task whose clinic is pinned to the closed centre', () => {
    const d = rerouteDecision({
      ...base,
      rules: rules({ pinnedCentreByClinic: { [CLINIC]: GLOBAL } }),
      at: NIGHT_IN_MANILA,
    });
    expect(d).toMatchObject({ action: 'flag' });
    expect(d.reason).toContain('pinned');
  });

  it('keeps a task whose priority override names the closed centre', () => {
    const d = rerouteDecision({
      ...base,
      priority: 'stat',
      rules: rules({ priorityOverrides: [{ priority: 'stat', centreId: GLOBAL }] }),
      at: NIGHT_IN_MANILA,
    });
    expect(d).toMatchObject({ action: 'flag' });
  });

  it('ignores a pin to another centre and still finds an open one', () => {
    const d = rerouteDecision({
      ...base,
      rules: rules({ pinnedCentreByClinic: { [CLINIC]: REGIONAL } }),
      at: NIGHT_IN_MANILA,
    });
    expect(d).toMatchObject({ action: 'move', centreId: REGIONAL });
  });
});
