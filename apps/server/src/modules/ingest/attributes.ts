import { parseDicomDate } from '@telerad/dicom';
import { int, str, type DicomJson } from './header';

/** Upper-case, separators folded to single spaces: the form fuzzy name search compares. */
export function normaliseName(pn: string | null): string | null {
  if (!pn) return null;
  const n = pn
    .toUpperCase()
    .replace(/[\^=,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return n || null;
}

/** Study- and patient-level attributes the index keeps (what QIDO-RS and C-FIND match on). */
export function studyAttributes(ds: DicomJson) {
  const name = str(ds, '00100010');
  return {
    patient_id: str(ds, '00100020') ?? '',
    patient_name: name,
    patient_name_norm: normaliseName(name),
    patient_birth_date: parseDicomDate(str(ds, '00100030')),
    patient_sex: str(ds, '00100040'),
    study_date: parseDicomDate(str(ds, '00080020')),
    study_time: str(ds, '00080030'),
    accession_number: str(ds, '00080050'),
    study_id: str(ds, '00200010'),
    study_description: str(ds, '00081030'),
    referring_physician: str(ds, '00080090'),
  };
}

/** Series-level attributes. */
export function seriesAttributes(ds: DicomJson) {
  return {
    modality: str(ds, '00080060'),
    series_number: int(ds, '00200011'),
    series_description: str(ds, '0008103E'),
    body_part: str(ds, '00180015'),
    view_position: str(ds, '00185101'),
    laterality: str(ds, '00200060') ?? str(ds, '00200062'),
  };
}

/** Instance-level attributes. */
export function instanceAttributes(ds: DicomJson) {
  return {
    instance_number: int(ds, '00200013'),
    rows: int(ds, '00280010'),
    columns: int(ds, '00280011'),
    bits_allocated: int(ds, '00280100'),
    number_of_frames: int(ds, '00280008') ?? (ds['00280010'] ? 1 : null),
  };
}

/**
 * Study-level attributes cached on the study row for QIDO-RS as DICOM JSON (migration 0004):
 * the patient group (0010,xxxx) and the study attributes of PS3.3 §C.7.1.1, §C.7.2.1 and PS3.18
 * Table 10.6.3-3.
 */
const STUDY_CACHE = new Set(
  [
    '00080005 00080020 00080030 00080050 00080051 00080056 00080061 00080062 00080090 00080096',
    '0008009C 00080201 00081030 00081032 00081048 00081049 00081060 00081062 00081080 00081084',
    '00081110 0020000D 00200010 00321032 00321033 00321060 00321064 00380010 00380014 00380500',
  ]
    .join(' ')
    .split(' '),
);

/** Series attributes and equipment (PS3.3 §C.7.3.1, §C.7.5.1, PS3.18 Table 10.6.3-4). */
const SERIES_CACHE = new Set(
  [
    '00080005 00080021 00080031 00080060 00080064 00080068 00080070 00080080 00080081 00081010',
    '00081040 0008103E 00081050 00081052 00081070 00081072 00081090 00081111 00081250 00180015',
    '00181000 00181020 00185100 00185101 0020000E 00200011 00200060 00400244 00400245 00400253',
    '00400254 00400260 00400275',
  ]
    .join(' ')
    .split(' '),
);

function pick(ds: DicomJson, keep: (tag: string) => boolean): DicomJson {
  const out: DicomJson = {};
  for (const tag in ds) if (keep(tag)) out[tag] = ds[tag]!;
  return out;
}

/** The study row's cached DICOM JSON: what QIDO-RS returns at study level without a file. */
export function studyCache(ds: DicomJson): DicomJson {
  return pick(ds, (tag) => tag.startsWith('0010') || STUDY_CACHE.has(tag));
}

/** The series row's cached DICOM JSON. */
export function seriesCache(ds: DicomJson): DicomJson {
  return pick(ds, (tag) => SERIES_CACHE.has(tag));
}
