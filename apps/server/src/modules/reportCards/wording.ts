import type { FunnelPosition, RateAgainstPeers } from '@telerad/contracts';

/** A share as a percentage with one decimal, or a dash. */
export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

/** Minutes with one decimal, or a dash. */
export const minutes = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} min`);

/** What a funnel position means to the reviewer. */
export const POSITION_WORDS: Record<FunnelPosition, string> = {
  within: 'within the expected range of all readers',
  above95: 'above the 95 % limit: worth watching',
  below95: 'below the 95 % limit: worth watching',
  above998: 'above the 99.8 % limit: look at it',
  below998: 'below the 99.8 % limit: look at it',
};

/** "12.5 % (5 of 40); all readers 10.0 % — within the expected range…". */
export function againstPeers(r: RateAgainstPeers): string {
  if (r.rate === null) return 'no reads in the period';
  const where = r.position ? ` — ${POSITION_WORDS[r.position]}` : '';
  return `${pct(r.rate)} (${r.count} of ${r.n}); all readers ${pct(r.pooledRate)}${where}`;
}
