import dcmjs from 'dcmjs';
import { transcode } from '../transcode';
import type { GreyImage } from './preprocess';

/**
 * Decoding a stored image's first frame into modality values for the model. Compressed and
 * deflated objects are first converted to Explicit VR Little Endian by the one transcoding
 * mechanism (modules/transcode: dcmjs-codecs' decoders); native ones are read as stored. The
 * Image Pixel module is read as PS3.3 §C.7.6.3 defines it; the Modality LUT's Rescale Slope and
 * Intercept (§C.11.1) are applied. Grey images (MONOCHROME1/2) only, or RGB reduced to its mean.
 */

/** Native syntaxes dcmjs reads directly (PS3.5 §A.1, §A.2). */
const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);
const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';

/** Why an image cannot be turned into model input: recorded as the product's "undecodable". */
export class UndecodableImage extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UndecodableImage';
  }
}

type Natural = Record<string, unknown>;

const num = (v: unknown): number | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Pixel Data as one buffer, whatever pieces dcmjs read it in. */
function pixelBytes(v: unknown): Buffer {
  const parts = Array.isArray(v) ? v : [v];
  return Buffer.concat(
    parts
      .filter(
        (p): p is ArrayBuffer | ArrayBufferView =>
          p instanceof ArrayBuffer || ArrayBuffer.isView(p),
      )
      .map((p) =>
        p instanceof ArrayBuffer
          ? Buffer.from(p)
          : Buffer.from(p.buffer, p.byteOffset, p.byteLength),
      ),
  );
}

/**
 * Reads the stored Part 10 file `file` (in `syntax`) into a {@link GreyImage}. Throws
 * {@link UndecodableImage} when its pixels cannot be decoded or are not an image the runner
 * reads; other failures (a file that cannot be read) are thrown as they are, for a retry.
 */
export async function decodeGrey(file: Buffer, syntax: string): Promise<GreyImage> {
  let bytes = file;
  if (!NATIVE.has(syntax)) {
    try {
      bytes = (await transcode(file, syntax, EXPLICIT_VR_LE)).part10;
    } catch (e) {
      throw new UndecodableImage((e as Error).message);
    }
  }
  let ds: Natural;
  try {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const parsed = dcmjs.data.DicomMessage.readFile(ab as ArrayBuffer);
    ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(parsed.dict) as Natural;
  } catch (e) {
    throw new UndecodableImage(`the object cannot be parsed: ${(e as Error).message}`);
  }
  return greyFromDataset(ds);
}

/** The first frame of a naturalised data set as modality values (see the module comment). */
export function greyFromDataset(ds: Natural): GreyImage {
  const rows = num(ds.Rows);
  const columns = num(ds.Columns);
  const bitsAllocated = num(ds.BitsAllocated);
  const bitsStored = num(ds.BitsStored) ?? bitsAllocated;
  const samples = num(ds.SamplesPerPixel) ?? 1;
  const signed = num(ds.PixelRepresentation) === 1;
  const photometric = String(ds.PhotometricInterpretation ?? '').trim();
  if (!rows || !columns) throw new UndecodableImage('the image has no Rows or Columns');
  if (bitsAllocated !== 8 && bitsAllocated !== 16)
    throw new UndecodableImage(`Bits Allocated ${bitsAllocated} is not 8 or 16`);
  if (!['MONOCHROME1', 'MONOCHROME2', 'RGB'].includes(photometric))
    throw new UndecodableImage(`Photometric Interpretation ${photometric || '(none)'} is not read`);
  if ((photometric === 'RGB') !== (samples === 3))
    throw new UndecodableImage(`${samples} sample(s) per pixel do not fit ${photometric}`);
  const count = rows * columns * samples;
  const raw = pixelBytes(ds.PixelData);
  const bytesPer = bitsAllocated / 8;
  if (raw.length < count * bytesPer)
    throw new UndecodableImage(
      `Pixel Data holds ${raw.length} bytes; a ${columns}×${rows} frame needs ${count * bytesPer}`,
    );
  const stored = Math.min(bitsStored ?? bitsAllocated, bitsAllocated);
  const mask = 2 ** stored - 1;
  const signBit = 2 ** (stored - 1);
  // Little endian words (the hosts Node runs on here are little endian), copied once into an
  // aligned array, since Pixel Data may start at an odd byte.
  const words =
    bitsAllocated === 8
      ? raw.subarray(0, count)
      : new Uint16Array(
          raw.buffer.slice(raw.byteOffset, raw.byteOffset + count * 2) as ArrayBuffer,
        );
  const slope = num(ds.RescaleSlope) ?? 1;
  const intercept = num(ds.RescaleIntercept) ?? 0;
  const read = (i: number): number => {
    // Bits above Bits Stored are not pixel data (PS3.5 §8.1.1): masked, and signed values
    // sign-extended from the stored high bit.
    const v = words[i]! & mask;
    return signed && v >= signBit ? v - 2 * signBit : v;
  };
  const pixels = rows * columns;
  const values = new Float32Array(pixels);
  const planar = num(ds.PlanarConfiguration) === 1;
  if (samples === 1) for (let p = 0; p < pixels; p++) values[p] = read(p) * slope + intercept;
  else
    for (let p = 0; p < pixels; p++) {
      const v = planar
        ? read(p) + read(p + pixels) + read(p + 2 * pixels)
        : read(p * 3) + read(p * 3 + 1) + read(p * 3 + 2);
      values[p] = (v / 3) * slope + intercept;
    }
  const center = num(ds.WindowCenter);
  const width = num(ds.WindowWidth);
  return {
    rows,
    columns,
    values,
    inverted: photometric === 'MONOCHROME1',
    window: center !== undefined && width !== undefined ? { center, width } : null,
  };
}
