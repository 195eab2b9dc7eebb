import type { CxrView } from '@telerad/contracts';

/** One DICOM JSON element (PS3.18 §F.2), as our WADO-RS metadata answers it. */
export interface DicomJsonElement {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
}

/** One instance's DICOM JSON data set. */
export type DicomJsonDataSet = Record<string, DicomJsonElement>;

/** What the viewer needs of one image instance (from `/metadata`, never from the pixels). */
export interface ViewerInstance {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  /** The `wadors:` image id of frame 1. */
  imageId: string;
  view: CxrView;
  viewPosition: string | null;
  seriesDescription: string | null;
  seriesNumber: number | null;
  instanceNumber: number | null;
  rows: number;
  columns: number;
  bitsStored: number;
  photometric: string;
  transferSyntaxUid: string | null;
  metadata: DicomJsonDataSet;
}

/** The demographics the overlay shows, from the study's first instance. */
export interface StudyHeader {
  patientName: string | null;
  patientId: string | null;
  patientSex: string | null;
  patientAge: string | null;
  patientBirthDate: string | null;
  studyDate: string | null;
  institution: string | null;
}

/** The first value of `tag` as a string, or null. Person names give their Alphabetic form. */
export function str(ds: DicomJsonDataSet, tag: string): string | null {
  const v = ds[tag]?.Value?.[0];
  if (v === undefined || v === null) return null;
  if (typeof v === 'object' && 'Alphabetic' in v) {
    const a = (v as { Alphabetic?: unknown }).Alphabetic;
    return typeof a === 'string' ? a : null;
  }
  return String(v);
}

/** The first value of `tag` as a number, or null. */
export function num(ds: DicomJsonDataSet, tag: string): number | null {
  const s = str(ds, tag);
  if (s === null || s.trim() === '') return null;
  const n = Number(s.split('\\')[0]);
  return Number.isFinite(n) ? n : null;
}

/**
 * The CXR view of an instance: View Position (0018,5101) first, then words in the series or
 * image descriptions (sites often leave View Position empty for lordotic and decubitus views).
 */
export function viewOf(viewPosition: string | null, ...descriptions: (string | null)[]): CxrView {
  const text = descriptions.filter(Boolean).join(' ').toUpperCase();
  if (/LORDOTIC/.test(text)) return 'LORDOTIC';
  if (/DECUB/.test(text)) return 'DECUBITUS';
  const vp = (viewPosition ?? '').toUpperCase().trim();
  if (vp === 'PA' || vp === 'AP') return vp;
  if (vp === 'LL' || vp === 'RL' || vp === 'LAT' || vp === 'LATERAL') return 'LATERAL';
  if (/\bLAT(ERAL)?\b/.test(text)) return 'LATERAL';
  if (/\bAP\b/.test(text)) return 'AP';
  if (/\bPA\b/.test(text)) return 'PA';
  return 'OTHER';
}

/** The `wadors:` image id of an instance's frame on our WADO-RS. */
export function wadorsImageId(
  base: string,
  studyUid: string,
  seriesUid: string,
  sopUid: string,
  frame = 1,
): string {
  return `wadors:${base}/studies/${studyUid}/series/${seriesUid}/instances/${sopUid}/frames/${frame}`;
}

/** Image instances of a study's metadata, in series and instance order; non-images are left out. */
export function viewerInstances(base: string, metadata: DicomJsonDataSet[]): ViewerInstance[] {
  return metadata
    .filter((ds) => num(ds, '00280010') !== null && num(ds, '00280011') !== null)
    .map((ds): ViewerInstance => {
      const studyUid = str(ds, '0020000D') ?? '';
      const seriesUid = str(ds, '0020000E') ?? '';
      const sopUid = str(ds, '00080018') ?? '';
      const viewPosition = str(ds, '00185101');
      const seriesDescription = str(ds, '0008103E');
      return {
        studyUid,
        seriesUid,
        sopUid,
        imageId: wadorsImageId(base, studyUid, seriesUid, sopUid),
        view: viewOf(viewPosition, seriesDescription, str(ds, '00204000')),
        viewPosition,
        seriesDescription,
        seriesNumber: num(ds, '00200011'),
        instanceNumber: num(ds, '00200013'),
        rows: num(ds, '00280010') ?? 0,
        columns: num(ds, '00280011') ?? 0,
        bitsStored: num(ds, '00280101') ?? 16,
        photometric: str(ds, '00280004') ?? 'MONOCHROME2',
        transferSyntaxUid: str(ds, '00083002'),
        metadata: ds,
      };
    })
    .sort(
      (a, b) =>
        (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0) ||
        (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0),
    );
}

/** The overlay's demographics from a data set. */
export function studyHeader(ds: DicomJsonDataSet | undefined): StudyHeader {
  const get = (tag: string) => (ds ? str(ds, tag) : null);
  return {
    patientName: get('00100010'),
    patientId: get('00100020'),
    patientSex: get('00100040'),
    patientAge: get('00101010'),
    patientBirthDate: get('00100030'),
    studyDate: get('00080020'),
    institution: get('00080080'),
  };
}
