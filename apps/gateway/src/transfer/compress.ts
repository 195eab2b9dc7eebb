import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { readMeta } from '@telerad/dicom';
import type { CompressionMode } from './config';

/**
 * Lossless shrinking of an instance before it crosses the clinic's link (PS3.5 §8.2, Annex A.4):
 * native pixel data is re-encoded as JPEG-LS Lossless (1.2.840.10008.1.2.4.80) or HTJ2K Lossless
 * (1.2.840.10008.1.2.4.201) with dcmjs-codecs' WebAssembly CharLS / OpenJPH. Every other
 * attribute, the SOP Instance UID and every pixel value are kept: only the Transfer Syntax UID of
 * the file meta changes, and decoding gives back the exact pixels. What a pixel codec cannot
 * shrink (no pixel data, pixels already encapsulated, or a codec failure) is sent as received,
 * marked for gzip on the request when `gzipFallback` (or mode `gzip`) asks for it.
 */

/** JPEG-LS Lossless Image Compression (PS3.5 §A.4.3). */
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
/** High-Throughput JPEG 2000 Lossless Only (PS3.5 §A.4.11). */
export const HTJ2K_LOSSLESS = '1.2.840.10008.1.2.4.201';

/** Native (unencapsulated) syntaxes whose pixels a codec can take (PS3.5 §10). */
const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);

const TARGET: Partial<Record<CompressionMode, string>> = {
  'jpeg-ls': JPEG_LS_LOSSLESS,
  htj2k: HTJ2K_LOSSLESS,
};

/** One instance ready for the wire. */
export interface Prepared {
  /** The Part 10 bytes to send (re-encoded, or exactly as received). */
  body: Buffer;
  /** Whether the request carrying it should be gzip-encoded (Content-Encoding, RFC 9110 §8.4). */
  gzip: boolean;
  transferSyntaxUid: string;
  originalBytes: number;
  /** Why the pixels were not re-encoded, when they were not. */
  kept?: string;
}

type Codecs = typeof import('dcmjs-codecs');
const require = createRequire(import.meta.url);
let loading: Promise<Codecs> | undefined;

/** dcmjs-codecs with its WebAssembly codecs initialised, once per thread. */
export function loadCodecs(): Promise<Codecs> {
  loading ??= (async () => {
    const mod = require('dcmjs-codecs') as Codecs;
    if (!mod.NativeCodecs.isInitialized()) await mod.NativeCodecs.initializeAsync();
    return mod;
  })();
  return loading;
}

const arrayBufferOf = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/**
 * Prepares `file` (a Part 10 object) for sending with `mode`. Needs {@link loadCodecs} first
 * for the pixel modes. Synchronous and CPU-bound: call it off the event loop (compressThread.ts).
 */
export function prepareSync(
  codecs: Codecs | undefined,
  file: Buffer,
  mode: CompressionMode,
  gzipFallback: boolean,
): Prepared {
  const meta = readMeta((o, l) => file.subarray(o, o + l), file.length);
  const asIs = (kept: string): Prepared => ({
    body: file,
    gzip: mode === 'gzip' || (mode !== 'none' && gzipFallback),
    transferSyntaxUid: meta.transferSyntaxUid,
    originalBytes: file.length,
    kept,
  });
  const target = TARGET[mode];
  if (!target || !codecs) return asIs(`compression ${mode}`);
  if (!NATIVE.has(meta.transferSyntaxUid)) return asIs('pixel data already encoded');
  try {
    const transcoder = new codecs.Transcoder(
      arrayBufferOf(file.subarray(meta.datasetOffset)),
      meta.transferSyntaxUid,
    );
    const elements = transcoder.getElements();
    if (elements.PixelData === undefined) return asIs('no pixel data');
    const received = new Set(Object.keys(elements));
    transcoder.transcode(target);
    dropAddedAttributes(transcoder.getElements(), received);
    const body = Buffer.from(transcoder.getDicomPart10());
    // A codec can lose to the raw bytes (noise-only or tiny images): then send what is smaller.
    if (body.length >= file.length) return asIs('re-encoding did not shrink it');
    return { body, gzip: false, transferSyntaxUid: target, originalBytes: file.length };
  } catch (e) {
    return asIs(`codec could not encode it: ${(e as Error).message}`);
  }
}

/**
 * Removes what the encoder added to the dataset: dcmjs-codecs writes Planar Configuration
 * (0028,0006) on every JPEG-LS/HTJ2K encode, but PS3.3 §C.7.6.3.1.3 makes it Type 1C, present
 * only when Samples per Pixel is above 1, so a monochrome radiograph must leave without it. A
 * lossless re-encoding adds nothing to the instance; the transfer syntax lives in the file meta.
 */
function dropAddedAttributes(elements: Record<string, unknown>, received: Set<string>): void {
  for (const key of Object.keys(elements)) if (!received.has(key)) delete elements[key];
}

/** The gzip of a request body, at the level that pays on a slow link. */
export function gzipBody(body: Buffer): Buffer {
  return gzipSync(body, { level: 6 });
}
