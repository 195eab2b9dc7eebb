/**
 * ROC analysis of CAD scores against the truth (final reads, or bacteriology where a clinic
 * records it): the curve, its area, sensitivity and specificity at a threshold, and the
 * threshold that reaches a target sensitivity (90 % in WHO's target product profile). Pure: the
 * calibration page and the KPI aggregates feed it pairs. A case is called positive when its
 * score is at or past the threshold, as `cadBand` calls it abnormal.
 */

/** One case: its CAD score and whether it truly was abnormal. */
export interface ScoredCase {
  score: number;
  truth: boolean;
}

/** One point of the ROC curve: calling cases positive at or past `threshold`. */
export interface RocPoint {
  /** The threshold; `Infinity` (or `-Infinity`) for the first point, where nothing is positive. */
  threshold: number;
  /** True positive rate (sensitivity). */
  tpr: number;
  /** False positive rate (1 − specificity). */
  fpr: number;
}

/** Sensitivity and specificity of one threshold, with the counts behind them. */
export interface ThresholdPerformance {
  threshold: number;
  sensitivity: number;
  specificity: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

const counts = (cases: readonly ScoredCase[]) => {
  const positives = cases.filter((c) => c.truth).length;
  return { positives, negatives: cases.length - positives };
};

/** Is `score` at or past `threshold` in the product's direction? */
const calledPositive = (score: number, threshold: number, higherIsAbnormal: boolean) =>
  higherIsAbnormal ? score >= threshold : score <= threshold;

/**
 * The ROC curve: one point per distinct score, from the strictest threshold (nothing called
 * positive, (0, 0)) to the most lenient (everything positive, (1, 1)). Cases with equal scores
 * move together, so a tie between a positive and a negative is a diagonal step, which is what
 * makes the area count a tied pair as half. A rate whose class is empty is 0.
 */
export function rocPoints(cases: readonly ScoredCase[], higherIsAbnormal = true): RocPoint[] {
  const { positives, negatives } = counts(cases);
  const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const sorted = [...cases].sort((a, b) =>
    higherIsAbnormal ? b.score - a.score : a.score - b.score,
  );
  const points: RocPoint[] = [
    { threshold: higherIsAbnormal ? Infinity : -Infinity, tpr: 0, fpr: 0 },
  ];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length;) {
    const threshold = sorted[i]!.score;
    for (; i < sorted.length && sorted[i]!.score === threshold; i++) {
      if (sorted[i]!.truth) tp++;
      else fp++;
    }
    points.push({ threshold, tpr: rate(tp, positives), fpr: rate(fp, negatives) });
  }
  return points;
}

/** The area under an ROC curve by the trapezoid rule (points in `rocPoints` order). */
export function rocAuc(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  return area;
}

/** The AUC of scored cases: `rocAuc(rocPoints(cases))`; null without both classes. */
export function aucOf(cases: readonly ScoredCase[], higherIsAbnormal = true): number | null {
  const { positives, negatives } = counts(cases);
  if (positives === 0 || negatives === 0) return null;
  return rocAuc(rocPoints(cases, higherIsAbnormal));
}

/** Sensitivity and specificity when cases at or past `threshold` are called positive. */
export function performanceAt(
  cases: readonly ScoredCase[],
  threshold: number,
  higherIsAbnormal = true,
): ThresholdPerformance {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const c of cases) {
    const positive = calledPositive(c.score, threshold, higherIsAbnormal);
    if (c.truth && positive) tp++;
    else if (c.truth) fn++;
    else if (positive) fp++;
    else tn++;
  }
  return {
    threshold,
    sensitivity: tp + fn === 0 ? 0 : tp / (tp + fn),
    specificity: tn + fp === 0 ? 0 : tn / (tn + fp),
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
  };
}

/**
 * The strictest threshold (so the most specific) whose sensitivity is at least `target`, 0.9 by
 * default (WHO's target product profile for TB triage); null without any positive case. Only
 * scores that occur are candidates: between two of them nothing changes.
 */
export function thresholdForSensitivity(
  cases: readonly ScoredCase[],
  target = 0.9,
  higherIsAbnormal = true,
): ThresholdPerformance | null {
  if (counts(cases).positives === 0) return null;
  const point = rocPoints(cases, higherIsAbnormal).find(
    (p) => Number.isFinite(p.threshold) && p.tpr >= target - 1e-12,
  );
  return point ? performanceAt(cases, point.threshold, higherIsAbnormal) : null;
}
