import { deflateRawSync } from 'node:zlib';
import {
  LONG_VRS,
  SWAP_WIDTH,
  asciiEncoder,
  binary,
  tag,
  text,
  textOf,
  ul,
  type DataSet,
  type DicomElement,
  type Vr,
} from './elements';
import { TS } from './syntaxes';

/**
 * Part 10 file writer (PS3.10 §7.1): 128-byte preamble, "DICM", the file meta group in explicit VR
 * little endian, then the data set in the transfer syntax named in the meta group (PS3.5 §A).
 */

/** Implementation Class UID of the fixture writer (a fixed 2.25 UUID-derived UID). */
export const IMPLEMENTATION_CLASS_UID = '2.25.223066418716447005218960376447093346173';
/** Implementation Version Name of the fixture writer (≤ 16 characters). */
export const IMPLEMENTATION_VERSION = 'TELERAD_FIX_1';

const UNDEFINED_LENGTH = 0xffffffff;
const ITEM = tag(0xfffe, 0xe000);
const SEQUENCE_DELIMITER = tag(0xfffe, 0xe0dd);

interface Encoding {
  explicitVr: boolean;
  littleEndian: boolean;
}

/** Overrides for the file meta group, used to build inconsistent files on purpose. */
export interface MetaOverrides {
  mediaStorageSopClassUid?: string;
  mediaStorageSopInstanceUid?: string;
  sourceAe?: string;
}

/** Options of {@link writePart10}. */
export interface WritePart10Options {
  /** Transfer syntax UID written into the meta group; selects the data set encoding. */
  transferSyntax: string;
  meta?: MetaOverrides;
}

function encodingOf(ts: string): Encoding {
  if (ts === TS.implicitLE) return { explicitVr: false, littleEndian: true };
  if (ts === TS.explicitBE) return { explicitVr: true, littleEndian: false };
  return { explicitVr: true, littleEndian: true };
}

/** Swaps each `width`-byte number of a little-endian value to big endian. */
function swapped(value: Uint8Array, width: number | undefined): Uint8Array {
  if (!width || width === 1) return value;
  const out = new Uint8Array(value.length);
  for (let i = 0; i + width <= value.length; i += width) {
    for (let b = 0; b < width; b++) out[i + b] = value[i + width - 1 - b] ?? 0;
  }
  return out;
}

function header(t: number, vr: string, length: number, enc: Encoding): Buffer {
  const le = enc.littleEndian;
  const group = t >>> 16;
  const element = t & 0xffff;
  const implicit = !enc.explicitVr || group === 0xfffe;
  const long = !implicit && LONG_VRS.has(vr as Vr);
  const buf = Buffer.alloc(long ? 12 : 8);
  if (le) {
    buf.writeUInt16LE(group, 0);
    buf.writeUInt16LE(element, 2);
  } else {
    buf.writeUInt16BE(group, 0);
    buf.writeUInt16BE(element, 2);
  }
  if (implicit) {
    if (le) buf.writeUInt32LE(length, 4);
    else buf.writeUInt32BE(length, 4);
  } else if (long) {
    buf.write(vr, 4, 'latin1');
    if (le) buf.writeUInt32LE(length, 8);
    else buf.writeUInt32BE(length, 8);
  } else {
    buf.write(vr, 4, 'latin1');
    if (le) buf.writeUInt16LE(length, 6);
    else buf.writeUInt16BE(length, 6);
  }
  return buf;
}

function encodeElement(el: DicomElement, enc: Encoding, out: Buffer[]): void {
  if (el.kind === 'value') {
    const value = enc.littleEndian ? el.value : swapped(el.value, SWAP_WIDTH[el.vr]);
    out.push(header(el.tag, el.vr, value.length, enc), Buffer.from(value));
  } else if (el.kind === 'sequence') {
    const items = el.items.map((item) => {
      const body = encodeDataSet(item, enc);
      return Buffer.concat([header(ITEM, '', body.length, enc), body]);
    });
    const body = Buffer.concat(items);
    out.push(header(el.tag, 'SQ', body.length, enc), body);
  } else {
    // PS3.5 §A.4: undefined length, an (empty) basic offset table item, one item per fragment.
    out.push(header(el.tag, 'OB', UNDEFINED_LENGTH, enc), header(ITEM, '', 0, enc));
    for (const f of el.fragments) out.push(header(ITEM, '', f.length, enc), Buffer.from(f));
    out.push(header(SEQUENCE_DELIMITER, '', 0, enc));
  }
}

/** Encodes a data set (no preamble, no meta) in the given encoding, elements sorted by tag. */
function encodeDataSet(ds: DataSet, enc: Encoding): Buffer {
  const out: Buffer[] = [];
  for (const el of [...ds].sort((a, b) => a.tag - b.tag)) encodeElement(el, enc, out);
  return Buffer.concat(out);
}

/** The file meta information group (PS3.10 §7.1), always explicit VR little endian. */
export function encodeMeta(ds: DataSet, transferSyntax: string, meta: MetaOverrides = {}): Buffer {
  const sopClass = meta.mediaStorageSopClassUid ?? textOf(ds, tag(0x0008, 0x0016)) ?? '';
  const sopInstance = meta.mediaStorageSopInstanceUid ?? textOf(ds, tag(0x0008, 0x0018)) ?? '';
  const elements: DataSet = [
    binary(tag(0x0002, 0x0001), 'OB', Uint8Array.of(0, 1)),
    text(tag(0x0002, 0x0002), 'UI', sopClass),
    text(tag(0x0002, 0x0003), 'UI', sopInstance),
    text(tag(0x0002, 0x0010), 'UI', transferSyntax),
    text(tag(0x0002, 0x0012), 'UI', IMPLEMENTATION_CLASS_UID),
    text(tag(0x0002, 0x0013), 'SH', IMPLEMENTATION_VERSION, asciiEncoder),
  ];
  if (meta.sourceAe) elements.push(text(tag(0x0002, 0x0016), 'AE', meta.sourceAe));
  const enc = { explicitVr: true, littleEndian: true };
  const body = encodeDataSet(elements, enc);
  return Buffer.concat([encodeDataSet([ul(tag(0x0002, 0x0000), body.length)], enc), body]);
}

/** Encodes just the data set part of a file in a transfer syntax (deflating when it says so). */
export function encodeBody(ds: DataSet, transferSyntax: string): Buffer {
  const body = encodeDataSet(ds, encodingOf(transferSyntax));
  // PS3.5 §A.5: the deflated syntax compresses everything after the meta group, raw deflate.
  return transferSyntax === TS.deflatedLE ? deflateRawSync(body, { level: 6 }) : body;
}

/** A complete Part 10 file: preamble, "DICM", meta group, data set. */
export function writePart10(ds: DataSet, opts: WritePart10Options): Buffer {
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  return Buffer.concat([
    preamble,
    encodeMeta(ds, opts.transferSyntax, opts.meta),
    encodeBody(ds, opts.transferSyntax),
  ]);
}
