import dcmjs from 'dcmjs';
import type { DimseDataset } from './dimse';

/**
 * The identifier of a C-FIND, C-MOVE or C-GET request (PS3.4 §C.4) as the DICOM JSON model:
 * tags (8 upper-case hex digits) to `{ vr, Value }`. Working on tags rather than dcmjs's
 * keywords lets C-FIND answer any requested key straight from stored instance metadata.
 */
export type Identifier = Record<string, { vr: string; Value?: unknown[] | null }>;

/** Tags Telerad matches or returns, by keyword. */
export const T = {
  specificCharacterSet: '00080005',
  queryRetrieveLevel: '00080052',
  retrieveAeTitle: '00080054',
  sopClassUid: '00080016',
  sopInstanceUid: '00080018',
  studyDate: '00080020',
  studyTime: '00080030',
  accessionNumber: '00080050',
  modality: '00080060',
  modalitiesInStudy: '00080061',
  referringPhysician: '00080090',
  studyDescription: '00081030',
  seriesDescription: '0008103E',
  failedSopInstanceUids: '00080058',
  patientName: '00100010',
  patientId: '00100020',
  patientBirthDate: '00100030',
  patientSex: '00100040',
  bodyPart: '00180015',
  studyUid: '0020000D',
  seriesUid: '0020000E',
  studyId: '00200010',
  seriesNumber: '00200011',
  instanceNumber: '00200013',
  patientStudies: '00201200',
  patientSeries: '00201202',
  patientInstances: '00201204',
  studySeries: '00201206',
  studyInstances: '00201208',
  seriesInstances: '00201209',
  rows: '00280010',
  columns: '00280011',
  bitsAllocated: '00280100',
  numberOfFrames: '00280008',
} as const;

/** Reads a request's identifier dataset into the DICOM JSON model. */
export function identifierOf(ds: DimseDataset | undefined): Identifier {
  if (!ds) return {};
  const out: Identifier = {};
  for (const [tag, el] of Object.entries(
    dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds.getElements()),
  ))
    out[tag.toUpperCase()] = el as Identifier[string];
  return out;
}

/** The matching value of a key: its text (PN: alphabetic group), or undefined when universal. */
export function matchValue(id: Identifier, tag: string): string | undefined {
  const values = id[tag]?.Value;
  if (!values || values.length === 0) return undefined;
  const parts = values.map((v) =>
    v && typeof v === 'object'
      ? String((v as { Alphabetic?: string }).Alphabetic ?? '')
      : String(v ?? ''),
  );
  const text = parts.join('\\').trim();
  return text === '' || text === '*' ? undefined : text;
}

/** A UID list key (PS3.4 §C.2.2.2.2: values separated by backslash), or undefined. */
export function uidList(id: Identifier, tag: string): string[] | undefined {
  const v = matchValue(id, tag);
  if (!v) return undefined;
  const list = v
    .split('\\')
    .map((u) => u.replace(/\0/g, '').trim())
    .filter(Boolean);
  return list.length ? list : undefined;
}

/** The Query/Retrieve Level (0008,0052), upper-cased. */
export function levelOf(id: Identifier): string {
  return (matchValue(id, T.queryRetrieveLevel) ?? '').toUpperCase();
}

/** Whether any text value of a dataset needs more than ASCII (then ISO_IR 192 is declared). */
export function needsUtf8(id: Identifier): boolean {
  return Object.values(id).some((el) =>
    (el.Value ?? []).some((v) => {
      const s = v && typeof v === 'object' ? JSON.stringify(v) : typeof v === 'string' ? v : '';
      return [...s].some((ch) => ch.charCodeAt(0) > 0x7f);
    }),
  );
}
