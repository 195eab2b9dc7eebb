import { describe, expect, it } from 'vitest';
import { peerReviewOf, rateAgainstPeers } from './figures';
import { periodOf, weekOf, weeksOf } from './period';
import type { ReaderTotals } from './queries';

const NOW = new Date('2026-12-06T13:00:00Z');

describe('a report card’s period', () => {
  it('is the last 90 whole days up to today without dates', () => {
    const p = periodOf({}, NOW);
    expect(p).toMatchObject({ from: '2026-09-08', to: '2026-12-06' });
    expect(p.start.toISOString()).toBe('2026-09-08T00:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect((p.end.getTime() - p.start.getTime()) / 86_400_000).toBe(90);
  });

  it('takes both days whole, one day included, and refuses a reversed or longer-than-a-year one', () => {
    const day = periodOf({ from: '2026-03-01', to: '2026-03-01' }, NOW);
    expect(day.end.getTime() - day.start.getTime()).toBe(86_400_000);
    expect(() => periodOf({ from: '2026-03-02', to: '2026-03-01' }, NOW)).toThrow(
      expect.objectContaining({ code: 'REPORT_CARD_PERIOD_INVALID' }),
    );
    // 2024 is a leap year: 1 Jan to 31 Dec is 366 days, the longest allowed.
    expect(periodOf({ from: '2024-01-01', to: '2024-12-31' }, NOW).from).toBe('2024-01-01');
    expect(() => periodOf({ from: '2024-01-01', to: '2025-01-01' }, NOW)).toThrow();
  });

  it('groups by weeks starting on Monday (UTC)', () => {
    expect(weekOf(new Date('2026-12-06T23:59:00Z'))).toBe('2026-11-30'); // a Sunday
    expect(weekOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30'); // a Monday
    expect(weeksOf(periodOf({ from: '2026-11-25', to: '2026-12-07' }, NOW))).toEqual([
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
    ]);
  });
});

describe('the card’s figures', () => {
  it('counts any score but 1 as a discrepancy, and 3 or any b as significant', () => {
    const pr = peerReviewOf(['1', '1', '2a', '2b', '3a', '1', '1', '1']);
    expect(pr.distribution).toEqual({ '1': 5, '2a': 1, '2b': 1, '3a': 1, '3b': 0 });
    expect(pr.discrepancyRate).toBe(3 / 8);
    expect(pr.significantRate).toBe(2 / 8);
    expect(peerReviewOf([])).toMatchObject({ scored: 0, discrepancyRate: null });
  });

  it('gives no rate or position to a reader with no reads', () => {
    const other: ReaderTotals = {
      readerId: 'a',
      reads: 4,
      abnormal: 1,
      consulted: 0,
      turnaround: [],
      serviceTurnaround: [],
    };
    expect(rateAgainstPeers(undefined, [other], 'abnormal')).toMatchObject({
      n: 0,
      rate: null,
      pooledRate: 0.25,
      position: null,
    });
  });
});
