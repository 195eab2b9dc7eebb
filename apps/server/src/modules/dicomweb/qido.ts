import type { ServiceContext } from '../../platform/context';
import { getStudy, searchInstances, searchSeries, searchStudies } from '../archive';
import { visibleInstances, visiblePage, visibleSeries, visibleStudyCounts } from './cadBlinding';
import { da, el, pick, pn, sorted, withBulkDataUris, type DicomJson } from './dicomJson';
import { parseQidoQuery } from './qidoQuery';

/**
 * QIDO-RS (PS3.18 §10.6): query parameters become the archive's query model (PS3.4 §C.2.2.2
 * matching: single value, wildcards, UID lists, date ranges, fuzzy person names; see
 * `qidoQuery.ts`), and the rows become DICOM JSON. Everything comes from the index and its
 * cached attributes; no file is read.
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
 * The series' study attributes (PS3.18 §10.6.3.3.2): those asked for by a matching key or
 * includefield, and, when the search was over all series, every default study attribute.
 */
async function withStudies(
  ctx: ServiceContext,
  rows: SeriesRow[],
  series: DicomJson[],
  wanted: Set<string> | 'all',
  base: string,
): Promise<DicomJson[]> {
  const uids = [...new Set(rows.map((r) => r.study_uid))];
  const studies = new Map(
    (await searchStudies(ctx, { studyUids: uids, limit: uids.length, offset: 0 })).map((s) => [
      s.study_uid,
      studyJson(s, wanted, base),
    ]),
  );
  return rows.map((r, i) => {
    const study = studies.get(r.study_uid) ?? {};
    // The series' own RetrieveURL and counts win over the study's.
    const {
      '00081190': _url,
      '00201206': _n,
      '00201208': _m,
      ...fromStudy
    } = wanted === 'all' ? study : pick(study, wanted);
    return sorted({ ...fromStudy, ...series[i] });
  });
}

/**
 * Runs a QIDO-RS search at any level. A study named in the path must be in the caller's clinic
 * scope (NOT_FOUND otherwise); searches without one only ever see the caller's clinics. CAD
 * objects a reader is still blind to are neither listed nor counted (cadBlinding.ts). Series
 * and instance searches match the keys of their own level and of the levels above it.
 */
export async function qido(ctx: ServiceContext, r: QidoRequest): Promise<QidoResult> {
  const p = parseQidoQuery(r.level, r.query);
  const { study, series, instance } = p.match;
  const page = { limit: p.limit + 1, offset: p.offset };
  if (r.studyUid) await getStudy(ctx, r.studyUid);
  let matches: DicomJson[];
  let found: number;
  if (r.level === 'study') {
    const rows = await searchStudies(ctx, { ...study, ...page });
    found = rows.length;
    const shown = await visibleStudyCounts(ctx, rows.slice(0, p.limit));
    matches = shown.map((x) => studyJson(x, p.include, r.baseUrl));
  } else if (r.level === 'series') {
    const rows = await visiblePage(
      ctx,
      page,
      (at) => searchSeries(ctx, { ...series, study, studyUid: r.studyUid, ...at }),
      (rows) => visibleSeries(ctx, rows),
    );
    found = rows.length;
    const shown = rows.slice(0, p.limit);
    const wanted =
      r.studyUid || p.include === 'all' ? p.include : new Set([...STUDY, ...p.include]);
    matches = await withStudies(
      ctx,
      shown,
      shown.map((x) => seriesJson(x, p.include, r.baseUrl)),
      wanted,
      r.baseUrl,
    );
  } else {
    const rows = await visiblePage(
      ctx,
      page,
      (at) =>
        searchInstances(ctx, {
          ...instance,
          study,
          series,
          studyUid: r.studyUid,
          seriesUid: r.seriesUid,
          ...at,
        }),
      (rows) => visibleInstances(ctx, rows),
    );
    found = rows.length;
    const shown = rows.slice(0, p.limit);
    matches = shown.map((x) => instanceJson(x, p.include, r.baseUrl));
  }
  const warnings = [...p.warnings];
  if (found > p.limit && !p.limited)
    warnings.push('There are additional results that can be requested (use limit and offset).');
  return { matches, warnings };
}
