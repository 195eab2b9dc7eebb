import { describe, expect, it } from 'vitest';
import { turnaround } from './completion';

// Manila (UTC+8), open every day 07:00–22:00 local.
const schedule = {
  timeZone: 'Asia/Manila',
  weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '07:00', close: '22:00' })),
  exceptions: [],
};

describe('turnaround', () => {
  it('counts raw and service minutes alike within opening hours', () => {
    expect(
      turnaround(schedule, new Date('2026-03-04T02:00:00Z'), new Date('2026-03-04T02:20:30Z')),
    ).toEqual({ rawMinutes: 20.5, serviceMinutes: 20.5 });
  });

  it('leaves the closed night out of service minutes', () => {
    // Queued 21:30 Manila, completed 07:15 the next morning: 585 raw, 30 + 15 in service.
    expect(
      turnaround(schedule, new Date('2026-03-04T13:30:00Z'), new Date('2026-03-04T23:15:00Z')),
    ).toEqual({ rawMinutes: 585, serviceMinutes: 45 });
  });

  it('falls back to raw minutes with no centre', () => {
    expect(
      turnaround(null, new Date('2026-03-04T13:30:00Z'), new Date('2026-03-04T14:00:00Z')),
    ).toEqual({ rawMinutes: 30, serviceMinutes: 30 });
  });
});
