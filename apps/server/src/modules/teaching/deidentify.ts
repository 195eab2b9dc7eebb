import dcmjs from 'dcmjs';
import { newUid } from '@telerad/dicom';

type Element = { vr: string; Value?: unknown[]; InlineBinary?: string };
type Dict = Record<string, Element>;

/**
 * De-identification of one object for the teaching file, per the PS3.15 Annex E Basic
 * Application Confidentiality Profile (ADR 0030):
 * - dcmjs's own de-identifier (`anonymizer.cleanTags`, the CTP list) empties the identifying
 *   attributes it knows at every level, the patient's name and ID replaced by a pseudonym;
 * - `BASIC_PROFILE_REMOVED` removes what that list misses (dcmjs 0.51 names about a hundred of
 *   its entries by keywords its own dictionary no longer has, which it then skips silently);
 * - every private attribute is removed (the profile's default, no Retain Safe Private option);
 * - every instance UID (anything but a UID the standard defines, 1.2.840.10008.…) is replaced
 *   through `uids`, so one case's objects keep pointing at each other under new UIDs;
 * - Patient Identity Removed, the method and its code (113100) say what was done (PS3.15 §E.1.1).
 * An object whose pixels carry burned-in identity (Burned In Annotation YES) is refused: the
 * profile leaves pixels alone, so it cannot make such an object safe.
 */

/** DICOM's own UID root: SOP classes, transfer syntaxes, coding schemes. Never replaced. */
const STANDARD_UID_ROOT = '1.2.840.10008.';

/**
 * Attributes the basic profile removes (X, or X/Z where removal is allowed) that dcmjs's list
 * does not reach under today's keywords, by tag (PS3.15 Table E.1-1).
 */
export const BASIC_PROFILE_REMOVED: Readonly<Record<string, string>> = {
  '00080082': 'InstitutionCodeSequence',
  '00080094': 'ReferringPhysicianTelephoneNumbers',
  '00080096': 'ReferringPhysicianIdentificationSequence',
  '00081048': 'PhysiciansOfRecord',
  '00081049': 'PhysiciansOfRecordIdentificationSequence',
  '00081052': 'PerformingPhysicianIdentificationSequence',
  '00081060': 'NameOfPhysiciansReadingStudy',
  '00081062': 'PhysiciansReadingStudyIdentificationSequence',
  '00081070': 'OperatorsName',
  '00081072': 'OperatorIdentificationSequence',
  '00081080': 'AdmittingDiagnosesDescription',
  '00081084': 'AdmittingDiagnosesCodeSequence',
  '00081110': 'ReferencedStudySequence',
  '00081111': 'ReferencedPerformedProcedureStepSequence',
  '00081120': 'ReferencedPatientSequence',
  '00082112': 'SourceImageSequence',
  '00100032': 'PatientBirthTime',
  '00100050': 'PatientInsurancePlanCodeSequence',
  '00101002': 'OtherPatientIDsSequence',
  '00102110': 'Allergies',
  '00102154': 'PatientTelephoneNumbers',
  '00102180': 'Occupation',
  '00321070': 'RequestedContrastAgent',
  '00324000': 'StudyComments',
  '00380400': 'PatientInstitutionResidence',
  '00400006': 'ScheduledPerformingPhysicianName',
  '00400241': 'PerformedStationAETitle',
  '00400244': 'PerformedProcedureStepStartDate',
  '00400245': 'PerformedProcedureStepStartTime',
  '00400250': 'PerformedProcedureStepEndDate',
  '00400251': 'PerformedProcedureStepEndTime',
  '00400253': 'PerformedProcedureStepID',
  '00400254': 'PerformedProcedureStepDescription',
  '00400275': 'RequestAttributesSequence',
  '00400280': 'CommentsOnThePerformedProcedureStep',
  '00400555': 'AcquisitionContextSequence',
  '00401001': 'RequestedProcedureID',
  '00402016': 'PlacerOrderNumberImagingServiceRequest',
  '00402017': 'FillerOrderNumberImagingServiceRequest',
  '0040A730': 'ContentSequence',
  FFFAFFFA: 'DigitalSignaturesSequence',
};

/**
 * Type 1 attributes of the image IODs a chest X-ray uses (DX, CR) that dcmjs's list empties; a
 * zero-length value would make the object invalid, so the profile's dummy value (D) goes in.
 */
const DUMMY_VALUES: Readonly<Record<string, string>> = {
  '00080023': '19000101', // ContentDate
  '00080033': '000000', // ContentTime
};

/** Burned In Annotation (0028,0301). */
const BURNED_IN_ANNOTATION = '00280301';

/** What the copy of one object is, or why there is none. */
export type DeidentifiedObject = { kind: 'copy'; part10: Buffer } | { kind: 'burnedIn' };

/** The pseudonym a case's objects carry instead of the patient's name and ID. */
export interface Pseudonym {
  patientName: string;
  patientId: string;
}

const isPrivate = (tag: string) => parseInt(tag.slice(0, 4), 16) % 2 === 1;

/** Removes, empties and replaces, at one level and every sequence item beneath it. */
function clean(dict: Dict, uids: Map<string, string>, pseudonym: Pseudonym, top: boolean): void {
  dcmjs.anonymizer.cleanTags(
    dict,
    top ? { '00100010': pseudonym.patientName, '00100020': pseudonym.patientId } : {},
  );
  for (const tag of Object.keys(dict)) {
    const el = dict[tag]!;
    if (isPrivate(tag) || tag in BASIC_PROFILE_REMOVED) {
      delete dict[tag];
      continue;
    }
    if (top && tag in DUMMY_VALUES && (el.Value?.length ?? 0) === 0) el.Value = [DUMMY_VALUES[tag]];
    if (el.vr === 'UI' && el.Value) el.Value = el.Value.map((v) => replaceUid(v, uids));
    if (el.vr === 'SQ' && el.Value)
      for (const item of el.Value) clean(item as Dict, uids, pseudonym, false);
  }
}

function replaceUid(v: unknown, uids: Map<string, string>): unknown {
  if (typeof v !== 'string' || v === '' || v.startsWith(STANDARD_UID_ROOT)) return v;
  let next = uids.get(v);
  if (!next) {
    next = newUid();
    uids.set(v, next);
  }
  return next;
}

/**
 * The de-identified copy of one Part 10 object, in the transfer syntax it was stored in.
 * `uids` maps original UIDs to their replacements and is shared by all the objects of a case, so
 * the copies keep their study, series and references together. The original bytes are not
 * touched.
 */
export function deidentifyObject(
  part10: Buffer,
  uids: Map<string, string>,
  pseudonym: Pseudonym,
): DeidentifiedObject {
  const ab = part10.buffer.slice(
    part10.byteOffset,
    part10.byteOffset + part10.byteLength,
  ) as ArrayBuffer;
  const file = dcmjs.data.DicomMessage.readFile(ab);
  const dict = file.dict as Dict;
  const burnedIn = String(dict[BURNED_IN_ANNOTATION]?.Value?.[0] ?? '')
    .trim()
    .toUpperCase();
  if (burnedIn === 'YES') return { kind: 'burnedIn' };
  clean(dict, uids, pseudonym, true);
  dict['00120062'] = { vr: 'CS', Value: ['YES'] };
  dict['00120063'] = { vr: 'LO', Value: ['PS3.15 Basic Application Confidentiality Profile'] };
  dict['00120064'] = {
    vr: 'SQ',
    Value: [
      {
        '00080100': { vr: 'SH', Value: ['113100'] },
        '00080102': { vr: 'SH', Value: ['DCM'] },
        '00080104': { vr: 'LO', Value: ['Basic Application Confidentiality Profile'] },
      },
    ],
  };
  const meta = file.meta as Dict;
  // The file meta names the instance too, and the sending application's AE title.
  meta['00020003'] = { vr: 'UI', Value: [dict['00080018']!.Value![0]] };
  delete meta['00020016'];
  delete meta['00020000'];
  const out = new dcmjs.data.DicomDict(meta);
  out.dict = dict;
  return { kind: 'copy', part10: Buffer.from(out.write()) };
}
