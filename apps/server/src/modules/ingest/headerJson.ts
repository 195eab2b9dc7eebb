import {
  DEFLATED_EXPLICIT_LITTLE_ENDIAN,
  EXPLICIT_BIG_ENDIAN,
  IMPLICIT_LITTLE_ENDIAN,
  VR_WITH_LONG_LENGTH,
} from '@telerad/dicom';
import type { DicomJson, DicomJsonElement } from './header';

/**
 * The header of an Explicit VR Little Endian dataset (also the encoding of every encapsulated
 * syntax) read straight into DICOM JSON, giving exactly what the dcmjs path of `readHeader`
 * gives (dcmjs 0.51 `DicomMessage.readFile`, then `toDicomJson`). Every received object's header
 * is read on the event loop, and through dcmjs that was the largest single cost of a small
 * instance: `readHeader` of a 59-element CR header took ~600 µs, then ~190 µs, on the 2-core
 * bench machine. Looking tag keys and VRs up rather than formatting them for every element took
 * `readHeader` and `identify` of such a header from ~136 to ~90 µs on a later one. The
 * equivalence, dcmjs's quirks included (an empty US is [0], an empty item is dropped, items
 * decode text as windows-1252), is checked against dcmjs over generated datasets and every
 * fixture syntax and character set (`headerJson.test.ts`; docs/adr/0008).
 *
 * Returns null for anything it leaves to dcmjs: a dataset in Implicit VR, Big Endian or
 * deflated; a VR it does not read here (UN, AT, OL, OV, SV,
 * UV, unknown), a character set other than the default, ISO_IR 6, ISO_IR 100 or ISO_IR 192 (or
 * more than one), undefined-length binary values, odd lengths, lengths that do not divide into
 * values, a sequence inside an undefined-length item, or a structure that does not add up.
 */
export function readHeaderJson(
  buf: Buffer,
  start: number,
  end: number,
  transferSyntaxUid: string,
): DicomJson | null {
  if (
    transferSyntaxUid === IMPLICIT_LITTLE_ENDIAN ||
    transferSyntaxUid === EXPLICIT_BIG_ENDIAN ||
    transferSyntaxUid === DEFLATED_EXPLICIT_LITTLE_ENDIAN
  )
    return null;
  try {
    return readElements(buf, start, end, [], LATIN1);
  } catch {
    // Given up, or bytes that do not add up (a read past the end): dcmjs reads it, or says
    // what is wrong with it, as it always has.
    return null;
  }
}

const GIVE_UP = Symbol('leave it to dcmjs');
const giveUp = (): never => {
  throw GIVE_UP;
};

// dcmjs decodes text with WHATWG TextDecoders: "latin1" is windows-1252 there.
const LATIN1 = new TextDecoder('latin1');
const UTF8 = new TextDecoder('utf-8');
/** Specific Character Set terms read here, as dcmjs normalises them, and their decoders. */
const CHARSETS: Record<string, TextDecoder> = {
  '': LATIN1,
  'iso-ir-6': LATIN1,
  'iso-ir-100': LATIN1,
  'iso-ir-192': UTF8,
};

const BINARY = new Set(['OB', 'OW', 'OF', 'OD']);
const INLINE_BINARY_MAX = 1024;
/** dcmjs's maximum lengths used when dropping a multi-value pad byte. */
const PAD_MAX: Record<string, number> = { AS: 4, DA: 8, DT: 26 };

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * DICOM JSON keys by tag, made once each: every header repeats the same few dozen tags, and a
 * key string used before is already internalised, so adding it to an object costs no hashing.
 * Bounded, since private tags of any number may arrive.
 */
const TAG_KEYS = new Map<number, string>();
const TAG_KEYS_MAX = 4096;

function tagKey(b: Buffer, pos: number): string {
  const tag = b.readUInt32LE(pos); // element in the high half, group in the low
  let key = TAG_KEYS.get(tag);
  if (key === undefined) {
    key = hex4(tag & 0xffff) + hex4(tag >>> 16);
    if (TAG_KEYS.size < TAG_KEYS_MAX) TAG_KEYS.set(tag, key);
  }
  return key;
}

/** VR strings by their two bytes, read without making a new string for each element. */
const VRS = new Map<number, string>();

function vrAt(b: Buffer, pos: number): string {
  const code = (b[pos]! << 8) | b[pos + 1]!;
  let vr = VRS.get(code);
  if (vr === undefined) {
    vr = b.toString('latin1', pos, pos + 2);
    if (VRS.size < 1024) VRS.set(code, vr);
  }
  return vr;
}

/** Text as dcmjs's readAsciiString reads it: one character per byte. */
const ascii = (b: Buffer, at: number, len: number) => b.toString('latin1', at, at + len);

function decode(b: Buffer, at: number, len: number, dec: TextDecoder): string {
  for (let i = at; i < at + len; i++)
    if (b[i]! >= 0x80) return dec.decode(b.subarray(at, at + len));
  return b.toString('latin1', at, at + len);
}

const rtrim = (s: string) => s.replace(/\s*$/g, '');

/** dcmjs's dropPadByte: a multi-valued element's odd-length last value loses a trailing pad. */
/** A UI value without its padding (trailing NULs and spaces); every other character kept. */
export function unpadUid(u: string): string {
  return u.replace(/[\0 ]+$/, '');
}

function dropPad(values: string[], max: number | undefined, pad: string): string[] {
  if (!max || values.length < 2) return values;
  const last = values[values.length - 1]!;
  if (last.length % 2 !== 0 && last.endsWith(pad)) values[values.length - 1] = last.slice(0, -1);
  return values;
}

function formatNumber(s: string): number | null {
  const t = s.trim().replace(/[^0-9.\\\-+e]/gi, '');
  return t === '' ? null : Number(t);
}

function personNames(s: string): Record<string, string>[] {
  return s
    .split('\\')
    .filter(Boolean)
    .map((v) => {
      const [a, i, p] = v.split('=');
      return {
        ...(a ? { Alphabetic: a } : {}),
        ...(i ? { Ideographic: i } : {}),
        ...(p ? { Phonetic: p } : {}),
      };
    });
}

function stringValues(vr: string, b: Buffer, at: number, len: number, dec: TextDecoder): unknown[] {
  switch (vr) {
    case 'AE':
    case 'LO':
    case 'SH': {
      const s = vr === 'AE' ? ascii(b, at, len) : decode(b, at, len, dec);
      return s.trim().split('\\');
    }
    case 'CS':
      return ascii(b, at, len)
        .split('\\')
        .map((v: string) => v.trim());
    case 'AS':
    case 'DA':
    case 'DT':
      return dropPad(ascii(b, at, len).split('\\'), PAD_MAX[vr], ' ');
    case 'UR':
      return ascii(b, at, len).split('\\');
    case 'DS':
    case 'IS':
      return ascii(b, at, len).split('\\').map(formatNumber);
    case 'TM':
      return rtrim(ascii(b, at, len)).split('\\');
    case 'ST':
    case 'UC':
    case 'UT':
      return rtrim(decode(b, at, len, dec)).split('\\');
    case 'LT':
      return [rtrim(decode(b, at, len, dec))];
    case 'UI': {
      let s = ascii(b, at, len);
      if (len > 0 && b[at + len - 1] === 0) s = s.slice(0, -1);
      const parts = s.includes('\\') ? dropPad(s.split('\\'), 64, '\0') : [s];
      // Only padding goes (PS3.5 §6.2: a trailing NUL; some devices pad with spaces). Anything
      // else is kept as sent, so an invalid UID is refused as what it is (DICOM_INVALID_UID)
      // rather than indexed under digits the file does not hold.
      return parts.map(unpadUid);
    }
    case 'PN': {
      let s = len > 0 ? decode(b, at, len, dec) : '';
      if (!(s.length && s[s.length - 1] !== ' ')) s = s.slice(0, -1);
      return personNames(s);
    }
    default:
      return giveUp();
  }
}

/** Fixed-size numbers: bytes per value, and how to read one. */
const NUMBERS: Record<string, [number, (b: Buffer, at: number) => number]> = {
  US: [2, (b, at) => b.readUInt16LE(at)],
  SS: [2, (b, at) => b.readInt16LE(at)],
  UL: [4, (b, at) => b.readUInt32LE(at)],
  SL: [4, (b, at) => b.readInt32LE(at)],
  FL: [4, (b, at) => b.readFloatLE(at)],
  FD: [8, (b, at) => b.readDoubleLE(at)],
};

function numberValues(vr: string, b: Buffer, at: number, len: number): number[] | null {
  const number = NUMBERS[vr];
  if (!number) return null;
  if (len === 0) return [0]; // dcmjs gives an empty fixed-size element its default value
  const [size, read] = number;
  if (len % size !== 0) giveUp();
  const out: number[] = [];
  for (let p = at; p < at + len; p += size) out.push(read(b, p));
  return out;
}

/**
 * An element's VR, value length and value offset. (For the VRs read here, the long-length VRs
 * are dcmjs's too; for the others, which are left to dcmjs, the length only finds an item's end.)
 */
function elementHeader(
  b: Buffer,
  pos: number,
  end: number,
): { vr: string; len: number; at: number } {
  if (pos + 8 > end) giveUp();
  const vr = vrAt(b, pos + 4);
  if (!VR_WITH_LONG_LENGTH.has(vr)) return { vr, len: b.readUInt16LE(pos + 6), at: pos + 8 };
  if (pos + 12 > end) giveUp();
  return { vr, len: b.readUInt32LE(pos + 8), at: pos + 12 };
}

function readElements(
  b: Buffer,
  start: number,
  end: number,
  path: string[],
  initial: TextDecoder,
): DicomJson {
  const out: DicomJson = {};
  let dec = initial;
  let pos = start;
  while (pos < end) {
    const { vr, len, at } = elementHeader(b, pos, end);
    const key = tagKey(b, pos);
    pos = at;
    if (vr === 'SQ') {
      const seq = readSequence(b, pos, len, end, [...path, key]);
      out[key] = { vr: 'SQ', Value: seq.items };
      pos = seq.next;
      continue;
    }
    // Values have even lengths (PS3.5 §7.1.1); dcmjs can lose its way after an odd one.
    if (len === 0xffffffff || len % 2 !== 0 || pos + len > end) giveUp();
    let el: DicomJsonElement;
    if (BINARY.has(vr)) {
      if (len === 0) el = { vr };
      else if (len <= INLINE_BINARY_MAX)
        el = { vr, InlineBinary: b.toString('base64', pos, pos + len) };
      else el = { vr, BulkDataURI: `bulk/${[...path, key].join('/')}` };
    } else {
      const values = numberValues(vr, b, pos, len) ?? stringValues(vr, b, pos, len, dec);
      if (key === '00080005') {
        if (values.length !== 1) giveUp();
        const term = String(values[0]).replace(/[_ ]/g, '-').toLowerCase();
        dec = CHARSETS[term] ?? giveUp();
        values[0] = 'ISO_IR 192'; // dcmjs reports text it has decoded as UTF-8
      }
      el = values.length === 0 ? { vr } : { vr, Value: values };
    }
    out[key] = el;
    pos += len;
  }
  if (pos !== end) giveUp();
  return out;
}

const ITEM = 0xe000;
const ITEM_END = 0xe00d;
const SEQ_END = 0xe0dd;

/** A sequence's items (each read with dcmjs's default decoder, as dcmjs does) and where it ends. */
function readSequence(
  b: Buffer,
  start: number,
  len: number,
  end: number,
  path: string[],
): { items: DicomJson[]; next: number } {
  const items: DicomJson[] = [];
  const undefinedLength = len === 0xffffffff;
  const stop = undefinedLength ? end : start + len;
  if (stop > end) giveUp();
  let pos = start;
  while (pos < stop) {
    if (pos + 8 > stop) giveUp();
    if (b.readUInt16LE(pos) !== 0xfffe) giveUp();
    const el = b.readUInt16LE(pos + 2);
    const itemLen = b.readUInt32LE(pos + 4);
    pos += 8;
    if (el === SEQ_END) {
      if (!undefinedLength) giveUp();
      return { items, next: pos };
    }
    if (el !== ITEM) giveUp();
    const itemPath = [...path, String(items.length + 1)];
    if (itemLen === 0xffffffff) {
      const item = readItemUntilDelimiter(b, pos, stop, itemPath);
      if (item.json) items.push(item.json); // dcmjs keeps no empty item
      pos = item.next;
    } else {
      if (pos + itemLen > stop) giveUp();
      // dcmjs keeps no empty item
      if (itemLen > 0) items.push(readElements(b, pos, pos + itemLen, itemPath, LATIN1));
      pos += itemLen;
    }
  }
  if (undefinedLength) giveUp(); // no sequence delimiter before the end
  return { items, next: pos };
}

/** An undefined-length item: its elements up to the item delimiter (null when it has none). */
function readItemUntilDelimiter(
  b: Buffer,
  start: number,
  stop: number,
  path: string[],
): { json: DicomJson | null; next: number } {
  let pos = start;
  while (true) {
    if (pos + 8 > stop) giveUp();
    if (b.readUInt16LE(pos) === 0xfffe && b.readUInt16LE(pos + 2) === ITEM_END) break;
    const { vr, len, at } = elementHeader(b, pos, stop);
    // dcmjs finds the end of such an item by scanning for the delimiter, and with a sequence
    // nested inside it can go astray: those are left to it, to read as it always has.
    if (vr === 'SQ' || len === 0xffffffff) giveUp();
    pos = at + len;
  }
  const json = pos > start ? readElements(b, start, pos, path, LATIN1) : null;
  return { json, next: pos + 8 };
}
