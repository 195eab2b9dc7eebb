import { describe, expect, it } from 'vitest';
import { kappaWordKey, periodOf } from './period';

describe('QC periods and kappa words', () => {
  it('counts today as the last day of the period', () => {
    expect(periodOf(30, new Date('2026-03-31T23:00:00Z'))).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
    });
    expect(periodOf(1, new Date('2026-03-31T01:00:00Z'))).toEqual({
      from: '2026-03-31',
      to: '2026-03-31',
    });
  });

  it('names kappa on the Landis and Koch bands', () => {
    expect(kappaWordKey(-0.1)).toBe('poor');
    expect(kappaWordKey(0.2)).toBe('slight');
    expect(kappaWordKey(0.4)).toBe('fair');
    expect(kappaWordKey(0.41)).toBe('moderate');
    expect(kappaWordKey(0.8)).toBe('substantial');
    expect(kappaWordKey(0.81)).toBe('almostPerfect');
  });
});
