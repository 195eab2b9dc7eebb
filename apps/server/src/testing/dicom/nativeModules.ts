import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/*
 * dcmjs and dcmjs-codecs ship no TypeScript declarations that fit our strict settings (dcmjs has
 * none at all), so they are loaded through `require` and given the narrow shapes used here. Only
 * the members the fixtures touch are declared; widen them when a caller needs more.
 */

const require = createRequire(import.meta.url);

/** One element of a dcmjs "dict" dataset: VR plus values (strings, numbers or ArrayBuffers). */
export interface DcmjsDictElement {
  vr: string;
  Value?: unknown[];
}

/** What `dcmjs.data.DicomMessage.readFile` returns. */
export interface DcmjsDicomDict {
  meta: Record<string, DcmjsDictElement>;
  dict: Record<string, DcmjsDictElement>;
}

/** The part of dcmjs the fixtures use. */
export interface Dcmjs {
  data: {
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DcmjsDicomDict;
    };
    DicomMetaDictionary: {
      naturalizeDataset(dict: Record<string, DcmjsDictElement>): Record<string, unknown>;
    };
  };
}

/** A dcmjs-codecs frame context (see node_modules/dcmjs-codecs/index.d.ts). */
export interface CodecContext {
  getEncodedBuffer(): Uint8Array | undefined;
  getDecodedBuffer(): Uint8Array | undefined;
}

/** Frame attributes given to a dcmjs-codecs context. */
export interface CodecContextAttrs {
  width: number;
  height: number;
  bitsAllocated: number;
  bitsStored: number;
  samplesPerPixel: number;
  pixelRepresentation: number;
  planarConfiguration: number;
  photometricInterpretation: string;
  encodedBuffer?: Uint8Array;
  decodedBuffer?: Uint8Array;
}

type Encode = (context: CodecContext, parameters?: Record<string, unknown>) => CodecContext;

/** The part of dcmjs-codecs the fixtures use: the WebAssembly frame codecs. */
export interface DcmjsCodecs {
  Context: new (attrs: CodecContextAttrs) => CodecContext;
  NativeCodecs: {
    initializeAsync(opts?: { webAssemblyModulePathOrUrl?: string }): Promise<void>;
    isInitialized(): boolean;
    encodeRle: Encode;
    decodeRle: Encode;
    encodeJpeg: Encode;
    decodeJpeg: Encode;
    encodeJpegLs: Encode;
    decodeJpegLs: Encode;
    encodeJpeg2000: Encode;
    decodeJpeg2000: Encode;
    encodeHtJpeg2000: Encode;
    decodeHtJpeg2000: Encode;
  };
  constants: { Jpeg2000ProgressionOrder: { Lrcp: number; Rpcl: number } };
}

/** dcmjs, loaded once. */
export const dcmjs = require('dcmjs') as Dcmjs;

let codecs: Promise<DcmjsCodecs> | undefined;

/**
 * dcmjs-codecs with its WebAssembly module initialised (about 30 ms, once per process). The
 * .wasm file sits next to the bundle, which would otherwise look for it relative to the cwd.
 */
export function loadCodecs(): Promise<DcmjsCodecs> {
  codecs ??= (async () => {
    const mod = require('dcmjs-codecs') as DcmjsCodecs;
    if (!mod.NativeCodecs.isInitialized()) {
      const wasm = join(dirname(require.resolve('dcmjs-codecs')), 'dcmjs-native-codecs.wasm');
      await mod.NativeCodecs.initializeAsync({ webAssemblyModulePathOrUrl: wasm });
    }
    return mod;
  })();
  return codecs;
}
