import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SOP_CLASS, makeCxr } from './cxr';
import { drop, tag, text, put, type DataSet } from './elements';
import { rng } from './rng';
import { TS } from './syntaxes';
import { encodeBody, encodeMeta, writePart10 } from './writePart10';

/** How a broken fixture should be treated by a reader. */
export type BrokenKind =
  /** Not parseable as DICOM at all: a reader must fail (and an archive reject it). */
  | 'unparseable'
  /** Parses, but a Type 1 attribute the archive needs is absent. */
  | 'missing-attribute'
  /** Parses, but contradicts itself (meta vs data set, SOP class vs content). */
  | 'inconsistent';

/** One broken fixture: where it is and what is wrong with it. */
export interface BrokenFile {
  path: string;
  kind: BrokenKind;
  problem: string;
  /** For `missing-attribute`: the keyword of the missing attribute. */
  missing?: string;
}

/** Names of the broken fixtures (the file is `<name>.dcm`). */
export type BrokenName =
  | 'truncated-pixel-data'
  | 'truncated-header'
  | 'garbage'
  | 'zero-bytes'
  | 'no-dicm-magic'
  | 'missing-study-uid'
  | 'missing-sop-instance-uid'
  | 'missing-patient-id'
  | 'ct-class-without-ct-attributes'
  | 'meta-sop-class-mismatch'
  | 'oversized-length-implicit'
  | 'oversized-pixel-length';

const SMALL = { rows: 64, columns: 64, modality: 'CR', deterministicUids: true } as const;

/** Replaces the 32-bit length of the first element with `t` (implicit VR LE data set). */
function setImplicitLength(body: Buffer, t: number, length: number): Buffer {
  const out = Buffer.from(body);
  let pos = 0;
  while (pos + 8 <= out.length) {
    const found = ((out.readUInt16LE(pos) << 16) | out.readUInt16LE(pos + 2)) >>> 0;
    const len = out.readUInt32LE(pos + 4);
    if (found === t) {
      out.writeUInt32LE(length, pos + 4);
      return out;
    }
    pos += 8 + (len === 0xffffffff ? 0 : len);
  }
  throw new Error(`tag ${t.toString(16)} not found`);
}

/**
 * Writes deliberately broken inputs into `dir` and describes each. An archive must reject the
 * unparseable and missing-attribute ones with a clear error and never index half of them.
 */
export async function brokenFiles(dir: string, seed = 42): Promise<Record<BrokenName, BrokenFile>> {
  await mkdir(dir, { recursive: true });
  const image = makeCxr({ ...SMALL, seed });
  const valid = writePart10(image.dataSet, { transferSyntax: TS.explicitLE });
  const meta = encodeMeta(image.dataSet, TS.explicitLE);
  const headerEnd = 132 + meta.length;
  const pixelStart = valid.length - image.pixels.byteLength;
  const part10 = (ds: DataSet, meta?: { mediaStorageSopClassUid?: string }): Buffer =>
    writePart10(ds, { transferSyntax: TS.explicitLE, ...(meta ? { meta } : {}) });

  const noMagic = Buffer.from(valid);
  noMagic.write('DICX', 128, 'latin1');
  const garbage = Buffer.alloc(4096);
  const r = rng(seed);
  for (let i = 0; i < garbage.length; i++) garbage[i] = r.int(0, 255);

  // Implicit VR: PatientID (0010,0020) claims 0x7FFFFFF0 bytes in a file of a few kilobytes.
  const implicitBody = encodeBody(image.dataSet, TS.implicitLE);
  const oversized = Buffer.concat([
    valid.subarray(0, 132),
    encodeMeta(image.dataSet, TS.implicitLE),
    setImplicitLength(implicitBody, tag(0x0010, 0x0020), 0x7ffffff0),
  ]);
  // Explicit VR: the OW PixelData length field (last 4 header bytes) claims 0x7FFFFFF0 bytes.
  const longPixels = Buffer.from(valid);
  longPixels.writeUInt32LE(0x7ffffff0, pixelStart - 4);

  const ctDataSet = put(
    put(image.dataSet, text(tag(0x0008, 0x0016), 'UI', SOP_CLASS.CT)),
    text(tag(0x0008, 0x0060), 'CS', 'CT'),
  );

  const files: Record<BrokenName, [Buffer, BrokenKind, string, string?]> = {
    'truncated-pixel-data': [
      valid.subarray(0, pixelStart + Math.floor(image.pixels.byteLength / 2)),
      'unparseable',
      'file ends halfway through PixelData (connection dropped mid-transfer)',
    ],
    'truncated-header': [
      valid.subarray(0, headerEnd + 45),
      'unparseable',
      'file ends inside the data set header, a few elements after the meta group',
    ],
    garbage: [garbage, 'unparseable', '4 KiB of random bytes'],
    'zero-bytes': [Buffer.alloc(0), 'unparseable', 'empty file'],
    'no-dicm-magic': [noMagic, 'unparseable', 'Part 10 file whose magic at offset 128 is "DICX"'],
    'missing-study-uid': [
      part10(drop(image.dataSet, tag(0x0020, 0x000d))),
      'missing-attribute',
      'no StudyInstanceUID (0020,000D)',
      'StudyInstanceUID',
    ],
    'missing-sop-instance-uid': [
      part10(drop(image.dataSet, tag(0x0008, 0x0018))),
      'missing-attribute',
      'no SOPInstanceUID (0008,0018) in the data set (the meta group still has one)',
      'SOPInstanceUID',
    ],
    'missing-patient-id': [
      part10(drop(image.dataSet, tag(0x0010, 0x0020))),
      'missing-attribute',
      'no PatientID (0010,0020)',
      'PatientID',
    ],
    'ct-class-without-ct-attributes': [
      part10(ctDataSet),
      'inconsistent',
      'SOPClassUID is CT Image Storage but the content is a CR: no ImagePositionPatient, ImageOrientationPatient, RescaleIntercept/Slope as CT requires',
    ],
    'meta-sop-class-mismatch': [
      part10(image.dataSet, { mediaStorageSopClassUid: SOP_CLASS.DX }),
      'inconsistent',
      'MediaStorageSOPClassUID in the meta group is DX, SOPClassUID in the data set is CR',
    ],
    'oversized-length-implicit': [
      oversized,
      'unparseable',
      'implicit VR file whose PatientID length field is 0x7FFFFFF0',
    ],
    'oversized-pixel-length': [
      longPixels,
      'unparseable',
      'PixelData length field is 0x7FFFFFF0 but only 8 KiB of pixels follow',
    ],
  };

  const out = {} as Record<BrokenName, BrokenFile>;
  for (const [name, [bytes, kind, problem, missing]] of Object.entries(files) as [
    BrokenName,
    (typeof files)[BrokenName],
  ][]) {
    const path = join(dir, `${name}.dcm`);
    await writeFile(path, bytes);
    out[name] = { path, kind, problem, ...(missing ? { missing } : {}) };
  }
  return out;
}
