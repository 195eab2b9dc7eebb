/**
 * A minimal in-memory DICOM data set model for writing fixtures byte by byte (PS3.5 §7).
 * Values are held already encoded in little endian, so the writer can emit any transfer syntax and
 * tests can build deliberately wrong files without a toolkit "fixing" them.
 */

/** The value representations the fixtures write (PS3.5 §6.2). */
export type Vr =
  | 'AE'
  | 'AS'
  | 'AT'
  | 'CS'
  | 'DA'
  | 'DS'
  | 'DT'
  | 'FD'
  | 'FL'
  | 'IS'
  | 'LO'
  | 'LT'
  | 'OB'
  | 'OD'
  | 'OF'
  | 'OL'
  | 'OW'
  | 'PN'
  | 'SH'
  | 'SL'
  | 'SQ'
  | 'SS'
  | 'ST'
  | 'TM'
  | 'UC'
  | 'UI'
  | 'UL'
  | 'UN'
  | 'UR'
  | 'US'
  | 'UT';

/** An element with a plain value, little-endian encoded and padded to even length. */
export interface ValueElement {
  kind: 'value';
  tag: number;
  vr: Vr;
  value: Uint8Array;
}

/** A sequence (SQ) of items, each itself a list of elements. */
export interface SequenceElement {
  kind: 'sequence';
  tag: number;
  vr: 'SQ';
  items: DataSet[];
}

/** Encapsulated pixel data (PS3.5 §A.4): one fragment per frame, empty basic offset table. */
export interface EncapsulatedElement {
  kind: 'encapsulated';
  tag: number;
  vr: 'OB';
  fragments: Uint8Array[];
}

/** Any element the writer understands. */
export type DicomElement = ValueElement | SequenceElement | EncapsulatedElement;

/** A data set: elements in any order (the writer sorts them by tag). */
export type DataSet = DicomElement[];

/** Turns text into the bytes of one specific character set; ASCII by default. */
export type TextEncoderFn = (text: string) => Uint8Array;

/** Bytes per number for VRs whose values change byte order in big endian (PS3.5 §7.3). */
export const SWAP_WIDTH: Partial<Record<Vr, number>> = {
  AT: 2,
  FD: 8,
  FL: 4,
  OD: 8,
  OF: 4,
  OL: 4,
  OW: 2,
  SL: 4,
  SS: 2,
  UL: 4,
  US: 2,
};

/** VRs whose explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 §7.1.2). */
export const LONG_VRS: ReadonlySet<Vr> = new Set<Vr>([
  'OB',
  'OD',
  'OF',
  'OL',
  'OW',
  'SQ',
  'UC',
  'UN',
  'UR',
  'UT',
]);

/** VRs whose text is in the data set's specific character set, not the default repertoire. */
const CHARSET_VRS: ReadonlySet<Vr> = new Set<Vr>(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

/** Tag number from group and element, e.g. `tag(0x0010, 0x0010)` for PatientName. */
export function tag(group: number, element: number): number {
  return ((group << 16) | element) >>> 0;
}

/** ASCII encoder used for everything outside the specific character set. */
export const asciiEncoder: TextEncoderFn = (text) => {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) throw new Error(`non-ASCII character in default repertoire: ${text}`);
    out[i] = code;
  }
  return out;
};

function padEven(bytes: Uint8Array, pad: number): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = pad;
  return out;
}

/**
 * A text element. Multiple values are joined with `\`. UIs pad with NUL, other text with a space
 * (PS3.5 §6.2). Only LO/LT/PN/SH/ST/UC/UT use `encode`; other VRs must be ASCII.
 */
export function text(
  t: number,
  vr: Vr,
  values: string | readonly string[],
  encode: TextEncoderFn = asciiEncoder,
): ValueElement {
  const joined = typeof values === 'string' ? values : values.join('\\');
  const bytes = (CHARSET_VRS.has(vr) ? encode : asciiEncoder)(joined);
  return { kind: 'value', tag: t, vr, value: padEven(bytes, vr === 'UI' ? 0 : 0x20) };
}

/** An unsigned short (US) element with one or more values. */
export function us(t: number, ...values: number[]): ValueElement {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint16(i * 2, v, true));
  return { kind: 'value', tag: t, vr: 'US', value: out };
}

/** An unsigned long (UL) element with one or more values. */
export function ul(t: number, ...values: number[]): ValueElement {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v, true));
  return { kind: 'value', tag: t, vr: 'UL', value: out };
}

/** A binary element (OB, OW, UN …) from raw little-endian bytes; OB/UN pad with NUL. */
export function binary(t: number, vr: Vr, bytes: Uint8Array): ValueElement {
  return { kind: 'value', tag: t, vr, value: padEven(bytes, 0) };
}

/** A sequence element. */
export function sequence(t: number, items: DataSet[]): SequenceElement {
  return { kind: 'sequence', tag: t, vr: 'SQ', items };
}

/** Encapsulated pixel data, one fragment per frame (fragments are padded to even length). */
export function encapsulated(t: number, frames: Uint8Array[]): EncapsulatedElement {
  return { kind: 'encapsulated', tag: t, vr: 'OB', fragments: frames.map((f) => padEven(f, 0)) };
}

/** Replaces or adds an element, keeping the rest (returns a new array). */
export function put(ds: DataSet, element: DicomElement): DataSet {
  return [...ds.filter((e) => e.tag !== element.tag), element];
}

/** Removes an element by tag (returns a new array). */
export function drop(ds: DataSet, t: number): DataSet {
  return ds.filter((e) => e.tag !== t);
}

/** Reads back an ASCII text value (without padding), e.g. a UID, or undefined. */
export function textOf(ds: DataSet, t: number): string | undefined {
  const el = ds.find((e) => e.tag === t);
  if (el?.kind !== 'value') return undefined;
  return Buffer.from(el.value)
    .toString('latin1')
    .replace(/[\0 ]+$/, '');
}
