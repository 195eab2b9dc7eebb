import { str, type DicomJson } from './header';

/**
 * What a dataset should carry to be what its SOP class says (PS3.3 IOD definitions), as data:
 * the modality the IOD fixes, and Type 1 attributes of its mandatory modules that the viewer
 * relies on. A dataset that breaks these is still stored as sent (the archive needs only its
 * UIDs to identify it) and its study is flagged with the reasons, for a person to look at.
 */
interface IodRule {
  name: string;
  modality?: string[];
  required: [tag: string, keyword: string][];
}

const IMAGE_PIXEL: [string, string][] = [
  ['00280002', 'SamplesPerPixel'],
  ['00280004', 'PhotometricInterpretation'],
  ['00280010', 'Rows'],
  ['00280011', 'Columns'],
  ['00280100', 'BitsAllocated'],
];

const CT_MR_PLANE: [string, string][] = [
  ['00200032', 'ImagePositionPatient'],
  ['00200037', 'ImageOrientationPatient'],
];

export const IOD_RULES: Record<string, IodRule> = {
  '1.2.840.10008.5.1.4.1.1.1': { name: 'CR Image', modality: ['CR'], required: IMAGE_PIXEL },
  '1.2.840.10008.5.1.4.1.1.1.1': {
    name: 'Digital X-Ray Image (For Presentation)',
    modality: ['DX'],
    required: IMAGE_PIXEL,
  },
  '1.2.840.10008.5.1.4.1.1.1.1.1': {
    name: 'Digital X-Ray Image (For Processing)',
    modality: ['DX'],
    required: IMAGE_PIXEL,
  },
  '1.2.840.10008.5.1.4.1.1.2': {
    name: 'CT Image',
    modality: ['CT'],
    required: [
      ...IMAGE_PIXEL,
      ...CT_MR_PLANE,
      ['00281052', 'RescaleIntercept'],
      ['00281053', 'RescaleSlope'],
    ],
  },
  '1.2.840.10008.5.1.4.1.1.4': {
    name: 'MR Image',
    modality: ['MR'],
    required: [...IMAGE_PIXEL, ...CT_MR_PLANE],
  },
  '1.2.840.10008.5.1.4.1.1.7': { name: 'Secondary Capture Image', required: IMAGE_PIXEL },
  '1.2.840.10008.5.1.4.1.1.104.1': {
    name: 'Encapsulated PDF',
    modality: ['DOC', 'OT', 'SR'],
    required: [['00420011', 'EncapsulatedDocument']],
  },
};

/**
 * Structured Report storage SOP classes (PS3.4 Annex B.5): Basic Text, Enhanced, Comprehensive,
 * Comprehensive 3D and Extensible SR. A clinic sends its own read this way; such an object is a
 * document about the images, never an image to read.
 */
export const SR_SOP_CLASSES: readonly string[] = [
  '1.2.840.10008.5.1.4.1.1.88.11',
  '1.2.840.10008.5.1.4.1.1.88.22',
  '1.2.840.10008.5.1.4.1.1.88.33',
  '1.2.840.10008.5.1.4.1.1.88.34',
  '1.2.840.10008.5.1.4.1.1.88.35',
];

/** Whether `sopClassUid` is a Structured Report storage class. */
export const isStructuredReport = (sopClassUid: string): boolean =>
  SR_SOP_CLASSES.includes(sopClassUid.trim());

/** Why a stored object's study needs a person: a flag code (migration 0014) and its detail. */
export interface IngestFlag {
  code:
    | 'patient_id_missing'
    | 'patient_name_missing'
    | 'iod_deviation'
    | 'no_pixel_data'
    /** A clinic's SR that could not be taken as its read (migration 0039). */
    | 'clinic_sr_unread';
  detail: string;
}

/**
 * How `ds` deviates from `sopClassUid`'s IOD rule: none when it matches or when the class has
 * no rule here (unknown classes are stored as sent without judgement).
 */
export function iodDeviations(
  sopClassUid: string,
  ds: DicomJson,
  hasPixelData: boolean,
): IngestFlag[] {
  const rule = IOD_RULES[sopClassUid];
  if (!rule) return [];
  const flags: IngestFlag[] = [];
  const modality = ds['00080060']?.Value?.[0];
  if (rule.modality && typeof modality === 'string' && !rule.modality.includes(modality.trim())) {
    flags.push({
      code: 'iod_deviation',
      detail: `${rule.name}: Modality ${modality} is not ${rule.modality.join(' or ')}`,
    });
  }
  const missing = rule.required.filter(([tag]) => {
    if (tag === '00420011') return !ds[tag];
    return !ds[tag]?.Value?.length;
  });
  if (missing.length)
    flags.push({
      code: 'iod_deviation',
      detail: `${rule.name}: missing ${missing.map(([, k]) => k).join(', ')}`,
    });
  if (rule.required.includes(IMAGE_PIXEL[0]!) && !hasPixelData)
    flags.push({ code: 'no_pixel_data', detail: rule.name });
  return flags;
}

/**
 * Empty or absent Type 2 attributes of the Patient module (PS3.3 §C.7.1.1) that a read needs:
 * without a Patient ID a report cannot reach the right applicant, so such a study waits for an
 * assistant to enter the identity before it is read.
 */
export function patientDeviations(ds: DicomJson): IngestFlag[] {
  const flags: IngestFlag[] = [];
  if (!str(ds, '00100020')) flags.push({ code: 'patient_id_missing', detail: '' });
  if (!str(ds, '00100010')) flags.push({ code: 'patient_name_missing', detail: '' });
  return flags;
}
