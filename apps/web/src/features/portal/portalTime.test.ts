import { describe, expect, it } from 'vitest';
import { dueInClinicTime, timeSince } from './portalTime';

const NOW = new Date('2026-03-04T02:00:00Z'); // 10:00 in Manila, 05:00 in Nairobi

describe('portal times', () => {
  it('says how long ago a study arrived', () => {
    expect(timeSince('2026-03-04T01:59:40Z', NOW)).toEqual({ key: 'justNow' });
    expect(timeSince('2026-03-04T01:48:00Z', NOW)).toEqual({ key: 'minutes', minutes: 12 });
    expect(timeSince('2026-03-03T23:55:00Z', NOW)).toEqual({
      key: 'hoursMinutes',
      hours: 2,
      minutes: 5,
    });
    expect(timeSince('2026-03-03T23:00:00Z', NOW)).toEqual({ key: 'hours', hours: 3 });
    expect(timeSince('2026-03-01T02:00:00Z', NOW)).toEqual({ key: 'days', days: 3 });
  });

  it("shows the due time on the clinic's clock, with the day when it is another day there", () => {
    expect(dueInClinicTime('2026-03-04T02:30:00Z', 'Asia/Manila', NOW, 'en-GB')).toBe('10:30');
    expect(dueInClinicTime('2026-03-04T02:30:00Z', 'Africa/Nairobi', NOW, 'en-GB')).toBe('05:30');
    expect(dueInClinicTime('2026-03-04T17:00:00Z', 'Asia/Manila', NOW, 'en-GB')).toBe(
      '5 Mar, 01:00',
    );
    expect(dueInClinicTime(null, 'Asia/Manila', NOW)).toBeNull();
  });
});
