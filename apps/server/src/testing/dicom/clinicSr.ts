import { readFileSync, writeFileSync } from 'node:fs';
import dcmjs from 'dcmjs';

/** Test support: a clinic's own read as an Enhanced SR (PS3.3 §A.35.2), built with dcmjs. */
export const ENHANCED_SR = '1.2.840.10008.5.1.4.1.1.88.22';

const uid = () => `2.25.${BigInt(`0x${crypto.randomUUID().replaceAll('-', '')}`)}`;
const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => ({
  CodeValue,
  CodingSchemeDesignator,
  CodeMeaning,
});

/** The patient and study attributes of `imagePath`, naturalized, for an object of the same study. */
function studyOf(imagePath: string): Record<string, unknown> {
  const buf = readFileSync(imagePath);
  const file = dcmjs.data.DicomMessage.readFile(
    buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
  );
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict) as Record<string, unknown>;
  const keep = [
    'PatientName',
    'PatientID',
    'PatientBirthDate',
    'PatientSex',
    'StudyInstanceUID',
    'StudyDate',
    'StudyTime',
    'StudyID',
    'AccessionNumber',
    'ReferringPhysicianName',
  ];
  return Object.fromEntries(keep.map((k) => [k, ds[k] ?? '']));
}

/** What the clinic's SR says, in our clinic-read template (modules/qc/srRead.ts). */
export interface ClinicSrRead {
  impression: string;
  /** 99TELERAD `cxr-category` value: normal, abnormal-not-tb, suggestive-of-tb, unreadable. */
  category?: string;
  /** The reader, as a DICOM person name. */
  observer?: string;
  /** Canonical finding codes, with a laterality (SCT) when given. */
  findings?: { code: string; side?: '24028007' | '7771000' | '51440002' }[];
  /** "2 — Acceptable; Motion". */
  quality?: string;
  recommendations?: string[];
}

const T = '99TELERAD';
const textItem = (concept: ReturnType<typeof code>, value: string) => ({
  RelationshipType: 'CONTAINS',
  ValueType: 'TEXT',
  ConceptNameCodeSequence: [concept],
  TextValue: value,
});

/** The content items of a read in our clinic-read template. */
function contentOf(read: ClinicSrRead): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (read.observer)
    items.push({
      RelationshipType: 'HAS OBS CONTEXT',
      ValueType: 'PNAME',
      ConceptNameCodeSequence: [code('121008', 'DCM', 'Person Observer Name')],
      PersonName: [{ Alphabetic: read.observer }],
    });
  if (read.category)
    items.push({
      RelationshipType: 'CONTAINS',
      ValueType: 'CODE',
      ConceptNameCodeSequence: [code('cxr-category', T, 'Chest X-ray category')],
      ConceptCodeSequence: [code(read.category, T, read.category)],
    });
  if (read.findings?.length)
    items.push({
      RelationshipType: 'CONTAINS',
      ValueType: 'CONTAINER',
      ConceptNameCodeSequence: [code('121070', 'DCM', 'Findings')],
      ContinuityOfContent: 'SEPARATE',
      ContentSequence: read.findings.map((f) => ({
        RelationshipType: 'CONTAINS',
        ValueType: 'CODE',
        ConceptNameCodeSequence: [code('121071', 'DCM', 'Finding')],
        ConceptCodeSequence: [code(f.code, T, f.code)],
        ...(f.side
          ? {
              ContentSequence: [
                {
                  RelationshipType: 'HAS CONCEPT MOD',
                  ValueType: 'CODE',
                  ConceptNameCodeSequence: [code('272741003', 'SCT', 'Laterality')],
                  ConceptCodeSequence: [code(f.side, 'SCT', 'Side')],
                },
              ],
            }
          : {}),
      })),
    });
  if (read.quality) items.push(textItem(code('image-quality', T, 'Image quality'), read.quality));
  for (const r of read.recommendations ?? [])
    items.push(textItem(code('121075', 'DCM', 'Recommendation'), r));
  items.push(textItem(code('121073', 'DCM', 'Impression'), read.impression));
  return items;
}

/**
 * Writes to `outPath` an Enhanced SR in the study of the image at `imagePath`: a root
 * "Diagnostic Imaging Report" container holding the read. Answers its SOP Instance UID.
 */
export function writeClinicSr(imagePath: string, outPath: string, read: ClinicSrRead): string {
  const sopUid = uid();
  const ds = {
    ...studyOf(imagePath),
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: ENHANCED_SR,
    SOPInstanceUID: sopUid,
    Modality: 'SR',
    SeriesInstanceUID: uid(),
    SeriesNumber: 900,
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'Clinic RIS',
    InstanceNumber: 1,
    ContentDate: '20260304',
    ContentTime: '101500',
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    PerformedProcedureCodeSequence: [],
    ValueType: 'CONTAINER',
    ContinuityOfContent: 'SEPARATE',
    ConceptNameCodeSequence: [code('18748-4', 'LN', 'Diagnostic Imaging Report')],
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2000' }],
    CodingSchemeIdentificationSequence: [
      {
        CodingSchemeDesignator: T,
        CodingSchemeName: 'Telerad report concepts and CXR findings',
        CodingSchemeResponsibleOrganization: 'Telerad',
      },
    ],
    ContentSequence: contentOf(read),
  };
  const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: ENHANCED_SR,
    MediaStorageSOPInstanceUID: sopUid,
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: '2.25.1',
  });
  const dict = new dcmjs.data.DicomDict(meta);
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds);
  writeFileSync(outPath, Buffer.from(dict.write()));
  return sopUid;
}
