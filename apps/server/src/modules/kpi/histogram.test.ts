import { describe, expect, it } from 'vitest';
import { percentile } from '../qa';
import { countBetween, histogramPercentile, withinTarget, type MinuteCount } from './histogram';

/** The whole-minute histogram of `values` (each counted at its turnaround rounded up). */
function binsOf(values: readonly number[]): MinuteCount[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.ceil(v), (counts.get(Math.ceil(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([minute, n]) => ({ minute, n }));
}

describe('percentiles from a whole-minute histogram', () => {
  it('stay within one minute of the exact type-7 percentile', () => {
    // A skewed turnaround sample, as reads are: most quick, a long tail.
    const values = Array.from({ length: 997 }, (_, i) => {
      const u = (i * 0.6180339887) % 1;
      return Math.round((-Math.log(1 - u) * 14 + 0.5) * 100) / 100;
    });
    const bins = binsOf(values);
    for (const p of [0, 10, 50, 90, 95, 99, 100]) {
      const exact = percentile(values, p)!;
      expect(Math.abs(histogramPercentile(bins, p)! - exact), `p${p}`).toBeLessThanOrEqual(1);
    }
  });

  it('places one read per minute at the middle of its minute, and exactly 0 at minute 0', () => {
    expect(histogramPercentile(binsOf([10]), 50)).toBe(9.5);
    expect(histogramPercentile(binsOf([0, 0, 0]), 95)).toBe(0);
    expect(histogramPercentile([], 50)).toBeNull();
  });

  it('counts the share within a target exactly, a read of exactly the target included', () => {
    const values = [12.3, 59.99, 60, 60.01, 75, 0];
    expect(withinTarget(binsOf(values), 60)).toBeCloseTo(4 / 6, 12);
    expect(countBetween(binsOf(values), 0, 60)).toBe(4);
    expect(countBetween(binsOf(values), 60, null)).toBe(2);
    expect(withinTarget([], 60)).toBeNull();
  });
});
