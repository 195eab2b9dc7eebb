import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { readMeta } from '@telerad/dicom';
import { appError } from '../../platform/errors';
import { transcodeOffThread } from './offThread';
import {
  DEFLATED_EXPLICIT_VR_LE,
  EXPLICIT_VR_LE,
  JPEG_BASELINE,
  JPEG_EXTENDED,
  JPEG_LOSSLESS,
  JPEG_LOSSLESS_SV1,
  syntaxName,
  syntaxSupport,
} from './syntaxes';

/**
 * Changes the transfer syntax of a stored object without losing information (PS3.5 §10): the
 * one mechanism behind WADO-RS instances and frames in another syntax and C-GET/C-MOVE
 * sub-operations on a presentation context that did not accept the stored syntax.
 *
 * The pixel codecs are dcmjs-codecs' WebAssembly ones (libjpeg, CharLS, OpenJPEG, OpenJPH, RLE).
 * Two syntaxes it has no codec entry for are decoded by the codec of their family, since the
 * codestream itself says how it was coded: JPEG Extended (12-bit, SOF1) by the libjpeg decoder
 * of JPEG Baseline, and JPEG Lossless with any predictor (Process 14) by the one of Process 14
 * SV1. Deflated Explicit VR Little Endian (PS3.5 §A.5) is inflated with node's zlib.
 */

type Codecs = typeof import('dcmjs-codecs');
const require = createRequire(import.meta.url);
let loading: Promise<Codecs> | undefined;
let codecs: Codecs | undefined;

/** dcmjs-codecs with its WebAssembly codecs initialised, once per process. */
export function loadCodecs(): Promise<Codecs> {
  loading ??= (async () => {
    const mod = require('dcmjs-codecs') as Codecs;
    if (!mod.NativeCodecs.isInitialized()) await mod.NativeCodecs.initializeAsync();
    codecs = mod;
    return mod;
  })();
  return loading;
}

/** The codec that decodes a syntax dcmjs-codecs does not list (see the module comment). */
const DECODE_AS: Record<string, string> = {
  [JPEG_EXTENDED]: JPEG_BASELINE,
  [JPEG_LOSSLESS]: JPEG_LOSSLESS_SV1,
};

/**
 * Why an object stored in `from` cannot be sent in `to` without loss, or undefined when it can:
 * the same syntax always; another one when Telerad decodes `from` and produces `to` (never a
 * lossy syntax: encoding into one would lose information).
 */
export function transcodeRefusal(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const target = syntaxSupport(to);
  if (!target?.produce)
    return target?.lossy
      ? `${syntaxName(to)} is lossy: re-encoding into it would lose image information`
      : `Telerad does not produce ${syntaxName(to)}`;
  if (!syntaxSupport(from)?.read) return `Telerad cannot decode ${syntaxName(from)}`;
  return undefined;
}

/** True when an object stored in `from` can be sent in `to` without loss. */
export const canTranscode = (from: string, to: string): boolean => !transcodeRefusal(from, to);

/** A stored object re-encoded: the whole Part 10 file and where its dataset starts. */
export interface Transcoded {
  transferSyntaxUid: string;
  part10: Buffer;
  datasetOffset: number;
}

const arrayBufferOf = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/**
 * Re-encodes the Part 10 file `file` (stored in `from`) in `to`. Needs the codecs loaded
 * ({@link loadCodecs}) when pixel data must be decoded or encoded: synchronous, so a C-MOVE can
 * call it while dcmjs-dimse sends. Throws NOT_ACCEPTABLE when the change is refused, and
 * DICOM_TRANSCODE_FAILED when the stored data cannot be decoded or encoded.
 */
export function transcodeSync(file: Buffer, from: string, to: string): Transcoded {
  const refusal = transcodeRefusal(from, to);
  if (refusal) throw appError('NOT_ACCEPTABLE', { stored: from, wanted: to }, `${refusal}.`);
  try {
    const meta = readMeta((o, l) => file.subarray(o, o + l), file.length);
    if (from === to)
      return { transferSyntaxUid: to, part10: file, datasetOffset: meta.datasetOffset };
    let dataset = file.subarray(meta.datasetOffset);
    let source = from;
    if (from === DEFLATED_EXPLICIT_VR_LE) {
      dataset = zlib.inflateRawSync(dataset, { maxOutputLength: 2 ** 31 - 1 });
      source = EXPLICIT_VR_LE;
    }
    const mod = codecs ?? (require('dcmjs-codecs') as Codecs);
    const transcoder = new mod.Transcoder(arrayBufferOf(dataset), DECODE_AS[source] ?? source);
    const elements = transcoder.getElements();
    if (syntaxSupport(to)?.encapsulated && elements.PixelData === undefined)
      throw new Error('an object without pixel data is sent in a native syntax only');
    if (source !== to) transcoder.transcode(to);
    const part10 = Buffer.from(transcoder.getDicomPart10());
    const out = readMeta((o, l) => part10.subarray(o, o + l), part10.length);
    return { transferSyntaxUid: to, part10, datasetOffset: out.datasetOffset };
  } catch (e) {
    throw appError(
      'DICOM_TRANSCODE_FAILED',
      { stored: from, wanted: to },
      `The object stored in ${syntaxName(from)} could not be converted to ${syntaxName(to)}: ${(e as Error).message}.`,
    );
  }
}

/**
 * {@link transcodeSync} off the event loop: refusals are answered here, the work is done on the
 * transcoding thread (offThread.ts). The same syntax returns the file as it is.
 */
export async function transcode(file: Buffer, from: string, to: string): Promise<Transcoded> {
  const refusal = transcodeRefusal(from, to);
  if (refusal) throw appError('NOT_ACCEPTABLE', { stored: from, wanted: to }, `${refusal}.`);
  if (from === to) return transcodeSync(file, from, to);
  return transcodeOffThread(file, from, to);
}
