import { describe, expect, it } from 'vitest';
import {
  addServiceMinutes,
  earliestOpening,
  isOpen,
  localDate,
  nextClosing,
  nextOpening,
  openIntervals,
  serviceMinutesBetween,
  zonedTimeToUtc,
} from './serviceHours';
import { closedOn, everyDay, globalDemo, hoursOn, iso, schedule, t } from './serviceHours.fixtures';

describe('zonedTimeToUtc and localDate', () => {
  it('converts ordinary wall-clock times, including 24:00', () => {
    expect(iso(zonedTimeToUtc('2026-03-02', '07:00', 'Asia/Manila'))).toBe(
      '2026-03-01T23:00:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-03-02', '24:00', 'Asia/Manila'))).toBe(
      '2026-03-02T16:00:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-03-28', '09:00', 'Europe/London'))).toBe(
      '2026-03-28T09:00:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-03-30', '09:00', 'Europe/London'))).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });

  it('maps a time in a DST gap forward to the transition', () => {
    // London 01:00 GMT → 02:00 BST; New York 02:00 EST → 03:00 EDT.
    expect(iso(zonedTimeToUtc('2026-03-29', '01:30', 'Europe/London'))).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-03-08', '02:30', 'America/New_York'))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('maps an ambiguous time in a DST overlap to its first occurrence', () => {
    expect(iso(zonedTimeToUtc('2026-10-25', '01:30', 'Europe/London'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(zonedTimeToUtc('2026-11-01', '01:30', 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('refuses malformed input', () => {
    expect(() => zonedTimeToUtc('2026-02-30', '07:00', 'Asia/Manila')).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-03-02', '24:30', 'Asia/Manila')).toThrow(RangeError);
    expect(() => zonedTimeToUtc('2026-03-02', '07:00', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('gives the local calendar date of an instant', () => {
    expect(localDate(t('2026-03-06T16:30:00Z'), 'Asia/Manila')).toBe('2026-03-07');
    expect(localDate(t('2026-03-29T00:30:00Z'), 'Europe/London')).toBe('2026-03-29');
    expect(localDate(t('2026-03-29T00:30:00Z'), 'America/New_York')).toBe('2026-03-28');
    expect(localDate(t('2026-12-31T21:00:00Z'), 'Africa/Nairobi')).toBe('2027-01-01');
  });
});

describe('demo global centre (Asia/Manila)', () => {
  // Week of Monday 2026-03-02. Weekdays 07:00–22:00, Saturday 08:00–12:00, Sunday 13:00–17:00.
  it('opens at 07:00 exactly and is closed at 22:00 exactly', () => {
    expect(isOpen(globalDemo, t('2026-03-01T22:59:59Z'))).toBe(false); // Mon 06:59:59
    expect(isOpen(globalDemo, t('2026-03-01T23:00:00Z'))).toBe(true); // Mon 07:00
    expect(isOpen(globalDemo, t('2026-03-02T13:59:59Z'))).toBe(true); // Mon 21:59:59
    expect(isOpen(globalDemo, t('2026-03-02T14:00:00Z'))).toBe(false); // Mon 22:00
    expect(iso(nextClosing(globalDemo, t('2026-03-02T02:00:00Z')))).toBe(
      '2026-03-02T14:00:00.000Z',
    );
    expect(nextClosing(globalDemo, t('2026-03-02T14:00:00Z'))).toBeNull();
  });

  it('finds the next opening across the weekend and the week wrap', () => {
    // Friday 23:00 → Saturday 08:00.
    expect(iso(nextOpening(globalDemo, t('2026-03-06T15:00:00Z')))).toBe(
      '2026-03-07T00:00:00.000Z',
    );
    // Saturday 12:30 → Sunday 13:00.
    expect(iso(nextOpening(globalDemo, t('2026-03-07T04:30:00Z')))).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    // Sunday 18:00 → Monday 07:00.
    expect(iso(nextOpening(globalDemo, t('2026-03-08T10:00:00Z')))).toBe(
      '2026-03-08T23:00:00.000Z',
    );
    // Open: the instant itself.
    expect(iso(nextOpening(globalDemo, t('2026-03-02T02:00:00Z')))).toBe(
      '2026-03-02T02:00:00.000Z',
    );
  });

  it('counts 83 service hours in a week (5 × 15 h + 4 h + 4 h)', () => {
    const mondayMidnight = zonedTimeToUtc('2026-03-02', '00:00', 'Asia/Manila');
    const nextMonday = zonedTimeToUtc('2026-03-09', '00:00', 'Asia/Manila');
    expect(serviceMinutesBetween(globalDemo, mondayMidnight, nextMonday)).toBe(83 * 60);
    expect(openIntervals(globalDemo, mondayMidnight, nextMonday)).toHaveLength(7);
  });

  it('clips intervals to the range and counts nothing for an empty range', () => {
    const from = t('2026-03-02T10:00:00Z'); // Mon 18:00
    const to = t('2026-03-03T00:00:00Z'); // Tue 08:00
    expect(openIntervals(globalDemo, from, to).map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-02T10:00:00.000Z', '2026-03-02T14:00:00.000Z'],
      ['2026-03-02T23:00:00.000Z', '2026-03-03T00:00:00.000Z'],
    ]);
    expect(serviceMinutesBetween(globalDemo, from, to)).toBe(300);
    expect(serviceMinutesBetween(globalDemo, to, from)).toBe(0);
    expect(openIntervals(globalDemo, to, to)).toEqual([]);
  });
});

describe('midnight', () => {
  const night = schedule('Asia/Manila', [
    ...everyDay('20:00', '24:00'),
    ...everyDay('00:00', '06:00'),
  ]);

  it('treats 20:00–24:00 and next day 00:00–06:00 as one period', () => {
    const from = t('2026-03-02T04:00:00Z'); // Mon 12:00
    const to = t('2026-03-03T04:00:00Z'); // Tue 12:00
    expect(openIntervals(night, from, to).map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-02T12:00:00.000Z', '2026-03-02T22:00:00.000Z'], // Mon 20:00 → Tue 06:00
    ]);
    expect(iso(nextClosing(night, t('2026-03-02T15:30:00Z')))).toBe('2026-03-02T22:00:00.000Z');
    expect(isOpen(night, t('2026-03-02T16:00:00Z'))).toBe(true); // midnight itself
  });

  it('counts service minutes across midnight and the Sunday–Monday wrap', () => {
    // Mon 23:00 → Tue 01:00.
    expect(serviceMinutesBetween(night, t('2026-03-02T15:00:00Z'), t('2026-03-02T17:00:00Z'))).toBe(
      120,
    );
    // Sun 2026-03-08 22:30 → Mon 00:45.
    expect(serviceMinutesBetween(night, t('2026-03-08T14:30:00Z'), t('2026-03-08T16:45:00Z'))).toBe(
      135,
    );
    expect(iso(nextClosing(night, t('2026-03-08T14:30:00Z')))).toBe('2026-03-08T22:00:00.000Z');
  });

  it('merges touching and overlapping intervals on one day', () => {
    const split = schedule('Asia/Manila', [
      { day: 1, open: '07:00', close: '12:00' },
      { day: 1, open: '11:00', close: '15:00' },
      { day: 1, open: '15:00', close: '16:00' },
    ]);
    const day = openIntervals(split, t('2026-03-01T16:00:00Z'), t('2026-03-02T16:00:00Z'));
    expect(day.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-01T23:00:00.000Z', '2026-03-02T08:00:00.000Z'],
    ]);
  });
});

describe('exceptions', () => {
  it('closes all day on a holiday and reopens the following day', () => {
    // Demo: Christmas Day 2026 (a Friday) → Saturday 08:00.
    expect(isOpen(globalDemo, t('2026-12-25T02:00:00Z'))).toBe(false); // Fri 10:00
    expect(iso(nextOpening(globalDemo, t('2026-12-24T14:30:00Z')))).toBe(
      '2026-12-26T00:00:00.000Z',
    );
    // A Wednesday holiday → Thursday 07:00.
    const withHoliday = { ...globalDemo, exceptions: [closedOn('2026-12-30')] };
    expect(isOpen(withHoliday, t('2026-12-30T02:00:00Z'))).toBe(false);
    expect(iso(nextOpening(withHoliday, t('2026-12-29T23:00:00Z')))).toBe(
      '2026-12-30T23:00:00.000Z',
    );
    expect(
      serviceMinutesBetween(withHoliday, t('2026-12-29T16:00:00Z'), t('2026-12-30T16:00:00Z')),
    ).toBe(0);
  });

  it('replaces the week with extended hours', () => {
    // Saturday 2026-03-07 open 08:00–20:00 instead of 08:00–12:00.
    const extended = { ...globalDemo, exceptions: [hoursOn('2026-03-07', '08:00', '20:00')] };
    expect(isOpen(globalDemo, t('2026-03-07T07:00:00Z'))).toBe(false); // Sat 15:00
    expect(isOpen(extended, t('2026-03-07T07:00:00Z'))).toBe(true);
    expect(iso(nextClosing(extended, t('2026-03-07T07:00:00Z')))).toBe('2026-03-07T12:00:00.000Z');
  });

  it('runs a 24/7 period of several dated exceptions as one open period', () => {
    const dates = ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'];
    const surge = { ...globalDemo, exceptions: dates.map((d) => hoursOn(d, '00:00', '24:00')) };
    const spans = openIntervals(surge, t('2026-03-04T16:00:00Z'), t('2026-03-10T16:00:00Z'));
    expect(spans.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-04T23:00:00.000Z', '2026-03-05T14:00:00.000Z'], // Thu 07:00–22:00
      ['2026-03-05T16:00:00.000Z', '2026-03-09T16:00:00.000Z'], // Fri 00:00 → Tue 00:00
      ['2026-03-09T23:00:00.000Z', '2026-03-10T14:00:00.000Z'], // Tue 07:00–22:00
    ]);
    expect(iso(nextClosing(surge, t('2026-03-06T19:00:00Z')))).toBe('2026-03-09T16:00:00.000Z');
    expect(serviceMinutesBetween(surge, t('2026-03-05T16:00:00Z'), t('2026-03-09T16:00:00Z'))).toBe(
      96 * 60,
    );
  });
});

describe('a centre with no hours', () => {
  const none = schedule('Asia/Manila', []);
  const at = t('2026-03-04T02:00:00Z');

  it('is never open', () => {
    expect(isOpen(none, at)).toBe(false);
    expect(nextOpening(none, at)).toBeNull();
    expect(nextClosing(none, at)).toBeNull();
    expect(serviceMinutesBetween(none, at, t('2026-04-04T02:00:00Z'))).toBe(0);
    expect(addServiceMinutes(none, at, 60)).toBeNull();
    expect(earliestOpening([none], at)).toBeNull();
  });

  it('treats a closed-all-year schedule the same within the horizon', () => {
    const closedRun = Array.from({ length: 70 }, (_, i) =>
      closedOn(localDate(new Date(at.getTime() + i * 86_400_000), 'Asia/Manila')),
    );
    const shut = { ...globalDemo, exceptions: closedRun };
    expect(nextOpening(shut, at)).toBeNull();
    expect(nextOpening(shut, at, 90)).not.toBeNull();
  });
});
