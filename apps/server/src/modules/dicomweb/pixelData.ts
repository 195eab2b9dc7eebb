import zlib from 'node:zlib';
import {
  DEFLATED_EXPLICIT_LITTLE_ENDIAN,
  EXPLICIT_BIG_ENDIAN,
  IMPLICIT_LITTLE_ENDIAN,
  readMeta,
  walkDataset,
  type ByteReader,
} from '@telerad/dicom';
import { appError } from '../../platform/errors';
import { parseFile } from '../../platform/parseFile';

/**
 * Finds the frames of a stored object's Pixel Data without decoding it: native frames by their
 * size (PS3.5 §8.1.1), encapsulated frames through the item structure, Basic Offset Table and
 * fragments (PS3.5 §A.4). Only element headers and fragment headers are read.
 */

/** Where a frame's bytes are: one or more byte ranges (fragments) in `source`. */
export interface FrameBytes {
  ranges: { offset: number; length: number }[];
}

/** The frames of one object and how to read them. */
export interface PixelLayout {
  encapsulated: boolean;
  frames: FrameBytes[];
  /** Read ranges from this buffer (a deflated dataset, inflated) instead of the file. */
  buffer?: Buffer;
  /** Native 16-bit big-endian data: swap to little endian (PS3.18 §8.7.3.3.2). */
  swap16: boolean;
}

/** What the index knows about the image, for native frame sizes. */
export interface ImageShape {
  rows: number | null;
  columns: number | null;
  bitsAllocated: number | null;
  samplesPerPixel: number;
  numberOfFrames: number | null;
}

const ITEM = 0xfffee000;
const SEQ_END = 0xfffee0dd;

function encapsulatedFrames(read: ByteReader, start: number, size: number, n: number) {
  const items: { offset: number; length: number; at: number }[] = [];
  let pos = start;
  while (pos + 8 <= size) {
    const h = Buffer.from(read(pos, 8));
    const tag = ((h.readUInt16LE(0) << 16) | h.readUInt16LE(2)) >>> 0;
    const len = h.readUInt32LE(4);
    if (tag === SEQ_END) break;
    if (tag !== ITEM || pos + 8 + len > size)
      throw appError('DICOM_UNREADABLE', undefined, 'The encapsulated pixel data is malformed.');
    items.push({ at: pos, offset: pos + 8, length: len });
    pos += 8 + len;
  }
  const [bot, ...fragments] = items;
  if (!bot || fragments.length === 0)
    throw appError('DICOM_UNREADABLE', undefined, 'The encapsulated pixel data has no fragments.');
  const strip = (f: (typeof items)[number]) => ({ offset: f.offset, length: f.length });
  if (n <= 1) return [{ ranges: fragments.map(strip) }];
  if (bot.length >= 4 * n) {
    const table = Buffer.from(read(bot.offset, bot.length));
    const first = fragments[0]!.at;
    const offsets = Array.from({ length: n }, (_, i) => table.readUInt32LE(i * 4));
    return offsets.map((o, i) => {
      const end = i + 1 < n ? first + offsets[i + 1]! : Infinity;
      return { ranges: fragments.filter((f) => f.at >= first + o && f.at < end).map(strip) };
    });
  }
  if (fragments.length === n) return fragments.map((f) => ({ ranges: [strip(f)] }));
  // No offset table and several fragments per frame: a frame starts where a JPEG SOI (FFD8) or
  // a JPEG 2000 codestream (FF4F) marker begins a fragment.
  const frames: FrameBytes[] = [];
  for (const f of fragments) {
    const m = Buffer.from(read(f.offset, 2));
    if (m[0] === 0xff && (m[1] === 0xd8 || m[1] === 0x4f)) frames.push({ ranges: [] });
    frames[frames.length - 1]?.ranges.push(strip(f));
  }
  if (frames.length !== n)
    throw appError('DICOM_UNREADABLE', undefined, 'The frames of this object cannot be located.');
  return frames;
}

/** Locates every frame of the Part 10 file at `path` (read off the event loop: `parseFile`). */
export function locateFrames(
  path: string,
  transferSyntaxUid: string,
  shape: ImageShape,
): Promise<PixelLayout> {
  return parseFile(path, (read, size) => layoutOf(read, size, transferSyntaxUid, shape));
}

/** Locates every frame of a Part 10 file held in memory (a transcoded object). */
export function locateFramesIn(
  file: Buffer,
  transferSyntaxUid: string,
  shape: ImageShape,
): PixelLayout {
  const layout = layoutOf((o, l) => file.subarray(o, o + l), file.length, transferSyntaxUid, shape);
  return { ...layout, buffer: layout.buffer ?? file };
}

function layoutOf(
  fileRead: ByteReader,
  size: number,
  transferSyntaxUid: string,
  shape: ImageShape,
): PixelLayout {
  let read = fileRead;
  const meta = readMeta(read, size);
  let start = meta.datasetOffset;
  let end = size;
  let buffer: Buffer | undefined;
  let ts = transferSyntaxUid;
  if (ts === DEFLATED_EXPLICIT_LITTLE_ENDIAN) {
    buffer = zlib.inflateRawSync(read(start, size - start), { maxOutputLength: 1 << 30 });
    const b = buffer;
    read = (o, l) => b.subarray(o, o + l);
    start = 0;
    end = b.length;
    ts = '1.2.840.10008.1.2.1';
  }
  const { pixelDataOffset: at } = walkDataset(read, start, end, ts);
  if (at === null) throw appError('NOT_FOUND', undefined, 'This object has no pixel data.');
  const bigEndian = ts === EXPLICIT_BIG_ENDIAN;
  const implicit = ts === IMPLICIT_LITTLE_ENDIAN;
  const h = Buffer.from(read(at, 12));
  const length = implicit ? h.readUInt32LE(4) : bigEndian ? h.readUInt32BE(8) : h.readUInt32LE(8);
  const valueAt = at + (implicit ? 8 : 12);
  const n = Math.max(1, shape.numberOfFrames ?? 1);
  if (length === 0xffffffff)
    return {
      encapsulated: true,
      frames: encapsulatedFrames(read, valueAt, end, n),
      buffer,
      swap16: false,
    };
  const bits = shape.bitsAllocated ?? 16;
  const frameSize =
    bits === 1
      ? Math.ceil(length / n)
      : (shape.rows ?? 0) * (shape.columns ?? 0) * shape.samplesPerPixel * (bits / 8);
  if (frameSize <= 0 || frameSize * n > length)
    throw appError('DICOM_UNREADABLE', undefined, 'The pixel data is shorter than its frames.');
  return {
    encapsulated: false,
    frames: Array.from({ length: n }, (_, i) => ({
      ranges: [{ offset: valueAt + i * frameSize, length: frameSize }],
    })),
    buffer,
    swap16: bigEndian && bits === 16,
  };
}

/**
 * Media types of compressed frames per transfer syntax (PS3.18 Table 8.7.3-2); the conformance
 * statement's frames table lists exactly these.
 */
export const FRAME_TYPES: Record<string, string> = {
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  '1.2.840.10008.1.2.4.80': 'image/jls',
  '1.2.840.10008.1.2.4.81': 'image/jls',
  '1.2.840.10008.1.2.4.90': 'image/jp2',
  '1.2.840.10008.1.2.4.91': 'image/jp2',
  '1.2.840.10008.1.2.4.92': 'image/jpx',
  '1.2.840.10008.1.2.4.93': 'image/jpx',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
  '1.2.840.10008.1.2.4.110': 'image/jxl',
  '1.2.840.10008.1.2.4.111': 'image/jxl',
  '1.2.840.10008.1.2.4.112': 'image/jxl',
  '1.2.840.10008.1.2.5': 'image/dicom-rle',
};

/** Syntaxes whose Pixel Data is native (PS3.5 §8.1.1; deflate compresses the whole dataset). */
const NATIVE = new Set([
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.2',
]);

/**
 * The media type of frames stored in `transferSyntaxUid` and the transfer syntax they are sent
 * in as stored: native ones as little-endian application/octet-stream, compressed ones in their
 * own syntax (application/octet-stream for a syntax with no frame media type of its own).
 */
export function frameMediaType(transferSyntaxUid: string): { type: string; ts: string } {
  if (NATIVE.has(transferSyntaxUid))
    return { type: 'application/octet-stream', ts: '1.2.840.10008.1.2.1' };
  return {
    type: FRAME_TYPES[transferSyntaxUid] ?? 'application/octet-stream',
    ts: transferSyntaxUid,
  };
}
