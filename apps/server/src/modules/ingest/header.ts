import fs from 'node:fs';
import zlib from 'node:zlib';
import dcmjs from 'dcmjs';
import { readHeaderJson, unpadUid } from './headerJson';
import {
  DEFLATED_EXPLICIT_LITTLE_ENDIAN,
  DicomStructureError,
  readMeta,
  walkDataset,
  type ByteReader,
  type MetaInfo,
} from '@telerad/dicom';

/** One element of the DICOM JSON model (PS3.18 §F.2). */
export interface DicomJsonElement {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}
/** A dataset in the DICOM JSON model, keyed by 8-hex-digit tag. */
export type DicomJson = Record<string, DicomJsonElement>;

/** The parsed header of a received object. */
export interface ParsedHeader {
  meta: MetaInfo;
  /** The dataset without Pixel Data, as DICOM JSON; binary values above 1 KiB are BulkDataURIs. */
  dataset: DicomJson;
  pixelDataOffset: number | null;
}

// dcmjs logs through loglevel; its warnings (e.g. "Invalid vr type ox" in implicit VR) are not
// the archive's business: structural problems are caught by our own walk.
dcmjs.log.setLevel('silent');
dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');

/** A header too large to be a header: refuse rather than read it into memory. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;
const INLINE_BINARY_MAX = 1024;
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

/**
 * Random access over a file through a 256 KiB window: the structural walk reads hundreds of
 * 8-byte element headers, and one read() each would cost a system call apiece.
 */
function fileReader(openFd: () => number, head: Buffer[], size: number): ByteReader {
  const WINDOW = 256 * 1024;
  const starts: number[] = [];
  let headBytes = 0;
  for (const c of head) {
    starts.push(headBytes);
    headBytes += c.length;
  }
  let start = 0;
  let window: Buffer = Buffer.alloc(0);
  return (offset, length) => {
    if (offset >= start && offset + length <= start + window.length) {
      return window.subarray(offset - start, offset - start + length);
    }
    // When memory holds the whole object, the file (maybe still being written) is never read:
    // a read past the end is short, as it would be from the file.
    if (headBytes >= size) length = Math.max(0, Math.min(length, size - offset));
    if (length === 0) return Buffer.alloc(0);
    if (offset + length <= headBytes) {
      // From the chunks in memory: a view when one chunk holds the range, else a small copy.
      let i = starts.length - 1;
      while (starts[i]! > offset) i--;
      const at = offset - starts[i]!;
      if (at + length <= head[i]!.length) {
        start = starts[i]!;
        window = head[i]!;
        return window.subarray(at, at + length);
      }
      const out = Buffer.allocUnsafe(length);
      for (let n = 0; n < length; i++) {
        const from = n === 0 ? at : 0;
        n += head[i]!.copy(out, n, from, Math.min(head[i]!.length, from + length - n));
      }
      return out;
    }
    const fd = openFd();
    if (length > WINDOW) {
      const buf = Buffer.allocUnsafe(length);
      return buf.subarray(0, fs.readSync(fd, buf, 0, length, offset));
    }
    const buf = Buffer.allocUnsafe(WINDOW);
    window = buf.subarray(0, fs.readSync(fd, buf, 0, WINDOW, offset));
    start = offset;
    return window.subarray(0, Math.min(length, window.length));
  };
}

/** A dcmjs element: its value, and (for UI and a few others) the value as read, unformatted. */
interface DcmjsElement {
  vr: string;
  Value?: unknown[];
  _rawValue?: unknown;
}

/**
 * Converts a dcmjs dict to DICOM JSON, replacing large binary values with bulk data references.
 * UIDs come from dcmjs's unformatted `_rawValue`: its formatted value drops every character
 * but digits and dots, which would index `%2e%2e` as `22` while the file keeps `%2e%2e`.
 */
function toDicomJson(dict: Record<string, DcmjsElement>, path: string[] = []): DicomJson {
  const out: DicomJson = {};
  for (const [tag, el] of Object.entries(dict)) {
    const key = tag.toUpperCase();
    if (el.vr === 'SQ') {
      out[key] = {
        vr: 'SQ',
        Value: (el.Value ?? []).map((item, i) =>
          toDicomJson(item as Record<string, DcmjsElement>, [...path, key, String(i + 1)]),
        ),
      };
    } else if (BINARY_VRS.has(el.vr)) {
      const bytes = (el.Value ?? []).reduce<number>(
        (n, v) => n + ((v as ArrayBuffer).byteLength ?? 0),
        0,
      );
      if (bytes === 0) out[key] = { vr: el.vr };
      else if (bytes <= INLINE_BINARY_MAX)
        out[key] = {
          vr: el.vr,
          InlineBinary: Buffer.concat(
            (el.Value ?? []).map((v) => Buffer.from(v as ArrayBuffer)),
          ).toString('base64'),
        };
      else out[key] = { vr: el.vr, BulkDataURI: `bulk/${[...path, key].join('/')}` };
    } else if (el.vr === 'UI' && el._rawValue !== undefined && el.Value?.length) {
      const raw = Array.isArray(el._rawValue) ? el._rawValue : [el._rawValue];
      out[key] = { vr: 'UI', Value: raw.map((u) => unpadUid(String(u))) };
    } else {
      out[key] =
        el.Value === undefined || el.Value.length === 0
          ? { vr: el.vr }
          : { vr: el.vr, Value: el.Value };
    }
  }
  return out;
}

/**
 * The dataset of a Part 10 file's first bytes (up to Pixel Data) as DICOM JSON, read by dcmjs:
 * every transfer syntax, and any dataset `readHeaderJson` leaves alone.
 */
export function readDatasetWithDcmjs(headerBytes: Uint8Array): DicomJson {
  const ab = headerBytes.buffer.slice(
    headerBytes.byteOffset,
    headerBytes.byteOffset + headerBytes.byteLength,
  ) as ArrayBuffer;
  let parsed: { dict: Record<string, DcmjsElement> };
  const parse = (ignoreErrors: boolean) =>
    dcmjs.data.DicomMessage.readFile(ab, {
      ignoreErrors,
      untilTag: '7FE00010',
      includeUntilTagValue: false,
    }) as typeof parsed;
  try {
    parsed = parse(false);
  } catch (e) {
    // dcmjs decodes one character set only; ISO 2022 code extensions (e.g. `\ISO 2022 IR 87`)
    // are stored as sent and indexed from their (ASCII) alphabetic group.
    const message = (e as Error).message;
    if (!/character set/i.test(message)) {
      throw new DicomStructureError(`the dataset cannot be parsed: ${message}`, 0);
    }
    parsed = parse(true);
  }
  return toDicomJson(parsed.dict);
}

/**
 * Reads and checks a received Part 10 file: the meta group, a structural walk of the whole
 * dataset (lengths only, so truncation and impossible lengths are caught without loading pixel
 * data), then a full parse of the bytes before Pixel Data with dcmjs. `head`, the file's first
 * bytes when the caller still holds them, is read from memory; the file only beyond it.
 */
export function readHeader(filePath: string, size: number, head: Buffer[] = []): ParsedHeader {
  let fd: number | undefined;
  try {
    const read = fileReader(() => (fd ??= fs.openSync(filePath, 'r')), head, size);
    const meta = readMeta(read, size);
    let headerBytes: Uint8Array;
    let pixelDataOffset: number | null;
    if (meta.transferSyntaxUid === DEFLATED_EXPLICIT_LITTLE_ENDIAN) {
      // The dataset is one deflate stream: inflate it (such files are small) and walk that.
      const inflated = zlib.inflateRawSync(read(meta.datasetOffset, size - meta.datasetOffset), {
        maxOutputLength: 1 << 30,
      });
      const r: ByteReader = (o, l) => inflated.subarray(o, o + l);
      const walk = walkDataset(r, 0, inflated.length, '1.2.840.10008.1.2.1');
      pixelDataOffset = walk.pixelDataOffset;
      headerBytes = read(0, size); // dcmjs inflates deflated files itself
    } else {
      const walk = walkDataset(read, meta.datasetOffset, size, meta.transferSyntaxUid);
      pixelDataOffset = walk.pixelDataOffset;
      const headerEnd = pixelDataOffset ?? walk.end;
      if (headerEnd > MAX_HEADER_BYTES)
        throw new DicomStructureError(
          `the header is ${headerEnd} bytes, more than the ${MAX_HEADER_BYTES} accepted`,
          0,
        );
      headerBytes = read(0, headerEnd);
    }
    // Explicit VR Little Endian datasets (the encapsulated syntaxes' too) are read without
    // dcmjs when nothing in them needs it (headerJson.ts); the rest go through dcmjs.
    const dataset =
      readHeaderJson(
        Buffer.from(headerBytes.buffer, headerBytes.byteOffset, headerBytes.byteLength),
        meta.datasetOffset,
        headerBytes.byteLength,
        meta.transferSyntaxUid,
      ) ?? readDatasetWithDcmjs(headerBytes);
    // ESC starts every ISO 2022 escape sequence: without one (or with the dataset deflated, so
    // not visible here) there is nothing to decode again.
    if (meta.transferSyntaxUid === DEFLATED_EXPLICIT_LITTLE_ENDIAN || headerBytes.includes(0x1b))
      redecodeIso2022(dataset);
    delete dataset['7FE00010'];
    return { meta, dataset, pixelDataOffset };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const TEXT_VRS = new Set(['PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC']);
const JIS = new TextDecoder('iso-2022-jp');

/**
 * dcmjs reads one character set only (and reports the result as ISO_IR 192). Japanese ISO 2022
 * (`ISO 2022 IR 87`/`159`, PS3.5 §6.1.2.5) uses 7-bit bytes with escape sequences, which its
 * default decoding keeps byte for byte; ESC appears in DICOM text only for such code extensions,
 * so any value holding one is decoded as ISO-2022-JP, and metadata and QIDO show kanji and kana.
 */
function redecodeIso2022(ds: DicomJson): void {
  const decode = (v: string) =>
    v.includes('\u001b') ? JIS.decode(Uint8Array.from(v, (ch) => ch.charCodeAt(0) & 0xff)) : v;
  const walk = (d: DicomJson) => {
    for (const el of Object.values(d)) {
      if (el.vr === 'SQ') (el.Value ?? []).forEach((item) => walk(item as DicomJson));
      else if (TEXT_VRS.has(el.vr) && el.Value) {
        el.Value = el.Value.map((v) =>
          typeof v === 'string'
            ? decode(v)
            : v && typeof v === 'object'
              ? Object.fromEntries(
                  Object.entries(v as Record<string, string>).map(([k, g]) => [k, decode(g)]),
                )
              : v,
        );
      }
    }
  };
  walk(ds);
}

/** The first value of an element as a string (PN: its alphabetic group), or null. */
export function str(ds: DicomJson, tag: string): string | null {
  const v = ds[tag]?.Value?.[0];
  if (v === undefined || v === null) return null;
  if (typeof v === 'object')
    return ((v as { Alphabetic?: string }).Alphabetic ?? '').trim() || null;
  const s = String(v).trim();
  return s.length ? s : null;
}

/** The first value of an element as an integer, or null. */
export function int(ds: DicomJson, tag: string): number | null {
  const v = ds[tag]?.Value?.[0];
  const n = typeof v === 'number' ? v : Number(v);
  return v === undefined || v === null || !Number.isFinite(n) ? null : Math.trunc(n);
}
