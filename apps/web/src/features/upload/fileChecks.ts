import dicomParser from 'dicom-parser';

/** A problem found in the browser before sending, in words a clinic uses. */
export interface Warning {
  kind: 'not-image' | 'not-chest-xray' | 'no-patient-id' | 'already-sent' | 'odd-size';
  text: string;
  /** The same in the `upload` catalogue: `warnings.<message>`, filled with `params`. */
  message: 'not-image' | 'not-chest-xray' | 'no-patient-id' | 'already-sent' | 'small' | 'large';
  params?: Record<string, string>;
  /** Whether the user may send anyway (never for a file that is not an X-ray image file). */
  overridable: boolean;
}

/** What the page learnt from a file's header. */
export interface FileFacts {
  isDicom: boolean;
  sopUid: string | null;
  studyUid: string | null;
  patientId: string | null;
  patientName: string | null;
  modality: string | null;
  /** A DICOMDIR: its referenced files (paths relative to its folder, '/'-separated, upper case). */
  referencedFiles: string[] | null;
}

const NOT_DICOM: FileFacts = {
  isDicom: false,
  sopUid: null,
  studyUid: null,
  patientId: null,
  patientName: null,
  modality: null,
  referencedFiles: null,
};

/** Images smaller than this are almost certainly not a whole X-ray. */
export const MIN_PLAUSIBLE_BYTES = 50 * 1024;
/** Larger than any chest X-ray a clinic sends (the server refuses above its own limit). */
export const MAX_PLAUSIBLE_BYTES = 200 * 1024 * 1024;

/**
 * Reads a Part 10 header (PS3.10 §7.1: 128-byte preamble, "DICM") from `bytes`, stopping before
 * the pixel data. A DICOMDIR (Media Storage Directory, 1.2.840.10008.1.3.10) lists its files in
 * the Directory Record Sequence (0004,1220), each as Referenced File ID (0004,1500).
 */
export function readFacts(bytes: Uint8Array): FileFacts {
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM')
    return NOT_DICOM;
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
  } catch (e) {
    // A header cut short by the slice read is still usable when it came with a partial data set.
    const partial = (e as { dataSet?: dicomParser.DataSet }).dataSet;
    if (!partial) return NOT_DICOM;
    ds = partial;
  }
  const str = (tag: string) => ds.string(tag)?.trim() || null;
  const isDir = str('x00020002') === '1.2.840.10008.1.3.10';
  const records = isDir ? (ds.elements.x00041220?.items ?? []) : [];
  return {
    isDicom: true,
    sopUid: str('x00080018'),
    studyUid: str('x0020000d'),
    patientId: str('x00100020'),
    patientName: str('x00100010'),
    modality: str('x00080060'),
    referencedFiles: isDir
      ? records
          .map((r) => r.dataSet?.string('x00041500')?.trim())
          .filter((p): p is string => !!p)
          .map((p) => p.split('\\').join('/').toUpperCase())
      : null,
  };
}

/** The warnings of one file before sending (`alreadySent`: the server knows this image). */
export function warningsFor(facts: FileFacts, size: number, alreadySent: boolean): Warning[] {
  if (!facts.isDicom)
    return [
      {
        kind: 'not-image',
        message: 'not-image',
        text: 'This is not an X-ray image file. Send the files your X-ray unit saved.',
        overridable: false,
      },
    ];
  const w: Warning[] = [];
  if (facts.modality !== 'CR' && facts.modality !== 'DX')
    w.push({
      kind: 'not-chest-xray',
      message: 'not-chest-xray',
      ...(facts.modality ? { params: { modality: facts.modality } } : {}),
      text: `This does not look like an X-ray (it says "${facts.modality ?? 'unknown'}"). The centre reads chest X-rays only.`,
      overridable: true,
    });
  if (!facts.patientId)
    w.push({
      kind: 'no-patient-id',
      message: 'no-patient-id',
      text: "The applicant's ID is missing from this image. The centre will have to ask you for it before reading.",
      overridable: true,
    });
  if (alreadySent)
    w.push({
      kind: 'already-sent',
      message: 'already-sent',
      text: 'This image was already sent. Sending it again changes nothing.',
      overridable: true,
    });
  if (size < MIN_PLAUSIBLE_BYTES || size > MAX_PLAUSIBLE_BYTES)
    w.push({
      kind: 'odd-size',
      message: size < MIN_PLAUSIBLE_BYTES ? 'small' : 'large',
      params: { size: formatBytes(size) },
      text: `This file is unusually ${size < MIN_PLAUSIBLE_BYTES ? 'small' : 'large'} for an X-ray (${formatBytes(size)}). Check it is the right file.`,
      overridable: true,
    });
  return w;
}

/** A byte count as people read it. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
