import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import {
  getStudy,
  searchInstances,
  searchSeries,
  searchStudies,
  type DateRange,
  type InstanceQuery,
  type SeriesQuery,
  type StudyQuery,
} from '../archive';
import {
  attributeRef,
  da,
  el,
  pick,
  pn,
  sorted,
  withBulkDataUris,
  type DicomJson,
} from './dicomJson';

/**
 * QIDO-RS (PS3.18 §10.6): query parameters become the archive's query model (PS3.4 §C.2.2.2
 * matching: single value, wildcards, UID lists, date ranges, fuzzy person names), and the rows
 * become DICOM JSON. Everything comes from the index and its cached attributes; no file is read.
 */

/** The three query levels. */
export type QidoLevel = 'study' | 'series' | 'instance';

/** One QIDO-RS request after routing. */
export interface QidoRequest {
  level: QidoLevel;
  studyUid?: string;
  seriesUid?: string;
  query: Record<string, unknown>;
  /** Absolute URL of the DICOMweb root, e.g. `https://host/dicomweb`. */
  baseUrl: string;
}

/** The matches, and Warning texts (PS3.18 §8.3.4.2) for what was ignored or cut off. */
export interface QidoResult {
  matches: DicomJson[];
  warnings: string[];
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const CONTROL = new Set(['limit', 'offset', 'fuzzymatching', 'includefield', 'accept', 'clinic']);

/** Default return attributes per level (PS3.18 Tables 10.6.3-3, -4, -5). */
const STUDY_TAGS = ['00080005', '00080020', '00080030', '00080050', '00080056', '00080061'];
const STUDY_TAGS_2 = ['00080090', '00080201', '00081030', '00081190', '00100010', '00100020'];
const STUDY_TAGS_3 = ['00100030', '00100040', '0020000D', '00200010', '00201206', '00201208'];
const STUDY = [...STUDY_TAGS, ...STUDY_TAGS_2, ...STUDY_TAGS_3];
const SERIES = ['00080005', '00080060', '00080021', '00080031', '0008103E', '00081190'];
const SERIES_2 = ['0020000D', '0020000E', '00200011', '00201209', '00400244', '00400245'];
const SERIES_ALL = [...SERIES, ...SERIES_2, '00400275'];
const INSTANCE = ['00080016', '00080018', '00080056', '00081190', '00200013', '00280008'];
const INSTANCE_ALL = [...INSTANCE, '00280010', '00280011', '00280100'];

/** Matching keys per level, by tag, that the archive's query model supports. */
const MATCH: Record<QidoLevel, Set<string>> = {
  study: new Set(['0020000D', '00100020', '00100010', '00100030', '00100040', '00080050']),
  series: new Set(['0020000D', '0020000E', '00080060', '00200011', '0008103E', '00180015']),
  instance: new Set(['0020000D', '0020000E', '00080018', '00080016', '00200013']),
};
for (const t of ['00200010', '00081030', '00080090', '00080020', '00080061']) MATCH.study.add(t);

interface Parsed {
  match: Map<string, string>;
  include: Set<string> | 'all';
  limit: number;
  limited: boolean;
  offset: number;
  fuzzy: boolean;
  warnings: string[];
}

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

/** Splits the query string into matching keys, return keys and paging (PS3.18 §8.3.4). */
function parseQuery(level: QidoLevel, query: Record<string, unknown>): Parsed {
  const match = new Map<string, string>();
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
    if (MATCH[level].has(ref.tag)) match.set(ref.tag, value);
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
  const fuzzy = values(query.fuzzymatching)[0] === 'true';
  return {
    match,
    include,
    limit: Math.min(requested ?? DEFAULT_LIMIT, MAX_LIMIT),
    limited: requested !== undefined,
    offset: intParam('offset', query.offset, 0) ?? 0,
    fuzzy,
    warnings,
  };
}

/** A DA matcher: `YYYYMMDD`, or a range `A-B`, `A-` or `-B` (PS3.4 §C.2.2.2.5). */
export function dateRange(value: string, key: string): DateRange {
  const m = /^(\d{8})?(-)?(\d{8})?$/.exec(value.trim());
  if (!m || (!m[1] && !m[3]))
    throw appError('VALIDATION_FAILED', [{ path: key, message: 'must be YYYYMMDD or a range' }]);
  const iso = (d: string | undefined) =>
    d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : undefined;
  const from = iso(m[1]);
  const to = m[2] ? iso(m[3]) : from;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const uidList = (v: string) => v.split(/[\\,]/).filter(Boolean);

function studyQuery(p: Parsed): StudyQuery {
  const g = (t: string) => p.match.get(t);
  const date = (t: string) => (g(t) ? dateRange(g(t)!, t) : undefined);
  const num = (t: string) => (g(t) ? uidList(g(t)!) : undefined);
  return {
    studyUids: num('0020000D'),
    patientId: g('00100020'),
    patientName: g('00100010'),
    fuzzyNames: p.fuzzy,
    patientBirthDate: date('00100030'),
    patientSex: g('00100040'),
    accessionNumber: g('00080050'),
    studyId: g('00200010'),
    studyDescription: g('00081030'),
    referringPhysician: g('00080090'),
    studyDate: date('00080020'),
    modalities: num('00080061'),
    limit: p.limit + 1,
    offset: p.offset,
  };
}

function intMatch(p: Parsed, tag: string): number | undefined {
  const v = p.match.get(tag);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v))
    throw appError('VALIDATION_FAILED', [{ path: tag, message: 'must be an integer' }]);
  return Number(v);
}

type StudyRow = Awaited<ReturnType<typeof searchStudies>>[number];
type SeriesRow = Awaited<ReturnType<typeof searchSeries>>[number];
type InstanceRow = Awaited<ReturnType<typeof searchInstances>>[number];

/** A study from its index row and cached attributes; cached values keep every PN group. */
export function studyJson(r: StudyRow, include: Set<string> | 'all', base: string): DicomJson {
  const a = r.attributes as DicomJson;
  const fromIndex: DicomJson = {
    '00080020': da(r.study_date),
    '00080030': el('TM', r.study_time),
    '00080050': el('SH', r.accession_number),
    '00080090': pn(r.referring_physician),
    '00081030': el('LO', r.study_description),
    '00100010': pn(r.patient_name),
    '00100020': el('LO', r.patient_id),
    '00100030': da(r.patient_birth_date),
    '00100040': el('CS', r.patient_sex),
    '00200010': el('SH', r.study_id),
  };
  const computed: DicomJson = {
    '00080056': el('CS', 'ONLINE'),
    '00080061': el('CS', ...r.modalities),
    '00081190': el('UR', `${base}/studies/${r.study_uid}`),
    '0020000D': el('UI', r.study_uid),
    '00201206': el('IS', r.num_series),
    '00201208': el('IS', r.num_instances),
  };
  const out: DicomJson = { ...pick(fromIndex, STUDY), ...pick(a, STUDY), ...computed };
  Object.assign(out, include === 'all' ? a : pick(a, include));
  return sorted(out);
}

function seriesJson(r: SeriesRow, include: Set<string> | 'all', base: string): DicomJson {
  const a = r.attributes as DicomJson;
  const out: DicomJson = {
    '00080060': el('CS', r.modality),
    '0008103E': el('LO', r.series_description),
    '00200011': el('IS', r.series_number),
    ...pick(a, SERIES_ALL),
    '00081190': el('UR', `${base}/studies/${r.study_uid}/series/${r.series_uid}`),
    '0020000D': el('UI', r.study_uid),
    '0020000E': el('UI', r.series_uid),
    '00201209': el('IS', r.num_instances),
  };
  Object.assign(out, include === 'all' ? a : pick(a, include));
  return sorted(out);
}

function instanceJson(r: InstanceRow, include: Set<string> | 'all', base: string): DicomJson {
  const url = `${base}/studies/${r.study_uid}/series/${r.series_uid}/instances/${r.sop_uid}`;
  const m = withBulkDataUris(r.metadata as DicomJson, url);
  const out: DicomJson = {
    ...pick(m, [...STUDY, ...SERIES_ALL, ...INSTANCE_ALL]),
    '00080056': el('CS', 'ONLINE'),
    '00081190': el('UR', url),
    '00083002': el('UI', r.transfer_syntax_uid),
  };
  Object.assign(out, include === 'all' ? m : pick(m, include));
  return sorted(out);
}

/**
 * Runs a QIDO-RS search at any level. A study named in the path must be in the caller's clinic
 * scope (NOT_FOUND otherwise); searches without one only ever see the caller's clinics.
 */
export async function qido(ctx: ServiceContext, r: QidoRequest): Promise<QidoResult> {
  const p = parseQuery(r.level, r.query);
  if (r.studyUid) await getStudy(ctx, r.studyUid);
  let matches: DicomJson[];
  let found: number;
  if (r.level === 'study') {
    const rows = await searchStudies(ctx, studyQuery(p));
    found = rows.length;
    matches = rows.slice(0, p.limit).map((x) => studyJson(x, p.include, r.baseUrl));
  } else if (r.level === 'series') {
    const q: SeriesQuery = {
      studyUid: r.studyUid ?? p.match.get('0020000D'),
      seriesUids: p.match.has('0020000E') ? uidList(p.match.get('0020000E')!) : undefined,
      modality: p.match.get('00080060'),
      seriesNumber: intMatch(p, '00200011'),
      seriesDescription: p.match.get('0008103E'),
      bodyPart: p.match.get('00180015'),
      limit: p.limit + 1,
      offset: p.offset,
    };
    const rows = await searchSeries(ctx, q);
    found = rows.length;
    matches = rows.slice(0, p.limit).map((x) => seriesJson(x, p.include, r.baseUrl));
  } else {
    const q: InstanceQuery = {
      studyUid: r.studyUid ?? p.match.get('0020000D'),
      seriesUid: r.seriesUid ?? p.match.get('0020000E'),
      sopUids: p.match.has('00080018') ? uidList(p.match.get('00080018')!) : undefined,
      sopClassUid: p.match.get('00080016'),
      instanceNumber: intMatch(p, '00200013'),
      limit: p.limit + 1,
      offset: p.offset,
    };
    const rows = await searchInstances(ctx, q);
    found = rows.length;
    matches = rows.slice(0, p.limit).map((x) => instanceJson(x, p.include, r.baseUrl));
  }
  const warnings = [...p.warnings];
  if (found > p.limit && !p.limited)
    warnings.push('There are additional results that can be requested (use limit and offset).');
  return { matches, warnings };
}
