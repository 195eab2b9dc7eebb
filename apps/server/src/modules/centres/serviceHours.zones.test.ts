import { describe, expect, it } from 'vitest';
import {
  addServiceMinutes,
  earliestOpening,
  isOpen,
  nextClosing,
  nextOpening,
  openIntervals,
  serviceMinutesBetween,
  zonedTimeToUtc,
  type ServiceSchedule,
} from './serviceHours';
import {
  closedOn,
  everyDay,
  globalDemo,
  hoursOn,
  iso,
  regionalDemo,
  schedule,
  t,
} from './serviceHours.fixtures';

describe('daylight saving time', () => {
  const dayLength = (s: ServiceSchedule, date: string, next: string) =>
    serviceMinutesBetween(
      s,
      zonedTimeToUtc(date, '00:00', s.timeZone),
      zonedTimeToUtc(next, '00:00', s.timeZone),
    ) / 60;

  it.each([
    ['Europe/London', '2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26'],
    ['America/New_York', '2026-03-08', '2026-03-09', '2026-11-01', '2026-11-02'],
  ])('%s: a 00:00–24:00 day has 23 h in spring and 25 h in autumn', (zone, sp, sp1, fb, fb1) => {
    const allDay = schedule(zone, everyDay('00:00', '24:00'));
    expect(dayLength(allDay, sp, sp1)).toBe(23);
    expect(dayLength(allDay, fb, fb1)).toBe(25);
    // The whole fortnight around a change is one open period.
    const from = zonedTimeToUtc(sp, '00:00', zone);
    const to = new Date(from.getTime() + 14 * 86_400_000);
    expect(openIntervals(allDay, from, to)).toHaveLength(1);
    expect(nextClosing(allDay, from)).toBeNull(); // open past the horizon: no closing known
  });

  it('keeps a 09:00–17:00 schedule at 09:00 local on both sides of a change', () => {
    const london = schedule('Europe/London', everyDay('09:00', '17:00'));
    const ny = schedule('America/New_York', everyDay('09:00', '17:00'));
    const spans = (s: ServiceSchedule, from: string, to: string) =>
      openIntervals(s, t(from), t(to)).map((i) => `${iso(i.start)}/${iso(i.end)}`);
    expect(spans(london, '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T09:00:00.000Z/2026-03-28T17:00:00.000Z',
      '2026-03-29T08:00:00.000Z/2026-03-29T16:00:00.000Z',
      '2026-03-30T08:00:00.000Z/2026-03-30T16:00:00.000Z',
    ]);
    expect(spans(ny, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-10-31T13:00:00.000Z/2026-10-31T21:00:00.000Z',
      '2026-11-01T14:00:00.000Z/2026-11-01T22:00:00.000Z',
      '2026-11-02T14:00:00.000Z/2026-11-02T22:00:00.000Z',
    ]);
    // Saturday 17:00 BST → Sunday 09:00 BST across the spring change.
    expect(iso(nextOpening(london, t('2026-03-28T17:00:00Z')))).toBe('2026-03-29T08:00:00.000Z');
  });

  it('opens an interval starting in the spring gap at the transition', () => {
    // 01:30–03:00 on 2026-03-29 in London: 01:00–02:00 local does not exist, so 02:00–03:00 BST.
    const london = schedule('Europe/London', [], [hoursOn('2026-03-29', '01:30', '03:00')]);
    expect(
      openIntervals(london, t('2026-03-28T12:00:00Z'), t('2026-03-29T12:00:00Z')).map((i) => [
        iso(i.start),
        iso(i.end),
      ]),
    ).toEqual([['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z']]);
    expect(isOpen(london, t('2026-03-29T00:59:59Z'))).toBe(false); // 00:59:59 GMT
    expect(isOpen(london, t('2026-03-29T01:00:00Z'))).toBe(true); // 02:00 BST
    // New York 01:30–03:00: 01:30–02:00 EST, then the clock jumps to 03:00 EDT.
    const ny = schedule('America/New_York', [], [hoursOn('2026-03-08', '01:30', '03:00')]);
    expect(serviceMinutesBetween(ny, t('2026-03-08T00:00:00Z'), t('2026-03-09T00:00:00Z'))).toBe(
      30,
    );
    // An interval lying wholly inside the gap gives no service.
    const inGap = schedule('Europe/London', [], [hoursOn('2026-03-29', '01:10', '01:50')]);
    expect(openIntervals(inGap, t('2026-03-28T00:00:00Z'), t('2026-03-30T00:00:00Z'))).toEqual([]);
  });

  it('closes at the first occurrence of a time in the autumn overlap', () => {
    const london = schedule('Europe/London', [], [hoursOn('2026-10-25', '00:00', '01:30')]);
    expect(
      serviceMinutesBetween(london, t('2026-10-24T12:00:00Z'), t('2026-10-25T12:00:00Z')),
    ).toBe(90);
    expect(iso(nextClosing(london, t('2026-10-24T23:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('two centres in different zones', () => {
  const both = [globalDemo, regionalDemo];

  it('has one open while the other is closed', () => {
    // Wed 2026-03-04 10:00 Manila / 05:00 Nairobi.
    expect(isOpen(globalDemo, t('2026-03-04T02:00:00Z'))).toBe(true);
    expect(isOpen(regionalDemo, t('2026-03-04T02:00:00Z'))).toBe(false);
    // 16:00Z: Thu 00:00 Manila (closed) / Wed 19:00 Nairobi (open).
    expect(isOpen(globalDemo, t('2026-03-04T16:00:00Z'))).toBe(false);
    expect(isOpen(regionalDemo, t('2026-03-04T16:00:00Z'))).toBe(true);
  });

  it('follows the sun to the earliest opening', () => {
    expect(earliestOpening(both, t('2026-03-04T02:00:00Z'))).toEqual({
      index: 0,
      at: t('2026-03-04T02:00:00Z'),
    });
    expect(earliestOpening(both, t('2026-03-04T16:00:00Z'))).toEqual({
      index: 1,
      at: t('2026-03-04T16:00:00Z'),
    });
    // 20:00Z: both closed; Manila opens Thu 07:00 (23:00Z), Nairobi Thu 07:00 (04:00Z).
    expect(earliestOpening(both, t('2026-03-04T20:00:00Z'))).toEqual({
      index: 0,
      at: t('2026-03-04T23:00:00Z'),
    });
    expect(earliestOpening([], t('2026-03-04T20:00:00Z'))).toBeNull();
  });
});

describe('studies arriving while all centres are closed', () => {
  // Both centres closed for Christmas Day 2026.
  const manila = globalDemo;
  const nairobi = { ...regionalDemo, exceptions: [closedOn('2026-12-25')] };
  const arrival = t('2026-12-25T06:00:00Z'); // Fri 14:00 Manila, 09:00 Nairobi

  it('waits for each centre’s next opening', () => {
    expect(isOpen(manila, arrival) || isOpen(nairobi, arrival)).toBe(false);
    expect(iso(nextOpening(manila, arrival))).toBe('2026-12-26T00:00:00.000Z'); // Sat 08:00
    expect(iso(nextOpening(nairobi, arrival))).toBe('2026-12-26T05:00:00.000Z'); // Sat 08:00
    expect(earliestOpening([nairobi, manila], arrival)).toEqual({
      index: 1,
      at: t('2026-12-26T00:00:00Z'),
    });
  });

  it('starts the service-hours SLA clock at the opening', () => {
    expect(iso(addServiceMinutes(manila, arrival, 60))).toBe('2026-12-26T01:00:00.000Z');
    expect(iso(addServiceMinutes(nairobi, arrival, 60))).toBe('2026-12-26T06:00:00.000Z');
    // 300 min: Saturday's 240, then 60 from Sunday 13:00 Manila.
    expect(iso(addServiceMinutes(manila, arrival, 300))).toBe('2026-12-27T06:00:00.000Z');
    expect(iso(addServiceMinutes(manila, arrival, 0))).toBe(iso(arrival));
    expect(() => addServiceMinutes(manila, arrival, -1)).toThrow(RangeError);
  });
});

describe('consistency', () => {
  const centres: [string, ServiceSchedule][] = [
    ['global', globalDemo],
    ['regional', regionalDemo],
    ['london', schedule('Europe/London', everyDay('09:00', '17:00'), [closedOn('2026-03-30')])],
    [
      'new york',
      schedule('America/New_York', everyDay('20:00', '24:00').concat(everyDay('00:00', '03:00'))),
    ],
  ];
  const instants = [
    '2026-03-06T15:00:00Z',
    '2026-03-07T09:17:00Z',
    '2026-03-08T05:59:30Z',
    '2026-03-28T23:59:00Z',
    '2026-10-31T22:00:00Z',
    '2026-12-24T18:45:00Z',
  ].map(t);
  const minutes = [1, 59, 60, 240, 901, 2000];

  it.each(centres)('%s: serviceMinutesBetween equals the sum over openIntervals', (_, s) => {
    for (const from of instants) {
      const to = new Date(from.getTime() + 5 * 86_400_000 + 7 * 60_000);
      const sum = openIntervals(s, from, to).reduce(
        (acc, i) => acc + (i.end.getTime() - i.start.getTime()) / 60_000,
        0,
      );
      expect(serviceMinutesBetween(s, from, to)).toBe(sum);
    }
  });

  it.each(centres)('%s: addServiceMinutes is the inverse of serviceMinutesBetween', (_, s) => {
    for (const from of instants) {
      for (const m of minutes) {
        const due = addServiceMinutes(s, from, m);
        expect(due).not.toBeNull();
        if (!due) continue;
        expect(serviceMinutesBetween(s, from, due)).toBe(m);
        // Earliest such instant: one second less is not enough.
        expect(serviceMinutesBetween(s, from, new Date(due.getTime() - 1000))).toBeLessThan(m);
      }
    }
  });
});
