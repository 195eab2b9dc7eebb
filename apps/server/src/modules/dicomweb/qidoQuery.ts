import { appError } from '../../platform/errors';
import { keyMatch, matchingKey, type KeyMatch, type QueryLevel } from '../archive';
import { attributeRef } from './dicomJson';

/**
 * The query string of a QIDO-RS request (PS3.18 §8.3.4): matching keys, return keys and paging.
 * Which keys can be matched, at which level and how, is the archive's key table (QUERY_KEYS),
 * the same one C-FIND reads: a search at a level matches its own keys and those of the levels
 * above it (PS3.18 §10.6.1.2). A key the table does not have at that level is returned but not
 * matched on, and named in a Warning (PS3.18 §8.3.4.1).
 */

/** The parsed query of one QIDO-RS request. */
export interface QidoQuery {
  /** The archive's matchers of this level and the levels above it. */
  match: KeyMatch;
  /** Tags to return beyond each level's defaults: the matching keys and includefield. */
  include: Set<string> | 'all';
  limit: number;
  /** Whether the client set the limit (then no "more results" warning). */
  limited: boolean;
  offset: number;
  /** Warning texts (PS3.18 §8.3.4.2) for what was ignored or cut off. */
  warnings: string[];
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const CONTROL = new Set(['limit', 'offset', 'fuzzymatching', 'includefield', 'accept', 'clinic']);

const values = (v: unknown): string[] =>
  [v]
    .flat()
    .filter((x): x is string => typeof x === 'string')
    .flatMap((x) => x.split(','));

function intParam(name: string, v: unknown, min: number): number | undefined {
  const s = values(v)[0];
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!/^\d+$/.test(s) || n < min)
    throw appError('VALIDATION_FAILED', [{ path: name, message: `must be an integer ≥ ${min}` }]);
  return n;
}

/** Parses a QIDO-RS query string for a search at `level`. */
export function parseQidoQuery(level: QueryLevel, query: Record<string, unknown>): QidoQuery {
  const matching = new Map<string, string>();
  let include: Set<string> | 'all' = new Set();
  const unknown: string[] = [];
  const unsupported: string[] = [];
  for (const f of values(query.includefield)) {
    if (f === 'all') include = 'all';
    else {
      const ref = attributeRef(f);
      if (!ref) unknown.push(f);
      else if (include !== 'all') include.add(ref.tag);
    }
  }
  for (const [key, raw] of Object.entries(query)) {
    if (CONTROL.has(key) || key === '_') continue;
    const ref = attributeRef(key);
    if (!ref) {
      unknown.push(key);
      continue;
    }
    const value = [raw].flat().find((x): x is string => typeof x === 'string') ?? '';
    if (include !== 'all') include.add(ref.tag);
    if (value === '' || value === '*') continue; // universal matching: return, do not filter
    if (matchingKey(ref.tag, level)) matching.set(ref.tag, value);
    else unsupported.push(key);
  }
  if (unknown.length)
    throw appError(
      'VALIDATION_FAILED',
      unknown.map((k) => ({ path: k, message: 'is not a DICOM attribute keyword or tag' })),
    );
  const requested = intParam('limit', query.limit, 1);
  const warnings = unsupported.length
    ? [
        `The following query keys are not supported for matching and were ignored: ${unsupported.join(', ')}`,
      ]
    : [];
  if (requested !== undefined && requested > MAX_LIMIT)
    warnings.push(`The limit was reduced to ${MAX_LIMIT}.`);
  const match = keyMatch(matching, level);
  if (values(query.fuzzymatching)[0] === 'true') match.study.fuzzyNames = true;
  return {
    match,
    include,
    limit: Math.min(requested ?? DEFAULT_LIMIT, MAX_LIMIT),
    limited: requested !== undefined,
    offset: intParam('offset', query.offset, 0) ?? 0,
    warnings,
  };
}
