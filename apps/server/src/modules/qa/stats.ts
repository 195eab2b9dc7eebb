/**
 * The statistics quality assurance reports rest on: agreement between readers (Cohen's kappa),
 * turnaround percentiles, funnel-plot control limits for comparing readers and clinics, and the
 * Erlang C queue for staffing. Pure functions with no I/O, so the KPI pages, the report cards and
 * the capacity planner share one tested implementation.
 */

/** Cohen's kappa of a square agreement table, with the observed and chance agreement it came from. */
export interface Kappa {
  /** Observed agreement: the share of cases on the diagonal. */
  observed: number;
  /** Agreement expected by chance from the two readers' marginal totals. */
  expected: number;
  /** (observed − expected) / (1 − expected); null when expected is 1 (one category used by both). */
  kappa: number | null;
  /** Number of cases. */
  n: number;
}

/**
 * Cohen's kappa (Cohen 1960) of `table`, where `table[i][j]` counts cases the first reader put in
 * category i and the second in category j. Unweighted: every disagreement counts the same.
 */
export function cohensKappa(table: readonly (readonly number[])[]): Kappa {
  const k = table.length;
  if (k === 0 || table.some((row) => row.length !== k))
    throw new RangeError('kappa needs a square agreement table');
  let n = 0;
  let diagonal = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      if (!(count >= 0)) throw new RangeError('counts must be non-negative');
      n += count;
      rows[i]! += count;
      cols[j]! += count;
      if (i === j) diagonal += count;
    }),
  );
  if (n === 0) return { observed: 0, expected: 0, kappa: null, n: 0 };
  const observed = diagonal / n;
  const expected = rows.reduce((sum, r, i) => sum + (r / n) * (cols[i]! / n), 0);
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { observed, expected, kappa, n };
}

/**
 * The `p`-th percentile (0 ≤ p ≤ 100) of `values` by linear interpolation between closest ranks,
 * Hyndman and Fan's definition 7: the rank is h = (n − 1)·p/100 + 1 and the result interpolates
 * between the values at ⌊h⌋ and ⌈h⌉. It is R's default `quantile` type, Excel's PERCENTILE.INC
 * and NumPy's default, so a figure on the dashboard can be checked in any of them. Null when
 * there are no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError('percentile must lie in [0, 100]');
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The nearest-rank percentile: the smallest value such that at least p % of the values are at or
 * below it (rank ⌈p/100 · n⌉, at least 1). Always one of the observed values.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError('nearest-rank percentile needs p in (0, 100]');
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

/** The two-sided normal quantiles of the usual funnel-plot limits (Spiegelhalter 2005). */
export const FUNNEL_Z = { p95: 1.959964, p998: 3.090232 } as const;

/** Lower and upper control limits of a proportion at one volume. */
export interface FunnelLimits {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * Funnel-plot control limits for a proportion (an abnormal rate, a discrepancy rate) around the
 * target `p0` at volume `n`, by the normal approximation to the binomial of Spiegelhalter,
 * "Funnel plots for comparing institutional performance", Stat Med 2005;24:1185–1202:
 * p0 ± z·√(p0(1 − p0)/n), clipped to [0, 1]. A unit outside the 99.8 % limits is an outlier to
 * look at; outside the 95 % limits, one to watch.
 */
export function funnelLimits(p0: number, n: number): FunnelLimits {
  if (!(p0 >= 0 && p0 <= 1)) throw new RangeError('the target proportion must lie in [0, 1]');
  if (!(n > 0)) throw new RangeError('the volume must be positive');
  const sd = Math.sqrt((p0 * (1 - p0)) / n);
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  return {
    n,
    lower95: clip(p0 - FUNNEL_Z.p95 * sd),
    upper95: clip(p0 + FUNNEL_Z.p95 * sd),
    lower998: clip(p0 - FUNNEL_Z.p998 * sd),
    upper998: clip(p0 + FUNNEL_Z.p998 * sd),
  };
}

/** Where a unit's observed proportion falls against its funnel limits. */
export type FunnelZone = 'within' | 'above95' | 'below95' | 'above998' | 'below998';

/** Classifies `observed` against `limits`: the 99.8 % band first, then the 95 % band. */
export function funnelZone(observed: number, limits: FunnelLimits): FunnelZone {
  if (observed > limits.upper998) return 'above998';
  if (observed < limits.lower998) return 'below998';
  if (observed > limits.upper95) return 'above95';
  if (observed < limits.lower95) return 'below95';
  return 'within';
}

/**
 * Erlang C: the probability that an arrival waits, with `agents` servers and offered traffic
 * `traffic` Erlangs (arrival rate × mean service time). Computed through the Erlang B recursion
 * B(0) = 1, B(k) = A·B(k−1)/(k + A·B(k−1)), then C = N·B/(N − A·(1 − B)), which stays accurate
 * for hundreds of servers where the factorial form overflows. 1 when the queue is unstable
 * (agents ≤ traffic).
 */
export function erlangC(agents: number, traffic: number): number {
  if (!Number.isInteger(agents) || agents < 1)
    throw new RangeError('agents must be a positive integer');
  if (!(traffic >= 0)) throw new RangeError('traffic must be non-negative');
  if (agents <= traffic) return 1;
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return (agents * b) / (agents - traffic * (1 - b));
}

/**
 * Service level of an M/M/N queue: the share of arrivals that wait no longer than `targetTime`,
 * 1 − C(N, A)·e^(−(N − A)·t/s), with `serviceTime` the mean handling time s in the same unit as
 * `targetTime`.
 */
export function erlangServiceLevel(
  agents: number,
  traffic: number,
  targetTime: number,
  serviceTime: number,
): number {
  if (agents <= traffic) return 0;
  const wait = erlangC(agents, traffic);
  return 1 - wait * Math.exp((-(agents - traffic) * targetTime) / serviceTime);
}

/** Mean wait in queue of an M/M/N queue (same unit as `serviceTime`): C·s/(N − A). */
export function erlangMeanWait(agents: number, traffic: number, serviceTime: number): number {
  if (agents <= traffic) return Infinity;
  return (erlangC(agents, traffic) * serviceTime) / (agents - traffic);
}

/** The fewest agents whose service level reaches `target` (0–1). */
export function agentsForServiceLevel(
  traffic: number,
  targetTime: number,
  serviceTime: number,
  target: number,
): number {
  let agents = Math.max(1, Math.floor(traffic) + 1);
  while (erlangServiceLevel(agents, traffic, targetTime, serviceTime) < target) agents++;
  return agents;
}

/**
 * Share of arrivals of an M/M/N queue whose whole turnaround (wait in queue plus the read itself)
 * ends within `targetTime`: the sojourn-time distribution of Gross and Harris, "Fundamentals of
 * Queueing Theory", §2.3. With μ = 1/s and θ = (N − A)·μ, an arrival that waits does so for an
 * Exp(θ) time, so P(T > t) = (1 − C)·e^(−μt) + C·(θ·e^(−μt) − μ·e^(−θt))/(θ − μ), and
 * C·(1 + μt)·e^(−μt) in the limit θ = μ. With one server it is M/M/1's e^(−(μ − λ)t). An SLA on
 * turnaround ("95 % reported within 60 minutes") is this, not `erlangServiceLevel`, which
 * counts only the wait before a reader starts.
 */
export function erlangResponseLevel(
  agents: number,
  traffic: number,
  targetTime: number,
  serviceTime: number,
): number {
  if (!(serviceTime > 0)) throw new RangeError('the service time must be positive');
  if (agents <= traffic) return 0;
  const c = erlangC(agents, traffic);
  const mu = 1 / serviceTime;
  const theta = (agents - traffic) * mu;
  const served = Math.exp(-mu * targetTime);
  const queued =
    Math.abs(theta - mu) < 1e-9 * mu
      ? (1 + mu * targetTime) * served
      : (theta * served - mu * Math.exp(-theta * targetTime)) / (theta - mu);
  return 1 - ((1 - c) * served + c * queued);
}

/**
 * The fewest agents whose turnaround level (`erlangResponseLevel`) reaches `target`, or null when
 * no number can: even with no wait at all, only 1 − e^(−t/s) of reads end within t.
 */
export function agentsForResponseLevel(
  traffic: number,
  targetTime: number,
  serviceTime: number,
  target: number,
): number | null {
  if (1 - Math.exp(-targetTime / serviceTime) <= target) return null;
  if (traffic === 0) return 0;
  let agents = Math.max(1, Math.floor(traffic) + 1);
  while (erlangResponseLevel(agents, traffic, targetTime, serviceTime) < target) agents++;
  return agents;
}
