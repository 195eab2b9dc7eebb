import { describe, expect, it } from 'vitest';
import { dayBefore, digestDay, localClock } from './day';

describe('the day a digest covers', () => {
  it('is yesterday by the recipient’s own clock', () => {
    // 2026-03-10 12:30 UTC: 20:30 on the 10th in Manila, 07:30 on the 10th in Lima.
    const now = new Date('2026-03-10T12:30:00Z');
    expect(digestDay(now, 'Asia/Manila')).toEqual({
      sentOn: '2026-03-10',
      day: '2026-03-09',
      timeZone: 'Asia/Manila',
    });
    expect(localClock(now, 'America/Lima')).toEqual({ date: '2026-03-10', hour: 7 });
    // 03:00 UTC: already the 10th in Manila (11:00), still the 9th in Lima (22:00).
    const early = new Date('2026-03-10T03:00:00Z');
    expect(digestDay(early, 'Asia/Manila').day).toBe('2026-03-09');
    expect(digestDay(early, 'America/Lima').day).toBe('2026-03-08');
  });

  it('crosses months, years and leap days', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
  });

  it('reads midnight as hour 0, not 24', () => {
    expect(localClock(new Date('2026-03-09T16:00:00Z'), 'Asia/Manila')).toEqual({
      date: '2026-03-10',
      hour: 0,
    });
  });
});
