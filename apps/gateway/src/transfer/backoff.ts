/**
 * Exponential backoff with full jitter (the "Full Jitter" of AWS's architecture blog, "Exponential
 * Backoff And Jitter", 2015): after the n-th failure wait a uniform random time in
 * [0, min(cap, base × 2^(n-1))]. Spreading the retries of many gateways over the whole interval
 * keeps them from hammering a centre that comes back in step.
 */

/** The delay (ms) before the next try after `attempt` failures (attempt ≥ 1). */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity for large n; min() keeps the ceiling at the cap.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(n - 1, 60));
  return Math.floor(random() * ceiling);
}
