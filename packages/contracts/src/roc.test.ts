import { describe, expect, it } from 'vitest';
import { aucOf, performanceAt, rocAuc, rocPoints, thresholdForSensitivity } from './roc';

/**
 * The worked example, by hand. Eight cases, four truly abnormal (T) and four not (F):
 *
 *   score  0.9 0.8 0.7 0.6 0.6 0.4 0.3 0.2
 *   truth   T   T   F   T   F   F   T   F
 *
 * Lowering the threshold one distinct score at a time (P = 4, N = 4):
 *
 *   threshold  TP FP  TPR   FPR
 *   +∞          0  0  0     0
 *   0.9         1  0  0.25  0
 *   0.8         2  0  0.5   0
 *   0.7         2  1  0.5   0.25
 *   0.6         3  2  0.75  0.5    (the tie moves one T and one F together: a diagonal step)
 *   0.4         3  3  0.75  0.75
 *   0.3         4  3  1     0.75
 *   0.2         4  4  1     1
 *
 * Trapezoids, ΔFPR × mean TPR: 0.25 × 0.5 + 0.25 × 0.625 + 0.25 × 0.75 + 0.25 × 1
 *   = 0.125 + 0.15625 + 0.1875 + 0.25 = 0.71875.
 * Cross-check by pairs (Mann–Whitney): of the 16 (T, F) pairs, the T scores higher in
 * 4 (0.9) + 4 (0.8) + 2 (0.6, and half a pair for the tie: 2.5) + 1 (0.3) = 11.5; 11.5 / 16 = 0.71875.
 *
 * At threshold 0.6: TP 3 (0.9, 0.8, 0.6), FN 1 (0.3), FP 2 (0.7, 0.6), TN 2 (0.4, 0.2):
 *   sensitivity 3/4 = 0.75, specificity 2/4 = 0.5.
 * Sensitivity ≥ 90 % first holds at 0.3 (TPR 1): FP 3, TN 1, specificity 0.25.
 */
const CASES = [
  { score: 0.9, truth: true },
  { score: 0.8, truth: true },
  { score: 0.7, truth: false },
  { score: 0.6, truth: true },
  { score: 0.6, truth: false },
  { score: 0.4, truth: false },
  { score: 0.3, truth: true },
  { score: 0.2, truth: false },
];

describe('ROC and AUC', () => {
  it('draws one point per distinct score, ties together', () => {
    expect(rocPoints(CASES).map((p) => [p.threshold, p.tpr, p.fpr])).toEqual([
      [Infinity, 0, 0],
      [0.9, 0.25, 0],
      [0.8, 0.5, 0],
      [0.7, 0.5, 0.25],
      [0.6, 0.75, 0.5],
      [0.4, 0.75, 0.75],
      [0.3, 1, 0.75],
      [0.2, 1, 1],
    ]);
  });

  it('measures the area by trapezoids, a tie counting half', () => {
    expect(rocAuc(rocPoints(CASES))).toBeCloseTo(0.71875, 12);
    expect(aucOf(CASES)).toBeCloseTo(0.71875, 12);
    // The order cases come in changes nothing.
    expect(aucOf([...CASES].reverse())).toBeCloseTo(0.71875, 12);
  });

  it('gives 1 for a perfect separation, 0.5 when every score ties, null without a class', () => {
    expect(
      aucOf([
        { score: 3, truth: true },
        { score: 1, truth: false },
      ]),
    ).toBe(1);
    expect(
      aucOf([
        { score: 5, truth: true },
        { score: 5, truth: false },
      ]),
    ).toBe(0.5);
    expect(aucOf([{ score: 5, truth: true }])).toBeNull();
  });

  it('turns the curve round for a product where a lower score is more abnormal', () => {
    const flipped = CASES.map((c) => ({ score: 1 - c.score, truth: c.truth }));
    expect(aucOf(flipped, false)).toBeCloseTo(0.71875, 12);
    expect(aucOf(flipped, true)).toBeCloseTo(1 - 0.71875, 12);
  });

  it('counts sensitivity and specificity at a threshold', () => {
    expect(performanceAt(CASES, 0.6)).toEqual({
      threshold: 0.6,
      sensitivity: 0.75,
      specificity: 0.5,
      truePositives: 3,
      falsePositives: 2,
      trueNegatives: 2,
      falseNegatives: 1,
    });
  });

  it('finds the strictest threshold reaching 90 % sensitivity', () => {
    expect(thresholdForSensitivity(CASES)).toMatchObject({
      threshold: 0.3,
      sensitivity: 1,
      specificity: 0.25,
    });
    // 75 % is reached earlier, at 0.6.
    expect(thresholdForSensitivity(CASES, 0.75)).toMatchObject({ threshold: 0.6 });
    expect(thresholdForSensitivity([{ score: 1, truth: false }])).toBeNull();
  });
});
