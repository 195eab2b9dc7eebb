/**
 * A structural walk of a DICOM Part 10 file (PS3.10 §7, PS3.5 §7): reads only element headers,
 * never values, to find where Pixel Data starts and to prove that every element and item fits in
 * the file. This is how a truncated file, garbage, or an element with an impossible length is
 * caught without loading the image.
 */

/** Random access to the bytes being walked: `read(offset, length)` may return fewer at the end. */
export type ByteReader = (offset: number, length: number) => Uint8Array;

/** Transfer syntaxes whose dataset is encoded Explicit VR Big Endian. */
export const EXPLICIT_BIG_ENDIAN = '1.2.840.10008.1.2.2';
/** Implicit VR Little Endian. */
export const IMPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2';
/** Deflated Explicit VR Little Endian: the dataset after the meta group is deflate-compressed. */
export const DEFLATED_EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';

/** Why a file is structurally broken. */
export class DicomStructureError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'DicomStructureError';
  }
}

/** What the walk of the file meta information found. */
export interface MetaInfo {
  /** Offset of the first dataset byte (after group 0002). */
  datasetOffset: number;
  transferSyntaxUid: string;
  mediaStorageSopClassUid: string | null;
  mediaStorageSopInstanceUid: string | null;
}

/** VRs whose explicit-VR element header has a 32-bit length (PS3.5 §7.1.2). */
export const VR_WITH_LONG_LENGTH: ReadonlySet<string> = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);
const UNDEFINED = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_DELIMITER = 0xfffee00d;
const SEQUENCE_DELIMITER = 0xfffee0dd;
const PIXEL_DATA = 0x7fe00010;
const ascii = (b: Uint8Array) => String.fromCharCode(...b);
const trimUid = (s: string) => s.replace(/[\0 ]+$/, '');

/** Reads the preamble, `DICM` and the group 0002 meta elements (always Explicit VR Little Endian). */
export function readMeta(read: ByteReader, size: number): MetaInfo {
  if (size < 132) throw new DicomStructureError('file is shorter than a DICOM preamble', 0);
  if (ascii(read(128, 4)) !== 'DICM')
    throw new DicomStructureError(
      'no "DICM" marker after the 128-byte preamble: not a DICOM Part 10 file',
      128,
    );
  let offset = 132;
  const found: Record<number, string> = {};
  while (offset + 8 <= size) {
    const h = read(offset, 8);
    const dv = new DataView(h.buffer, h.byteOffset, h.byteLength);
    const group = dv.getUint16(0, true);
    if (group !== 0x0002) break;
    const tag = (group << 16) | dv.getUint16(2, true);
    const vr = ascii(h.subarray(4, 6));
    let length: number;
    let headerLength = 8;
    if (VR_WITH_LONG_LENGTH.has(vr)) {
      const l = read(offset + 8, 4);
      length = new DataView(l.buffer, l.byteOffset, 4).getUint32(0, true);
      headerLength = 12;
    } else {
      length = dv.getUint16(6, true);
    }
    if (length === UNDEFINED || offset + headerLength + length > size) {
      throw new DicomStructureError(
        `meta element (0002,${(tag & 0xffff).toString(16).padStart(4, '0')}) runs past the end of the file`,
        offset,
      );
    }
    if (length <= 256) found[tag] = trimUid(ascii(read(offset + headerLength, length)));
    offset += headerLength + length;
  }
  const ts = found[0x00020010];
  if (!ts)
    throw new DicomStructureError(
      'file meta information has no Transfer Syntax UID (0002,0010)',
      offset,
    );
  return {
    datasetOffset: offset,
    transferSyntaxUid: ts,
    mediaStorageSopClassUid: found[0x00020002] ?? null,
    mediaStorageSopInstanceUid: found[0x00020003] ?? null,
  };
}

/** Result of walking a dataset. */
export interface DatasetWalk {
  /** Offset of the Pixel Data element's tag, or null when the dataset has none. */
  pixelDataOffset: number | null;
  /** Offset just past the last element. */
  end: number;
}

/**
 * Walks the dataset from `offset` to `size`, skipping values by their lengths and descending into
 * undefined-length sequences and encapsulated pixel data. Throws DicomStructureError when an
 * element, item or fragment does not fit, or a delimiter is missing.
 */
export function walkDataset(
  read: ByteReader,
  offset: number,
  size: number,
  transferSyntaxUid: string,
): DatasetWalk {
  const littleEndian = transferSyntaxUid !== EXPLICIT_BIG_ENDIAN;
  const explicit = transferSyntaxUid !== IMPLICIT_LITTLE_ENDIAN;
  let pixelDataOffset: number | null = null;

  // Byte arithmetic rather than a DataView per read: the walk reads hundreds of headers.
  const u16 = littleEndian
    ? (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8)
    : (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
  const u32 = littleEndian
    ? (b: Uint8Array, at: number) =>
        (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0
    : (b: Uint8Array, at: number) =>
        ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;

  /** Reads an element header; items and delimiters are always implicit (PS3.5 §7.5). */
  const header = (at: number): { tag: number; length: number; headerLength: number } => {
    if (at + 8 > size)
      throw new DicomStructureError('file ends inside an element header (truncated)', at);
    const h = read(at, 8);
    const tag = ((u16(h, 0) << 16) | u16(h, 2)) >>> 0;
    if (tag === ITEM || tag === ITEM_DELIMITER || tag === SEQUENCE_DELIMITER || !explicit) {
      return { tag, length: u32(h, 4), headerLength: 8 };
    }
    const vr = String.fromCharCode(h[4]!, h[5]!);
    if (!isUpper(h[4]!) || !isUpper(h[5]!))
      throw new DicomStructureError(
        `invalid VR "${vr}" at tag ${tag.toString(16).padStart(8, '0')}: not DICOM, or wrong transfer syntax`,
        at,
      );
    if (VR_WITH_LONG_LENGTH.has(vr)) {
      if (at + 12 > size)
        throw new DicomStructureError('file ends inside an element header (truncated)', at);
      return { tag, length: u32(read(at + 8, 4), 0), headerLength: 12 };
    }
    return { tag, length: u16(h, 6), headerLength: 8 };
  };

  const fits = (at: number, length: number, what: string) => {
    if (at + length > size)
      throw new DicomStructureError(
        `${what} declares ${length} bytes but the file ends ${size - at} bytes later (truncated, or an oversized length field)`,
        at,
      );
  };

  /** Walks items of an undefined-length sequence (or pixel fragments) up to its delimiter. */
  const walkItems = (at: number, depth: number): number => {
    let pos = at;
    for (;;) {
      const h = header(pos);
      pos += h.headerLength;
      if (h.tag === SEQUENCE_DELIMITER) return pos;
      if (h.tag !== ITEM)
        throw new DicomStructureError(
          `expected an item inside a sequence, found tag ${h.tag.toString(16).padStart(8, '0')}`,
          pos - h.headerLength,
        );
      if (h.length === UNDEFINED) {
        pos = walkElements(pos, depth + 1, true);
      } else {
        fits(pos, h.length, 'an item');
        pos += h.length;
      }
    }
  };

  /** Walks elements until `size` (top level) or an item delimiter (inside an item). */
  const walkElements = (at: number, depth: number, inItem: boolean): number => {
    if (depth > 32) throw new DicomStructureError('sequences nested deeper than 32 levels', at);
    let pos = at;
    while (pos < size) {
      if (!inItem && size - pos < 8) {
        // Trailing padding shorter than an element header: tolerate only zero bytes.
        if (read(pos, size - pos).every((b) => b === 0)) return size;
        throw new DicomStructureError('file ends inside an element header (truncated)', pos);
      }
      const h = header(pos);
      if (inItem && h.tag === ITEM_DELIMITER) return pos + h.headerLength;
      if (h.tag === PIXEL_DATA && depth === 0) pixelDataOffset = pos;
      pos += h.headerLength;
      if (h.length === UNDEFINED) {
        pos = walkItems(pos, depth);
      } else {
        fits(
          pos,
          h.length,
          `element (${(h.tag >>> 16).toString(16).padStart(4, '0')},${(h.tag & 0xffff).toString(16).padStart(4, '0')})`,
        );
        pos += h.length;
      }
    }
    if (inItem) throw new DicomStructureError('file ends inside a sequence item (truncated)', pos);
    return pos;
  };

  const end = walkElements(offset, 0, false);
  return { pixelDataOffset, end };
}
