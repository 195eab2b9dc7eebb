import { describe, expect, it } from 'vitest';
import { aucOf, performanceAt, thresholdForSensitivity } from './roc';
import {
  binnedAuc,
  binnedPerformanceAt,
  binnedRocPoints,
  binnedThresholdForSensitivity,
  type BinCount,
} from './rocBinned';

/**
 * The worked example of roc.test.ts in ten bins: scores 0.9 T, 0.8 T, 0.7 F, 0.6 T, 0.6 F,
 * 0.4 F, 0.3 T, 0.2 F fall one distinct score a bin (bin 6 holds the tied pair), so the binned
 * curve is the raw one: AUC 0.71875. The one pair sharing a bin is the tie, so the bound is
 * ½ × 1·1 / (4·4) = 1/32.
 */
const BINS: BinCount[] = [
  { bin: 9, positives: 1, negatives: 0 },
  { bin: 8, positives: 1, negatives: 0 },
  { bin: 7, positives: 0, negatives: 1 },
  { bin: 6, positives: 1, negatives: 1 },
  { bin: 4, positives: 0, negatives: 1 },
  { bin: 3, positives: 1, negatives: 0 },
  { bin: 2, positives: 0, negatives: 1 },
];

describe('binned ROC', () => {
  it('samples the curve at bin edges and gives the worked example’s area', () => {
    const points = binnedRocPoints(BINS, 10);
    expect(points.map((p) => [p.threshold, p.tpr, p.fpr])).toEqual([
      [1, 0, 0],
      [0.9, 0.25, 0],
      [0.8, 0.5, 0],
      [0.7, 0.5, 0.25],
      [0.6, 0.75, 0.5],
      [0.4, 0.75, 0.75],
      [0.3, 1, 0.75],
      [0.2, 1, 1],
    ]);
    expect(binnedAuc(BINS, 10)).toEqual({ auc: 0.71875, bound: 1 / 32 });
    expect(binnedAuc([{ bin: 3, positives: 2, negatives: 0 }], 10)).toBeNull();
  });

  it('is exact at a bin edge and states its bound inside a bin', () => {
    const atEdge = binnedPerformanceAt(BINS, 0.6, 10);
    expect(atEdge).toMatchObject({ sensitivity: 0.75, specificity: 0.5 });
    expect(atEdge).toMatchObject({ sensitivityBound: 0, specificityBound: 0 });
    // 0.65 lies inside bin 6, whose midpoint (0.65) is at the threshold: called positive. Raw,
    // the 0.6 pair is negative (sensitivity 0.5, specificity 0.75): each within its bound 1/4.
    const inside = binnedPerformanceAt(BINS, 0.65, 10);
    expect(inside).toMatchObject({ sensitivity: 0.75, specificity: 0.5 });
    expect(inside).toMatchObject({ sensitivityBound: 0.25, specificityBound: 0.25 });
    const target = binnedThresholdForSensitivity(BINS, 0.9, 10);
    expect(target).toMatchObject({ threshold: 0.3, sensitivity: 1, specificity: 0.25 });
  });

  it('stays within its bounds of the raw figures for random scores', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let round = 0; round < 20; round++) {
      const cases = Array.from({ length: 400 }, () => {
        const truth = random() < 0.3;
        const score = Math.min(1, Math.max(0, (truth ? 0.25 : 0) + random() * 0.75));
        return { score, truth };
      });
      const counts = new Map<number, BinCount>();
      for (const c of cases) {
        const bin = Math.min(99, Math.floor(c.score * 100));
        const b = counts.get(bin) ?? { bin, positives: 0, negatives: 0 };
        if (c.truth) b.positives++;
        else b.negatives++;
        counts.set(bin, b);
      }
      const bins = [...counts.values()];
      const binned = binnedAuc(bins)!;
      expect(Math.abs(binned.auc - aucOf(cases)!)).toBeLessThanOrEqual(binned.bound + 1e-12);
      const threshold = 0.123 + round * 0.03;
      const p = binnedPerformanceAt(bins, threshold);
      const raw = performanceAt(cases, threshold);
      expect(Math.abs(p.sensitivity - raw.sensitivity)).toBeLessThanOrEqual(
        p.sensitivityBound + 1e-12,
      );
      expect(Math.abs(p.specificity - raw.specificity)).toBeLessThanOrEqual(
        p.specificityBound + 1e-12,
      );
      // The edge found reaches the target, exactly as the raw scores count it there.
      const t = binnedThresholdForSensitivity(bins)!;
      expect(t.sensitivity).toBeGreaterThanOrEqual(0.9);
      expect(performanceAt(cases, t.threshold).sensitivity).toBeCloseTo(t.sensitivity, 12);
      expect(thresholdForSensitivity(cases)!.threshold).toBeGreaterThanOrEqual(t.threshold);
      expect(thresholdForSensitivity(cases)!.threshold).toBeLessThan(t.threshold + 0.01);
    }
  });
});
