import { newUid } from '@telerad/dicom';
import { charsetEncoder, type CharsetTerm } from './charsets';
import { binary, sequence, tag, text, us, type DataSet } from './elements';
import { rng, seededUid } from './rng';
import { DETECTOR } from './detectorNoise';
import { pixelBytes, synthCxrPixels, type PixelSpec, type Pixels } from './synthCxr';

/** SOP classes of the fixtures (PS3.4 Annex B.5). */
export const SOP_CLASS = {
  /** Digital X-Ray Image Storage – For Presentation. */
  DX: '1.2.840.10008.5.1.4.1.1.1.1',
  /** Computed Radiography Image Storage. */
  CR: '1.2.840.10008.5.1.4.1.1.1',
  /** CT Image Storage (only used by the broken fixtures). */
  CT: '1.2.840.10008.5.1.4.1.1.2',
} as const;

/** Patient Module values (PS3.3 §C.7.1.1). */
export interface PatientInfo {
  /** DICOM PN, family^given, e.g. `SANTOS^MARIA`. */
  name: string;
  id: string;
  /** YYYYMMDD. */
  birthDate: string;
  sex: 'M' | 'F' | 'O';
}

/** General Study Module values (PS3.3 §C.7.2.1). */
export interface StudyInfo {
  studyInstanceUid: string;
  accessionNumber: string;
  studyId: string;
  /** YYYYMMDD. */
  studyDate: string;
  /** HHMMSS. */
  studyTime: string;
  description: string;
  referringPhysician: string;
  institutionName: string;
}

/** Options of {@link makeCxr}; everything has a seed-derived default. */
export interface CxrOptions {
  /** Drives pixels, demographics and (with `deterministicUids`) UIDs. Default 1. */
  seed?: number;
  modality?: 'DX' | 'CR';
  rows?: number;
  columns?: number;
  /** 8 gives an 8-bit image (for JPEG Baseline); 12 is the default. */
  bitsStored?: PixelSpec['bitsStored'];
  photometric?: PixelSpec['photometric'];
  view?: PixelSpec['view'];
  /** The noise model of the pixels (synthCxr.ts); `flat` unless asked. */
  noise?: PixelSpec['noise'];
  /** Scintillator blur and what lies outside the patient, with `noise: 'detector'` (synthCxr.ts). */
  field?: PixelSpec['field'];
  /** Pin the patient (e.g. many studies of one patient); missing fields come from the seed. */
  patient?: Partial<PatientInfo>;
  /** Pin the study (e.g. a 4-instance study); missing fields come from the seed. */
  study?: Partial<StudyInfo>;
  seriesInstanceUid?: string;
  seriesNumber?: number;
  instanceNumber?: number;
  sopInstanceUid?: string;
  /** Specific Character Set; text values must be representable in it. Default: ASCII, omitted. */
  charset?: CharsetTerm;
  /** PatientComments (0010,4000), written in `charset`. */
  comments?: string;
  /** Derive UIDs from the seed (byte-identical reruns) instead of `newUid()` (fresh every run). */
  deterministicUids?: boolean;
}

/** One synthetic chest X-ray: its data set (native pixel data) and what identifies it. */
export interface CxrImage {
  dataSet: DataSet;
  pixels: Pixels;
  spec: PixelSpec;
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  study: StudyInfo;
  patient: PatientInfo;
}

const FAMILY = ['SANTOS', 'NGUYEN', 'KHAN', 'OKAFOR', 'REYES', 'HASSAN', 'MENDOZA', 'PATEL'];
const GIVEN = ['MARIA', 'THI HOA', 'AHMED', 'CHINEDU', 'JOSE MIGUEL', 'AMINA', 'RAVI', 'GRACE'];
const CLINICS = ['Manila Migrant Health Clinic', 'Nairobi Screening Centre', 'Hanoi Panel Clinic'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const ymd = (d: Date): string =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
/** DS value of at most 16 characters (PS3.5 §6.2). */
const ds = (n: number): string => String(Number(n.toPrecision(6)));

/** Seed-derived patient demographics. */
export function seededPatient(seed: number): PatientInfo {
  const r = rng(seed ^ 0x5eed);
  const birth = new Date(Date.UTC(r.int(1950, 2012), r.int(0, 11), r.int(1, 28)));
  return {
    name: `${r.pick(FAMILY)}^${r.pick(GIVEN)}`,
    id: `TLR${pad(r.int(0, 9_999_999), 7)}`,
    birthDate: ymd(birth),
    sex: r.pick(['M', 'F'] as const),
  };
}

/** Seed-derived study attributes (UID fresh unless `deterministic`). */
export function seededStudy(seed: number, deterministic = false): StudyInfo {
  const r = rng(seed ^ 0x57d1);
  const date = new Date(Date.UTC(2024, 0, 1) + r.int(0, 700) * 86_400_000);
  return {
    studyInstanceUid: deterministic ? seededUid('study', seed) : newUid(),
    accessionNumber: `A${pad(r.int(0, 99_999_999), 8)}`,
    studyId: String(r.int(1, 99_999)),
    studyDate: ymd(date),
    studyTime: `${pad(r.int(7, 18), 2)}${pad(r.int(0, 59), 2)}${pad(r.int(0, 59), 2)}`,
    description: 'Chest PA',
    referringPhysician: 'PANEL^PHYSICIAN',
    institutionName: r.pick(CLINICS),
  };
}

/** Builds a synthetic chest X-ray with a full DX or CR header (PS3.3 §A.26 / §A.2). */
export function makeCxr(opts: CxrOptions = {}): CxrImage {
  const seed = opts.seed ?? 1;
  const modality = opts.modality ?? 'DX';
  const spec: PixelSpec = {
    rows: opts.rows ?? 2500,
    columns: opts.columns ?? 2048,
    bitsStored: opts.bitsStored ?? 12,
    photometric: opts.photometric ?? 'MONOCHROME2',
    view: opts.view ?? 'PA',
    seed,
    noise: opts.noise ?? 'flat',
    ...(opts.field ? { field: opts.field } : {}),
  };
  const patient = { ...seededPatient(seed), ...opts.patient };
  const study = { ...seededStudy(seed, opts.deterministicUids), ...opts.study };
  const uid = (kind: string): string =>
    opts.deterministicUids ? seededUid(kind, seed, study.studyInstanceUid) : newUid();
  const seriesInstanceUid = opts.seriesInstanceUid ?? uid('series');
  const sopInstanceUid = opts.sopInstanceUid ?? uid('instance');
  const sopClassUid = SOP_CLASS[modality];
  const pixels = synthCxrPixels(spec);
  const enc = charsetEncoder(opts.charset ?? 'ISO_IR 6');
  const bitsAllocated = spec.bitsStored === 8 ? 8 : 16;
  // The window follows the signal's range: a detector image uses at most the ADC's bits.
  const max =
    spec.noise === 'detector' && spec.bitsStored !== 8
      ? 2 ** Math.min(spec.bitsStored, DETECTOR.adcBits) - 1
      : (1 << spec.bitsStored) - 1;
  const spacing = ds(430 / spec.rows);
  const mono1 = spec.photometric === 'MONOCHROME1';
  const orientation = spec.view === 'LATERAL' ? ['P', 'F'] : ['L', 'F'];
  const t = (g: number, e: number): number => tag(g, e);

  const dataSet: DataSet = [
    text(t(0x0008, 0x0008), 'CS', ['ORIGINAL', 'PRIMARY']),
    text(t(0x0008, 0x0012), 'DA', study.studyDate),
    text(t(0x0008, 0x0013), 'TM', study.studyTime),
    text(t(0x0008, 0x0016), 'UI', sopClassUid),
    text(t(0x0008, 0x0018), 'UI', sopInstanceUid),
    text(t(0x0008, 0x0020), 'DA', study.studyDate),
    text(t(0x0008, 0x0021), 'DA', study.studyDate),
    text(t(0x0008, 0x0023), 'DA', study.studyDate),
    text(t(0x0008, 0x0030), 'TM', study.studyTime),
    text(t(0x0008, 0x0031), 'TM', study.studyTime),
    text(t(0x0008, 0x0033), 'TM', study.studyTime),
    text(t(0x0008, 0x0050), 'SH', study.accessionNumber),
    text(t(0x0008, 0x0060), 'CS', modality),
    text(t(0x0008, 0x0070), 'LO', 'Telerad Synthetic Imaging'),
    text(t(0x0008, 0x0080), 'LO', study.institutionName, enc),
    text(t(0x0008, 0x0090), 'PN', study.referringPhysician, enc),
    text(t(0x0008, 0x1010), 'SH', `${modality}ROOM1`),
    text(t(0x0008, 0x1030), 'LO', study.description, enc),
    text(t(0x0008, 0x103e), 'LO', `Chest ${spec.view}`, enc),
    text(t(0x0008, 0x1090), 'LO', 'SynthCXR 1'),
    sequence(t(0x0008, 0x2218), [
      [
        text(t(0x0008, 0x0100), 'SH', '51185008'),
        text(t(0x0008, 0x0102), 'SH', 'SCT'),
        text(t(0x0008, 0x0104), 'LO', 'Chest'),
      ],
    ]),
    text(t(0x0010, 0x0010), 'PN', patient.name, enc),
    text(t(0x0010, 0x0020), 'LO', patient.id, enc),
    text(t(0x0010, 0x0030), 'DA', patient.birthDate),
    text(t(0x0010, 0x0040), 'CS', patient.sex),
    text(t(0x0018, 0x0015), 'CS', 'CHEST'),
    text(t(0x0018, 0x0060), 'DS', '120'),
    text(t(0x0018, 0x1020), 'LO', '1.0.0'),
    text(t(0x0018, 0x1110), 'DS', '1800'),
    text(t(0x0018, 0x1150), 'IS', '8'),
    text(t(0x0018, 0x1151), 'IS', '250'),
    text(t(0x0018, 0x1164), 'DS', [spacing, spacing]),
    text(t(0x0018, 0x5101), 'CS', spec.view === 'LATERAL' ? 'LATERAL' : spec.view),
    text(t(0x0020, 0x000d), 'UI', study.studyInstanceUid),
    text(t(0x0020, 0x000e), 'UI', seriesInstanceUid),
    text(t(0x0020, 0x0010), 'SH', study.studyId),
    text(t(0x0020, 0x0011), 'IS', String(opts.seriesNumber ?? 1)),
    text(t(0x0020, 0x0013), 'IS', String(opts.instanceNumber ?? 1)),
    text(t(0x0020, 0x0020), 'CS', orientation),
    text(t(0x0020, 0x0062), 'CS', 'U'),
    us(t(0x0028, 0x0002), 1),
    text(t(0x0028, 0x0004), 'CS', spec.photometric),
    us(t(0x0028, 0x0010), spec.rows),
    us(t(0x0028, 0x0011), spec.columns),
    text(t(0x0028, 0x0030), 'DS', [spacing, spacing]),
    us(t(0x0028, 0x0100), bitsAllocated),
    us(t(0x0028, 0x0101), spec.bitsStored),
    us(t(0x0028, 0x0102), spec.bitsStored - 1),
    us(t(0x0028, 0x0103), 0),
    text(t(0x0028, 0x0301), 'CS', 'NO'),
    text(t(0x0028, 0x1040), 'CS', 'LOG'),
    // PS3.3 §C.8.11.3.1.2: +1 = higher values mean more X-ray intensity (dark), as in MONOCHROME1.
    binary(t(0x0028, 0x1041), 'SS', Uint8Array.of(mono1 ? 1 : 0xff, mono1 ? 0 : 0xff)),
    text(t(0x0028, 0x1050), 'DS', ds(Math.round(max * 0.45))),
    text(t(0x0028, 0x1051), 'DS', ds(Math.round(max * 0.8))),
    text(t(0x0028, 0x1052), 'DS', '0'),
    text(t(0x0028, 0x1053), 'DS', '1'),
    text(t(0x0028, 0x1054), 'LO', 'US'),
    text(t(0x0028, 0x2110), 'CS', '00'),
    text(t(0x2050, 0x0020), 'CS', mono1 ? 'INVERSE' : 'IDENTITY'),
    binary(t(0x7fe0, 0x0010), bitsAllocated === 8 ? 'OB' : 'OW', pixelBytes(pixels)),
  ];
  if (modality === 'DX') {
    dataSet.push(
      text(t(0x0008, 0x0068), 'CS', 'FOR PRESENTATION'),
      text(t(0x0018, 0x7004), 'CS', 'SCINTILLATOR'),
    );
  }
  if (opts.charset && opts.charset !== 'ISO_IR 6') {
    dataSet.push(text(t(0x0008, 0x0005), 'CS', opts.charset));
  }
  if (opts.comments) dataSet.push(text(t(0x0010, 0x4000), 'LT', opts.comments, enc));
  return { dataSet, pixels, spec, sopClassUid, sopInstanceUid, seriesInstanceUid, study, patient };
}
