import { appError } from '../../platform/errors';
import type { DateRange, InstanceMatch, SeriesMatch, StudyMatch } from './query';

/**
 * The matching keys the archive supports, as data: one row a key, shared by C-FIND (PS3.4
 * §C.4.1, `modules/dimse/cfind.ts`) and QIDO-RS (PS3.18 §10.6, `modules/dicomweb/qido.ts`), so
 * the two doors cannot match differently, and read by the conformance statement.
 *
 * A key belongs to one level of the Study Root information model (PS3.4 §C.6.2; the patient
 * attributes are study-level there). A query at a level matches the keys of that level and of
 * every level above it (PS3.18 §10.6.1.2: `/series` takes study keys, `/instances` study and
 * series keys; PS3.4 §C.4.1.1.3). Anything else is not matched on.
 */

/** The query levels, highest first. */
export const QUERY_LEVELS = ['study', 'series', 'instance'] as const;

/** A query level of the Study Root model. */
export type QueryLevel = (typeof QUERY_LEVELS)[number];

/**
 * How a key's value is matched (PS3.4 §C.2.2.2):
 * - `uid`: single value, exact.
 * - `uidList`: a list of UIDs (`\` or `,` between them), any of them.
 * - `text`: single value, exact, or with the wildcards `*` and `?`.
 * - `personName`: as `text`, case-insensitive on the name's components; fuzzy when asked.
 * - `date`: a date `YYYYMMDD` or a range `A-B`, `A-` or `-B`, inclusive.
 * - `integer`: single value, an integer.
 * - `codeList`: a list of code strings (`\` or `,` between them), any of them.
 */
export type MatchKind = 'uid' | 'uidList' | 'text' | 'personName' | 'date' | 'integer' | 'codeList';

interface KeyOf<L extends QueryLevel, M> {
  /** Tag, 8 upper-case hex digits. */
  tag: string;
  /** The attribute's keyword (PS3.6). */
  keyword: string;
  level: L;
  matching: MatchKind;
  /** The field of the archive's query model that carries it. */
  field: keyof M;
}

/** One matching key. */
export type QueryKey =
  KeyOf<'study', StudyMatch> | KeyOf<'series', SeriesMatch> | KeyOf<'instance', InstanceMatch>;

/** A key of one level, in the order of QUERY_KEYS' columns. */
const study = (tag: string, keyword: string, matching: MatchKind, field: keyof StudyMatch) =>
  ({ tag, keyword, level: 'study', matching, field }) as const;
const series = (tag: string, keyword: string, matching: MatchKind, field: keyof SeriesMatch) =>
  ({ tag, keyword, level: 'series', matching, field }) as const;
const instance = (tag: string, keyword: string, matching: MatchKind, field: keyof InstanceMatch) =>
  ({ tag, keyword, level: 'instance', matching, field }) as const;

/** Every key the archive matches on, by level. */
export const QUERY_KEYS: readonly QueryKey[] = [
  study('0020000D', 'StudyInstanceUID', 'uidList', 'studyUids'),
  study('00100010', 'PatientName', 'personName', 'patientName'),
  study('00100020', 'PatientID', 'text', 'patientId'),
  study('00100030', 'PatientBirthDate', 'date', 'patientBirthDate'),
  study('00100040', 'PatientSex', 'text', 'patientSex'),
  study('00080020', 'StudyDate', 'date', 'studyDate'),
  study('00080050', 'AccessionNumber', 'text', 'accessionNumber'),
  study('00080061', 'ModalitiesInStudy', 'codeList', 'modalities'),
  study('00080090', 'ReferringPhysicianName', 'text', 'referringPhysician'),
  study('00081030', 'StudyDescription', 'text', 'studyDescription'),
  study('00200010', 'StudyID', 'text', 'studyId'),
  series('0020000E', 'SeriesInstanceUID', 'uidList', 'seriesUids'),
  series('00080060', 'Modality', 'text', 'modality'),
  series('00200011', 'SeriesNumber', 'integer', 'seriesNumber'),
  series('0008103E', 'SeriesDescription', 'text', 'seriesDescription'),
  series('00180015', 'BodyPartExamined', 'text', 'bodyPart'),
  instance('00080018', 'SOPInstanceUID', 'uidList', 'sopUids'),
  instance('00080016', 'SOPClassUID', 'uid', 'sopClassUid'),
  instance('00200013', 'InstanceNumber', 'integer', 'instanceNumber'),
];

const BY_TAG = new Map(QUERY_KEYS.map((k) => [k.tag, k]));

/** The levels whose keys a query at `level` matches: `level` and every level above it. */
export function levelsFor(level: QueryLevel): QueryLevel[] {
  return QUERY_LEVELS.slice(0, QUERY_LEVELS.indexOf(level) + 1);
}

/** The key of `tag` when a query at `level` matches on it, else undefined. */
export function matchingKey(tag: string, level: QueryLevel): QueryKey | undefined {
  const key = BY_TAG.get(tag.toUpperCase());
  return key && levelsFor(level).includes(key.level) ? key : undefined;
}

/** The archive's matchers of each level, as a query at some level asks for them. */
export interface KeyMatch {
  study: StudyMatch;
  series: SeriesMatch;
  instance: InstanceMatch;
}

/**
 * A DA matching value (PS3.4 §C.2.2.2.5): `YYYYMMDD` (also the old `YYYY.MM.DD`), or a range
 * `A-B`, `A-` or `-B`, inclusive. Returns null when it is not a date or a range.
 */
export function parseDateRange(value: string): DateRange | null {
  const iso = (da: string): string | undefined => {
    const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(da.trim());
    return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  };
  const [a = '', b, ...rest] = value.split('-');
  if (rest.length) return null;
  if (b === undefined) {
    const d = iso(a);
    return d ? { from: d, to: d } : null;
  }
  const from = a.trim() ? iso(a) : undefined;
  const to = b.trim() ? iso(b) : undefined;
  if ((a.trim() && !from) || (b.trim() && !to) || (!from && !to)) return null;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const invalid = (key: QueryKey, message: string) =>
  appError('VALIDATION_FAILED', [{ path: key.keyword, message }]);

/** One key's value in the query model's type; throws VALIDATION_FAILED when it cannot be. */
function convert(key: QueryKey, value: string): unknown {
  const list = () =>
    value
      .split(/[\\,]/)
      .map((u) => u.replace(/\0/g, '').trim())
      .filter(Boolean);
  switch (key.matching) {
    case 'uid':
      return value.replace(/\0/g, '').trim();
    case 'uidList':
    case 'codeList':
      return list();
    case 'text':
    case 'personName':
      return value;
    case 'date': {
      const range = parseDateRange(value);
      if (!range) throw invalid(key, 'must be a date YYYYMMDD or a range of them (A-B, A-, -B)');
      return range;
    }
    case 'integer': {
      if (!/^\s*-?\d+\s*$/.test(value)) throw invalid(key, 'must be an integer');
      return Number(value);
    }
  }
}

/**
 * The archive's matchers for the key values of one query (tag → value as sent), keeping the
 * keys of `level` and the levels above it. Universal matching (empty or `*`) adds no matcher.
 * Keys the archive does not match on are the caller's to report; they are left out here.
 */
export function keyMatch(values: ReadonlyMap<string, string>, level: QueryLevel): KeyMatch {
  const out: KeyMatch = { study: {}, series: {}, instance: {} };
  for (const [tag, raw] of values) {
    const key = matchingKey(tag, level);
    const value = raw.trim();
    if (!key || value === '' || value === '*') continue;
    (out[key.level] as Record<string, unknown>)[key.field] = convert(key, value);
  }
  return out;
}
