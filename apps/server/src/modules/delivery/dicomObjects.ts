import { createHash } from 'node:crypto';
import dcmjs from 'dcmjs';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION } from '../dimse';
import type { ReleasedReport } from './load';
import { LOCAL_SCHEME_IDENTIFICATION, personName } from './srContent';
import { dicomDateTime } from './text';

/** SOP classes of the objects sent back to the clinic PACS (PS3.4 Annex B.5). */
export const SOP = {
  /** Enhanced SR: the report's content tree needs its relationships (ADR 0012). */
  enhancedSr: '1.2.840.10008.5.1.4.1.1.88.22',
  encapsulatedPdf: '1.2.840.10008.5.1.4.1.1.104.1',
} as const;

/** Explicit VR Little Endian: what our objects are written in. */
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';

/**
 * A UID derived from a name (PS3.5 §B.2, UUID-derived `2.25.`): the same report version always
 * yields the same SOP Instance UID, so a retried C-STORE is the same instance to the PACS.
 */
export function uidFor(name: string): string {
  const h = createHash('sha256').update(`telerad:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80; // version 8 (name-based, custom hash)
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 9562 variant
  return `2.25.${BigInt(`0x${h.subarray(0, 16).toString('hex')}`).toString()}`;
}

/** An instance of the study, referenced as evidence or as the key image. */
export interface InstanceRef {
  seriesUid: string;
  sopClassUid: string;
  sopUid: string;
}

/** What the SR references besides its content: the study's instances, a predecessor. */
export interface DocumentContext {
  evidence: InstanceRef[];
  /**
   * The previous version's SR, which this one supersedes (PS3.3 §C.17.2), with its own SOP
   * class: versions delivered before ADR 0012 are Basic Text SR.
   */
  predecessorSr?: { seriesUid: string; sopUid: string; sopClassUid: string };
}

type Ds = Record<string, unknown>;

/** Tags of the Patient and General Study modules copied from the study (PS3.3 C.7.1.1, C.7.2.1). */
const STUDY_TAGS = [
  '00100010', // Patient's Name
  '00100020', // Patient ID
  '00100021', // Issuer of Patient ID
  '00100030', // Patient's Birth Date
  '00100040', // Patient's Sex
  '00101010', // Patient's Age
  '0020000D', // Study Instance UID
  '00080020', // Study Date
  '00080030', // Study Time
  '00080050', // Accession Number
  '00080090', // Referring Physician's Name
  '00200010', // Study ID
  '00081030', // Study Description
];

/**
 * The Patient and General Study modules of the study, as its newest instance has them, so the
 * PACS files our objects with the images. Values the index knows fill any gap.
 */
export function patientAndStudy(r: ReleasedReport): Ds {
  const attrs = r.study.attributes as Record<string, { vr: string; Value?: unknown[] }>;
  const picked: Record<string, { vr: string; Value?: unknown[] }> = {};
  for (const t of STUDY_TAGS) {
    const e = attrs[t];
    if (e && e.vr !== 'SQ' && !('BulkDataURI' in e)) picked[t] = e;
  }
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(picked);
  const s = r.study;
  ds.StudyInstanceUID = s.uid;
  ds.PatientID ??= s.patientId;
  ds.PatientName ??= s.patientName ? [{ Alphabetic: s.patientName }] : '';
  ds.PatientBirthDate ??= s.birthDate?.replace(/-/g, '') ?? '';
  ds.PatientSex ??= s.sex ?? '';
  ds.StudyDate ??= s.studyDate?.replace(/-/g, '') ?? '';
  ds.StudyTime ??= s.studyTime ?? '';
  ds.AccessionNumber ??= s.accessionNumber ?? '';
  ds.ReferringPhysicianName ??= '';
  ds.StudyID ??= s.studyId ?? '';
  return ds;
}

/** Series, equipment and instance attributes shared by our objects. */
function common(r: ReleasedReport, kind: 'sr' | 'pdf', sopClassUid: string): Ds {
  const signed = dicomDateTime(r.signer.at);
  return {
    SpecificCharacterSet: 'ISO_IR 192', // dcmjs writes text as UTF-8
    SOPClassUID: sopClassUid,
    SOPInstanceUID: uidFor(`${r.reportId}:${r.version}:${kind}`),
    SeriesInstanceUID: uidFor(`${r.reportId}:${kind}-series`),
    SeriesNumber: kind === 'sr' ? 9901 : 9902,
    InstanceNumber: r.version,
    InstanceCreationDate: signed.date,
    InstanceCreationTime: signed.time,
    ContentDate: signed.date,
    ContentTime: signed.time,
    Manufacturer: 'Telerad',
    InstitutionName: r.centre?.name ?? 'Telerad reading centre',
    SeriesDescription: kind === 'sr' ? 'Telerad CXR report (SR)' : 'Telerad CXR report (PDF)',
  };
}

/** The study's instances as Current Requested Procedure Evidence (PS3.3 §C.17.2.3). */
function evidenceSequence(studyUid: string, evidence: InstanceRef[]): Ds[] {
  const bySeries = new Map<string, InstanceRef[]>();
  for (const e of evidence) bySeries.set(e.seriesUid, [...(bySeries.get(e.seriesUid) ?? []), e]);
  if (!bySeries.size) return [];
  return [
    {
      StudyInstanceUID: studyUid,
      ReferencedSeriesSequence: [...bySeries].map(([seriesUid, refs]) => ({
        SeriesInstanceUID: seriesUid,
        ReferencedSOPSequence: refs.map((x) => ({
          ReferencedSOPClassUID: x.sopClassUid,
          ReferencedSOPInstanceUID: x.sopUid,
        })),
      })),
    },
  ];
}

/**
 * The DICOM Enhanced SR of a report version (PS3.3 §A.35.2): patient and study as in the
 * study, a new series, verified by the signer, with the report as its content tree and the
 * local coding scheme it uses declared (PS3.3 §C.12.1.1.2).
 */
export function buildSrDataset(r: ReleasedReport, ctx: DocumentContext, contentTree: Ds): Ds {
  const signed = dicomDateTime(r.signer.at);
  const ds: Ds = {
    ...patientAndStudy(r),
    ...common(r, 'sr', SOP.enhancedSr),
    Modality: 'SR',
    ReferencedPerformedProcedureStepSequence: [],
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: [{ Alphabetic: personName(r.signer.name) }],
        VerifyingObserverIdentificationCodeSequence: [],
        VerifyingOrganization: r.centre?.name ?? 'Telerad reading centre',
        VerificationDateTime: `${signed.date}${signed.time}`,
      },
    ],
    PreliminaryFlag: 'FINAL',
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: evidenceSequence(r.study.uid, ctx.evidence),
    CodingSchemeIdentificationSequence: [{ ...LOCAL_SCHEME_IDENTIFICATION }],
    ...contentTree,
  };
  if (ctx.predecessorSr)
    ds.PredecessorDocumentsSequence = [
      {
        StudyInstanceUID: r.study.uid,
        ReferencedSeriesSequence: [
          {
            SeriesInstanceUID: ctx.predecessorSr.seriesUid,
            ReferencedSOPSequence: [
              {
                ReferencedSOPClassUID: ctx.predecessorSr.sopClassUid,
                ReferencedSOPInstanceUID: ctx.predecessorSr.sopUid,
              },
            ],
          },
        ],
      },
    ];
  return ds;
}

/** The Encapsulated PDF of a report version (PS3.3 §A.45.1), the PDF bytes unchanged. */
export function buildEncapsulatedPdfDataset(r: ReleasedReport, pdf: Buffer): Ds {
  // OB values are padded to even length; the Encapsulated Document Length keeps the true size.
  const padded = pdf.length % 2 ? Buffer.concat([pdf, Buffer.from([0])]) : pdf;
  return {
    ...patientAndStudy(r),
    ...common(r, 'pdf', SOP.encapsulatedPdf),
    Modality: 'DOC',
    ConversionType: 'WSD', // produced on a workstation (PS3.3 §C.8.6.1, SC Equipment)
    BurnedInAnnotation: 'YES',
    DocumentTitle: `${r.view.formTitle}`.slice(0, 64),
    ConceptNameCodeSequence: [],
    AcquisitionDateTime: `${dicomDateTime(r.signer.at).date}${dicomDateTime(r.signer.at).time}`,
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocumentLength: pdf.length,
    EncapsulatedDocument: padded.buffer.slice(
      padded.byteOffset,
      padded.byteOffset + padded.byteLength,
    ),
  };
}

/** A naturalized dataset as a DICOM Part 10 file in Explicit VR Little Endian (PS3.10 §7.1). */
export function toPart10(ds: Ds): Buffer {
  const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: ds.SOPClassUID,
    MediaStorageSOPInstanceUID: ds.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_LE,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION,
  });
  const dict = new dcmjs.data.DicomDict(meta);
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds);
  return Buffer.from(dict.write());
}
