import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import {
  findInstances,
  findSeries,
  findStudies,
  keyMatch,
  type KeyMatch,
  type QueryLevel,
} from '../archive';
import { T, levelOf, matchValue, needsUtf8, type Identifier } from './identifier';

/** The information model of a Q/R SOP class (PS3.4 §C.6.1 Patient Root, §C.6.2 Study Root). */
export type QueryModel = 'patient' | 'study';

/** Most matches one C-FIND returns; more is refused with A700 so the SCU narrows its query. */
export const MAX_MATCHES = 5000;

type StudyRow = Awaited<ReturnType<typeof findStudies>>[number];

const da = (iso: string | null) => (iso ? iso.replace(/-/g, '') : undefined);
const el = (vr: string, v: unknown): Identifier[string] =>
  v === undefined || v === null || v === '' ? { vr } : { vr, Value: Array.isArray(v) ? v : [v] };
const pn = (v: string | null) => (v ? { vr: 'PN', Value: [{ Alphabetic: v }] } : { vr: 'PN' });

/** Patient-level values of a study row. */
function patientValues(s: StudyRow): Identifier {
  return {
    [T.patientId]: el('LO', s.patient_id),
    [T.patientName]: pn(s.patient_name),
    [T.patientBirthDate]: el('DA', da(s.patient_birth_date)),
    [T.patientSex]: el('CS', s.patient_sex),
  };
}

/** Study-level values (with the patient's) of a study row. */
function studyValues(s: StudyRow): Identifier {
  return {
    ...patientValues(s),
    [T.studyUid]: el('UI', s.study_uid),
    [T.studyDate]: el('DA', da(s.study_date)),
    [T.studyTime]: el('TM', s.study_time),
    [T.accessionNumber]: el('SH', s.accession_number),
    [T.studyId]: el('SH', s.study_id),
    [T.studyDescription]: el('LO', s.study_description),
    [T.referringPhysician]: pn(s.referring_physician),
    [T.modalitiesInStudy]: el('CS', s.modalities.length ? s.modalities : undefined),
    [T.studySeries]: el('IS', s.num_series),
    [T.studyInstances]: el('IS', s.num_instances),
  };
}

/** The Study Root level of each Query/Retrieve Level (the patient's keys are study keys). */
const QUERY_LEVEL: Record<string, QueryLevel> = {
  PATIENT: 'study',
  STUDY: 'study',
  SERIES: 'series',
  IMAGE: 'instance',
};

/**
 * The identifier's matching keys as the archive's matchers (PS3.4 §C.2.2), through the key
 * table that QIDO-RS uses too: the keys of the Query/Retrieve Level and the levels above it.
 */
function matchersOf(id: Identifier, level: string): KeyMatch {
  const values = new Map<string, string>();
  for (const tag of Object.keys(id)) {
    const v = matchValue(id, tag);
    if (v !== undefined) values.set(tag, v);
  }
  return keyMatch(values, QUERY_LEVEL[level] ?? 'study');
}

const page = { limit: MAX_MATCHES + 1, offset: 0 };

/**
 * Shapes one match as the response identifier (PS3.4 §C.4.1.1.3.2): every key the request
 * asked for, with its value when Telerad has one and zero length otherwise, plus the Query/
 * Retrieve Level, the unique keys of this level and the levels above, Retrieve AE Title, and
 * Specific Character Set ISO_IR 192 when a value is not ASCII.
 */
function shape(
  request: Identifier,
  values: Identifier,
  level: string,
  uniqueKeys: string[],
  retrieveAe: string,
): Identifier {
  const out: Identifier = {};
  for (const [tag, req] of Object.entries(request)) {
    if (tag === T.specificCharacterSet || tag === T.queryRetrieveLevel) continue;
    const v = values[tag];
    out[tag] = v?.Value?.length ? { vr: v.vr, Value: v.Value } : { vr: req.vr };
  }
  for (const tag of uniqueKeys) if (values[tag]) out[tag] = values[tag];
  out[T.queryRetrieveLevel] = { vr: 'CS', Value: [level] };
  out[T.retrieveAeTitle] = { vr: 'AE', Value: [retrieveAe] };
  if (needsUtf8(out)) out[T.specificCharacterSet] = { vr: 'CS', Value: ['ISO_IR 192'] };
  return out;
}

/** A C-FIND's matches, or a refusal the caller turns into a failure status. */
export interface FindResult {
  level: string;
  matches: Identifier[];
}

/** Queries for the patient level: distinct patients of the matching studies. */
async function findPatients(db: Db, scope: string[], id: Identifier) {
  const { study } = matchersOf(id, 'PATIENT');
  const studies = await findStudies(db, scope, { ...study, ...page, studyUids: undefined });
  const byPatient = new Map<
    string,
    { first: StudyRow; studies: number; series: number; instances: number }
  >();
  for (const s of studies) {
    const p = byPatient.get(s.patient_id);
    if (p) {
      p.studies++;
      p.series += s.num_series;
      p.instances += s.num_instances;
    } else
      byPatient.set(s.patient_id, {
        first: s,
        studies: 1,
        series: s.num_series,
        instances: s.num_instances,
      });
  }
  return [...byPatient.values()].map((p) => ({
    ...patientValues(p.first),
    [T.patientStudies]: el('IS', p.studies),
    [T.patientSeries]: el('IS', p.series),
    [T.patientInstances]: el('IS', p.instances),
  }));
}

/** Study-level values of the studies `uids` (for keys of higher levels in lower-level answers). */
async function studiesByUid(db: Db, scope: string[], uids: string[]) {
  const rows = uids.length
    ? await findStudies(db, scope, { studyUids: uids, limit: uids.length, offset: 0 })
    : [];
  return new Map(rows.map((s) => [s.study_uid, studyValues(s)]));
}

/**
 * Runs a C-FIND (PS3.4 §C.4.1) for a clinic: hierarchical matching at the PATIENT (Patient Root
 * only), STUDY, SERIES and IMAGE levels, always within the calling AE's clinic, so a clinic PACS
 * never finds another clinic's studies. Throws a catalogue error for a query it cannot run.
 */
export async function runFind(
  db: Db,
  clinicId: string,
  model: QueryModel,
  id: Identifier,
  retrieveAe: string,
): Promise<FindResult> {
  const scope = [clinicId];
  const level = levelOf(id);
  let rows: { values: Identifier; unique: string[] }[];
  if (level === 'PATIENT' && model === 'patient') {
    rows = (await findPatients(db, scope, id)).map((values) => ({ values, unique: [T.patientId] }));
  } else if (level === 'STUDY') {
    const studies = await findStudies(db, scope, { ...matchersOf(id, level).study, ...page });
    const unique = model === 'patient' ? [T.patientId, T.studyUid] : [T.studyUid];
    rows = studies.map((s) => ({ values: studyValues(s), unique }));
  } else if (level === 'SERIES') {
    const m = matchersOf(id, level);
    const series = await findSeries(db, scope, { ...m.series, study: m.study, ...page });
    const studies = await studiesByUid(db, scope, [...new Set(series.map((s) => s.study_uid))]);
    const unique = [...(model === 'patient' ? [T.patientId] : []), T.studyUid, T.seriesUid];
    rows = series.map((s) => ({
      values: {
        ...studies.get(s.study_uid),
        [T.seriesUid]: el('UI', s.series_uid),
        [T.modality]: el('CS', s.modality),
        [T.seriesNumber]: el('IS', s.series_number),
        [T.seriesDescription]: el('LO', s.series_description),
        [T.bodyPart]: el('CS', s.body_part),
        [T.seriesInstances]: el('IS', s.num_instances),
      },
      unique,
    }));
  } else if (level === 'IMAGE') {
    const m = matchersOf(id, level);
    const instances = await findInstances(db, scope, {
      ...m.instance,
      study: m.study,
      series: m.series,
      ...page,
    });
    const studies = await studiesByUid(db, scope, [...new Set(instances.map((i) => i.study_uid))]);
    const unique = [
      ...(model === 'patient' ? [T.patientId] : []),
      T.studyUid,
      T.seriesUid,
      T.sopInstanceUid,
    ];
    rows = instances.map((i) => ({
      values: {
        ...studies.get(i.study_uid),
        ...withoutBulk(i.metadata as Identifier),
        [T.studyUid]: el('UI', i.study_uid),
        [T.seriesUid]: el('UI', i.series_uid),
        [T.sopInstanceUid]: el('UI', i.sop_uid),
        [T.sopClassUid]: el('UI', i.sop_class_uid),
        [T.instanceNumber]: el('IS', i.instance_number),
      },
      unique,
    }));
  } else {
    throw appError(
      'VALIDATION_FAILED',
      { level },
      `Query/Retrieve Level "${level}" is not valid for the ${model} root model.`,
    );
  }
  if (rows.length > MAX_MATCHES)
    throw appError(
      'SERVICE_UNAVAILABLE',
      { matches: rows.length },
      `More than ${MAX_MATCHES} matches: narrow the query.`,
    );
  return {
    level,
    matches: rows.map((r) => shape(id, r.values, level, r.unique, retrieveAe)),
  };
}

/** Stored metadata without bulk data references (they are not returned by C-FIND). */
function withoutBulk(md: Identifier): Identifier {
  const out: Identifier = {};
  for (const [tag, e] of Object.entries(md)) if (e.Value) out[tag] = { vr: e.vr, Value: e.Value };
  return out;
}
