/**
 * ROC analysis over binned counts, as the CAD calibration aggregates keep them: `bins` equal
 * bins of a normalised 0–1 score (higher more abnormal), bin b holding [b/bins, (b+1)/bins) and
 * the last bin also holding 1. The figures are those of `roc.ts` over the raw scores, with the
 * loss from binning stated, never hidden:
 * - at a bin edge threshold (every ROC point here, and the 90 % sensitivity threshold) the
 *   counts are exact: a case is at or past an edge exactly when its bin is;
 * - the area counts a (abnormal, normal) pair that shares a bin as half, where the raw scores
 *   may order it either way: the area is within `aucBound` = ½ Σ P_b·N_b / (P·N) of the raw one;
 * - at a threshold inside a bin, that bin's cases are called by the bin's midpoint; the raw
 *   sensitivity (specificity) is within that bin's share of the abnormal (normal) cases.
 */

/** The studies of one bin, by their final read. */
export interface BinCount {
  /** 0 … bins − 1. */
  bin: number;
  /** Finally read abnormal. */
  positives: number;
  /** Finally read normal. */
  negatives: number;
}

/** One ROC point at a bin's lower edge: calling cases in that bin and above positive. */
export interface BinnedRocPoint {
  /** The bin whose lower edge is the threshold. */
  bin: number;
  /** The threshold on the normalised scale (`bin / bins`). */
  threshold: number;
  tpr: number;
  fpr: number;
  truePositives: number;
  falsePositives: number;
}

/** Sensitivity and specificity at a threshold, with the counts and the most binning may move them. */
export interface BinnedPerformance {
  /** The threshold on the normalised scale. */
  threshold: number;
  sensitivity: number;
  specificity: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** The raw sensitivity lies within this of `sensitivity` (0 at a bin edge). */
  sensitivityBound: number;
  /** The raw specificity lies within this of `specificity` (0 at a bin edge). */
  specificityBound: number;
}

/**
 * The bin of a normalised score. A hair of tolerance keeps a score that is written as an edge
 * (29 on 0–100 is 0.29, whose double times 100 is 28.999…) in the bin that edge opens, so a
 * score at a threshold on an edge is counted at or past it, as `performanceAt` counts it.
 */
export function scoreBin(normalised: number, bins = 100): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(normalised * bins + 1e-9)));
}

/**
 * The lowest bin called positive at `threshold` (normalised): the bin that opens at it when it
 * is an edge, else the bin it falls inside when that bin's midpoint is at or past it, else the
 * next. `bins` when nothing is. One rule for every figure, so a drill-down lists what was counted.
 */
export function calledFromBin(threshold: number, bins = 100): number {
  const x = threshold * bins;
  const edge = Math.round(x);
  if (Math.abs(x - edge) < 1e-9) return Math.min(bins, Math.max(0, edge));
  const inside = Math.floor(x);
  if (inside < 0) return 0;
  if (inside >= bins) return bins;
  return (inside + 0.5) / bins >= threshold ? inside : inside + 1;
}

const totals = (counts: readonly BinCount[]) => ({
  positives: counts.reduce((s, c) => s + c.positives, 0),
  negatives: counts.reduce((s, c) => s + c.negatives, 0),
});
const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);

/**
 * The ROC curve at every bin's lower edge, strictest first: (0, 0) above the top bin, then
 * each bin from the top down to bin 0, where everything is positive (1, 1). Empty bins add no
 * point; the curve is the raw curve sampled at those edges.
 */
export function binnedRocPoints(counts: readonly BinCount[], bins = 100): BinnedRocPoint[] {
  const { positives, negatives } = totals(counts);
  const byBin = new Map<number, BinCount>();
  for (const c of counts) {
    const prior = byBin.get(c.bin);
    byBin.set(c.bin, {
      bin: c.bin,
      positives: (prior?.positives ?? 0) + c.positives,
      negatives: (prior?.negatives ?? 0) + c.negatives,
    });
  }
  const points: BinnedRocPoint[] = [
    { bin: bins, threshold: 1, tpr: 0, fpr: 0, truePositives: 0, falsePositives: 0 },
  ];
  let tp = 0;
  let fp = 0;
  for (const c of [...byBin.values()].sort((a, b) => b.bin - a.bin)) {
    if (c.positives === 0 && c.negatives === 0) continue;
    tp += c.positives;
    fp += c.negatives;
    points.push({
      bin: c.bin,
      threshold: c.bin / bins,
      tpr: rate(tp, positives),
      fpr: rate(fp, negatives),
      truePositives: tp,
      falsePositives: fp,
    });
  }
  return points;
}

/**
 * The area under the binned curve (trapezoids, so a pair sharing a bin counts half) and the
 * most it can differ from the raw scores' area; null without both classes.
 */
export function binnedAuc(
  counts: readonly BinCount[],
  bins = 100,
): { auc: number; bound: number } | null {
  const { positives, negatives } = totals(counts);
  if (positives === 0 || negatives === 0) return null;
  const points = binnedRocPoints(counts, bins);
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  const shared = merged(counts).reduce((s, c) => s + c.positives * c.negatives, 0);
  return { auc: area, bound: shared / (2 * positives * negatives) };
}

function merged(counts: readonly BinCount[]): BinCount[] {
  const byBin = new Map<number, BinCount>();
  for (const c of counts) {
    const prior = byBin.get(c.bin) ?? { bin: c.bin, positives: 0, negatives: 0 };
    byBin.set(c.bin, {
      bin: c.bin,
      positives: prior.positives + c.positives,
      negatives: prior.negatives + c.negatives,
    });
  }
  return [...byBin.values()];
}

/**
 * Sensitivity and specificity when cases at or past `threshold` (normalised) are called positive.
 * Bins wholly at or past it are positive; the one bin it falls inside is called by its midpoint,
 * and its share of each class is the bound.
 */
export function binnedPerformanceAt(
  counts: readonly BinCount[],
  threshold: number,
  bins = 100,
): BinnedPerformance {
  const { positives, negatives } = totals(counts);
  let tp = 0;
  let fp = 0;
  let straddleP = 0;
  let straddleN = 0;
  const from = calledFromBin(threshold, bins);
  for (const c of merged(counts)) {
    const x = threshold * bins;
    if (c.bin < x && x < c.bin + 1 && Math.abs(x - Math.round(x)) >= 1e-9) {
      straddleP = c.positives;
      straddleN = c.negatives;
    }
    if (c.bin >= from) {
      tp += c.positives;
      fp += c.negatives;
    }
  }
  return {
    threshold,
    sensitivity: rate(tp, positives),
    specificity: rate(negatives - fp, negatives),
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: negatives - fp,
    falseNegatives: positives - tp,
    sensitivityBound: rate(straddleP, positives),
    specificityBound: rate(straddleN, negatives),
  };
}

/**
 * The strictest bin edge whose sensitivity is at least `target` (0.9: WHO's target product
 * profile), exact at that edge; null without an abnormal case. A raw threshold inside the bin
 * below the edge may be a little stricter: at most one bin width, and the specificity found here
 * is at most that bin's share of normal cases below the raw one's.
 */
export function binnedThresholdForSensitivity(
  counts: readonly BinCount[],
  target = 0.9,
  bins = 100,
): BinnedPerformance | null {
  if (totals(counts).positives === 0) return null;
  const point = binnedRocPoints(counts, bins).find((p) => p.tpr >= target - 1e-12);
  return point ? binnedPerformanceAt(counts, point.threshold, bins) : null;
}
