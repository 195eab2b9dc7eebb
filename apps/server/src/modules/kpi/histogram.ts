/** Reads at one whole minute of turnaround: their turnaround lies in (minute − 1, minute]. */
export interface MinuteCount {
  minute: number;
  n: number;
}

/**
 * The value of 0-based rank `r` in a histogram of whole minutes sorted by minute: the `c` reads
 * of minute m are taken as spread evenly over (m − 1, m], the j-th at m − 1 + (j + ½)/c. Minute 0
 * holds reads of exactly 0.
 */
function valueAt(bins: readonly MinuteCount[], r: number): number {
  let before = 0;
  for (const b of bins) {
    if (r < before + b.n) return b.minute === 0 ? 0 : b.minute - 1 + (r - before + 0.5) / b.n;
    before += b.n;
  }
  const last = bins[bins.length - 1]!;
  return last.minute;
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) of the reads a minute histogram counts, by the same rank
 * rule as `percentile` in qa/stats (Hyndman–Fan type 7) over the values `valueAt` places within
 * each minute: never more than one minute from the exact figure. Null when it counts nothing.
 */
export function histogramPercentile(bins: readonly MinuteCount[], p: number): number | null {
  const total = bins.reduce((n, b) => n + b.n, 0);
  if (total === 0) return null;
  const h = ((total - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = valueAt(bins, lo);
  return Math.round((a + (h - lo) * (valueAt(bins, hi) - a)) * 100) / 100;
}

/** The share of reads within `target` whole minutes: exact, as minute m holds (m − 1, m]. */
export function withinTarget(bins: readonly MinuteCount[], target: number): number | null {
  const total = bins.reduce((n, b) => n + b.n, 0);
  if (total === 0) return null;
  return bins.filter((b) => b.minute <= target).reduce((n, b) => n + b.n, 0) / total;
}

/** How many reads fall in (from, to] minutes (from 0 inclusive; `to` null: no upper bound). */
export function countBetween(
  bins: readonly MinuteCount[],
  from: number,
  to: number | null,
): number {
  return bins
    .filter(
      (b) => (from === 0 ? b.minute >= 0 : b.minute > from) && (to === null || b.minute <= to),
    )
    .reduce((n, b) => n + b.n, 0);
}
