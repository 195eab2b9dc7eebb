import type { DicomJson } from './header';

/**
 * What a dataset must carry to be what its SOP class says (PS3.3 IOD definitions), as data: the
 * modality the IOD fixes, and Type 1 attributes of its mandatory modules that the archive and
 * the viewer rely on. A dataset breaking these is refused with "dataset does not match SOP
 * class" (PS3.4 §B.2.3, status A900) rather than stored as something it is not.
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
 * The reasons `ds` does not match `sopClassUid`, empty when it does or when the class has no
 * rule here (unknown classes are stored as sent).
 */
export function iodMismatches(sopClassUid: string, ds: DicomJson, hasPixelData: boolean): string[] {
  const rule = IOD_RULES[sopClassUid];
  if (!rule) return [];
  const problems: string[] = [];
  const modality = ds['00080060']?.Value?.[0];
  if (rule.modality && typeof modality === 'string' && !rule.modality.includes(modality.trim())) {
    problems.push(`Modality ${modality} is not ${rule.modality.join(' or ')}`);
  }
  const missing = rule.required.filter(([tag]) => {
    if (tag === '00420011') return !ds[tag];
    return !ds[tag]?.Value?.length;
  });
  if (missing.length) problems.push(`missing ${missing.map(([, k]) => k).join(', ')}`);
  if (rule.required === IMAGE_PIXEL && !hasPixelData) problems.push('no Pixel Data');
  return problems.length ? [`${rule.name} requires: ${problems.join('; ')}`] : [];
}
