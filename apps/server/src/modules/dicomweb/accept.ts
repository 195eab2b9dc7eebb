import { appError } from '../../platform/errors';
import { parseMediaType, splitOutsideQuotes, type MediaType } from './multipart';

/**
 * Content negotiation for DICOMweb (PS3.18 §8.7): which representation of a resource to send,
 * chosen from the Accept header (or the `accept` query parameter, PS3.18 §8.3.3.1).
 */

/** One media range of an Accept header with its quality. */
export interface AcceptRange extends MediaType {
  q: number;
}

/** Parses Accept; an absent or empty header accepts anything. Ranges come best first. */
export function parseAccept(header: string | string[] | undefined): AcceptRange[] {
  const value = [header ?? []].flat().join(',').trim();
  if (!value) return [{ type: '*/*', params: {}, q: 1 }];
  return splitOutsideQuotes(value, ',')
    .filter((s) => s.trim())
    .map((s) => {
      const m = parseMediaType(s);
      const q = m.params.q === undefined ? 1 : Number(m.params.q);
      return { ...m, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
}

/** True when `range` (e.g. `image/*`) covers the concrete `type` (e.g. `image/jpeg`). */
export function covers(range: string, type: string): boolean {
  if (range === '*/*' || range === '*') return true;
  if (range.endsWith('/*')) return type.startsWith(range.slice(0, -1));
  return range === type;
}

/**
 * What a multipart/related range allows: the part media type it names (`type` parameter) and
 * the transfer syntax (`transfer-syntax` parameter, `*` for "as stored").
 */
export interface PartChoice {
  partType: string | undefined;
  transferSyntax: string | undefined;
}

/**
 * The multipart/related ranges of Accept that could carry parts of `partTypes` (PS3.18
 * §8.7.3.5: `multipart/related; type="application/dicom"; transfer-syntax=*`); `*\/*` counts as
 * one with no parameters. Throws NOT_ACCEPTABLE when none can.
 */
export function multipartChoices(ranges: AcceptRange[], partTypes: string[]): PartChoice[] {
  const out: PartChoice[] = [];
  for (const r of ranges) {
    if (r.type !== 'multipart/related' && r.type !== 'multipart/*' && r.type !== '*/*') continue;
    const partType = r.params.type?.toLowerCase();
    if (partType && !partTypes.some((t) => covers(partType, t))) continue;
    out.push({ partType, transferSyntax: r.params['transfer-syntax'] });
  }
  if (!out.length)
    throw appError(
      'NOT_ACCEPTABLE',
      { offered: partTypes.map((t) => `multipart/related; type="${t}"`) },
      `This resource is available as multipart/related with parts of type ${partTypes.join(' or ')}.`,
    );
  return out;
}

/** The first of `offered` single-part types that Accept allows, or NOT_ACCEPTABLE. */
export function chooseSingle(ranges: AcceptRange[], offered: string[]): string {
  for (const r of ranges) {
    const hit = offered.find((t) => covers(r.type, t));
    if (hit) return hit;
  }
  throw appError(
    'NOT_ACCEPTABLE',
    { offered },
    `This resource is available as ${offered.join(' or ')}.`,
  );
}

/** The Accept ranges of a request: the `accept` query parameter wins over the header. */
export function acceptOf(
  header: string | string[] | undefined,
  query: Record<string, unknown>,
): AcceptRange[] {
  const q = query.accept;
  return parseAccept(typeof q === 'string' && q ? q : header);
}
