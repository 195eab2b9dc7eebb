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
