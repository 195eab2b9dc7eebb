import { describe, expect, it } from 'vitest';
import type { CentreCreate } from '@telerad/contracts';
import { isOpen, type ServiceSchedule } from '../centres';
import { DEMO_CENTRES } from './organisation';
import { withDemoOpenWindow } from './openWindow';

const [global, regional] = DEMO_CENTRES;

/** The schedule a created centre would have (the create body's defaults filled in). */
const schedule = (c: CentreCreate): ServiceSchedule => ({
  timeZone: c.timeZone,
  weeklyHours: c.weeklyHours ?? [],
  exceptions: (c.exceptions ?? []).map((e) => ({ ...e, intervals: e.intervals ?? [] })),
});

describe('withDemoOpenWindow', () => {
  it('opens a closed centre from the seeding instant for 24 hours, then its usual hours', () => {
    const from = new Date('2026-03-08T01:47:30Z'); // Sunday 09:47 in Manila, closed
    const c = schedule(withDemoOpenWindow(global!, from));
    expect(isOpen(schedule(global!), from)).toBe(false);
    expect(isOpen(c, from)).toBe(true);
    expect(isOpen(c, new Date('2026-03-09T01:47:30Z'))).toBe(true);
    // Monday 22:30 in Manila: after the window, and after the usual 22:00 close.
    expect(isOpen(c, new Date('2026-03-09T14:30:00Z'))).toBe(false);
    // Monday 12:00 in Manila: after the window, within the usual hours.
    expect(isOpen(c, new Date('2026-03-09T04:00:00Z'))).toBe(true);
  });

  it('drops a holiday inside the window, which would otherwise close the centre', () => {
    const from = new Date('2026-12-11T22:00:00Z'); // Jamhuri Day eve, 01:00 12 December in Nairobi
    const c = schedule(withDemoOpenWindow(regional!, from));
    expect(c.exceptions?.some((e) => e.label === 'Jamhuri Day')).toBe(false);
    expect(isOpen(c, new Date('2026-12-12T09:00:00Z'))).toBe(true);
  });
});
