import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CxrImage } from './cxr';
import { encapsulated, put, tag, text, type DataSet } from './elements';
import { loadCodecs, type CodecContext, type DcmjsCodecs } from './nativeModules';
import {
  SYNTAXES,
  TS,
  syntaxInfo,
  type Producer,
  type SyntaxInfo,
  type SyntaxKey,
} from './syntaxes';
import { pixelBytes } from './synthCxr';
import { writePart10 } from './writePart10';

/**
 * Turns a synthetic image into a Part 10 file in any transfer syntax. Uncompressed syntaxes are
 * written by our own writer (exact, fast, no dependency); the JPEG family, JPEG-LS and RLE by DCMTK
 * (an independent, widely deployed encoder: the bytes look like what real gateways send), falling
 * back to dcmjs-codecs' WebAssembly when DCMTK is absent; JPEG 2000 and HTJ2K by dcmjs-codecs,
 * since DCMTK 3.6.7 has no J2K encoder.
 */

const run = promisify(execFile);

/**
 * DCMTK command line per syntax. Lossy ones keep the SOP Instance UID (`+un`) so tests can match,
 * and `+sr` scales by the BitsStored range, i.e. not at all: the default (+sp) stretches the
 * min–max pixel values to the full range, which would change every pixel value.
 */
const DCMTK: Partial<Record<SyntaxKey, [string, ...string[]]>> = {
  jpegBaseline: ['dcmcjpeg', '+eb', '+q', '90', '+sr', '+un'],
  jpegExtended: ['dcmcjpeg', '+ee', '+q', '90', '+sr', '+un'],
  jpegLosslessSV1: ['dcmcjpeg', '+e1'],
  jpegLsLossless: ['dcmcjpls', '+el'],
  jpegLsNearLossless: ['dcmcjpls', '+en', '+md', '2', '+un'],
  rleLossless: ['dcmcrle'],
};

type WasmEncoder = (c: DcmjsCodecs, ctx: CodecContext) => CodecContext;

/** dcmjs-codecs encoders per syntax (see node_modules/dcmjs-codecs/index.d.ts). */
const WASM: Partial<Record<SyntaxKey, WasmEncoder>> = {
  jpegBaseline: (c, x) => c.NativeCodecs.encodeJpeg(x, { lossy: true, quality: 90 }),
  jpegLosslessSV1: (c, x) => c.NativeCodecs.encodeJpeg(x, { lossy: false, predictor: 1 }),
  jpegLsLossless: (c, x) => c.NativeCodecs.encodeJpegLs(x, { lossy: false }),
  jpegLsNearLossless: (c, x) =>
    c.NativeCodecs.encodeJpegLs(x, { lossy: true, allowedLossyError: 2 }),
  j2kLossless: (c, x) => c.NativeCodecs.encodeJpeg2000(x, { lossy: false }),
  j2k: (c, x) => c.NativeCodecs.encodeJpeg2000(x, { lossy: true, rate: 20 }),
  htj2kLossless: (c, x) => c.NativeCodecs.encodeHtJpeg2000(x, { lossy: false }),
  htj2kRpclLossless: (c, x) =>
    c.NativeCodecs.encodeHtJpeg2000(x, {
      lossy: false,
      progressionOrder: c.constants.Jpeg2000ProgressionOrder.Rpcl,
    }),
  htj2k: (c, x) => c.NativeCodecs.encodeHtJpeg2000(x, { lossy: true }),
  rleLossless: (c, x) => c.NativeCodecs.encodeRle(x),
};

let dcmtk: boolean | undefined;

/** Whether DCMTK's command-line tools are on the PATH (checked once). */
export function hasDcmtk(): boolean {
  dcmtk ??= spawnSync('dcmdump', ['--version'], { stdio: 'ignore' }).status === 0;
  return dcmtk;
}

/** Which producer makes a syntax here, or undefined when nothing installed can. */
export function producerFor(key: SyntaxKey): Producer | undefined {
  const s = syntaxInfo(key);
  if (!s.encapsulated) return 'native';
  if (DCMTK[key] && hasDcmtk()) return 'dcmtk';
  return WASM[key] ? 'wasm' : undefined;
}

/** A syntax with the producer this machine would use (undefined: cannot be made here). */
export interface SyntaxAvailability extends SyntaxInfo {
  producer: Producer | undefined;
}

/** Every known syntax and whether / how it can be produced on this machine. */
export function availableSyntaxes(): SyntaxAvailability[] {
  return SYNTAXES.map((s) => ({ ...s, producer: producerFor(s.key) }));
}

/** Why an image cannot go into a syntax (e.g. 12-bit into JPEG Baseline), or undefined if it can. */
export function incompatibility(image: CxrImage, syntax: SyntaxInfo): string | undefined {
  if (image.spec.bitsStored > syntax.maxBitsStored) {
    return `${syntax.name} carries at most ${syntax.maxBitsStored} bits; image has ${image.spec.bitsStored}`;
  }
  if (syntax.key === 'jpegExtended' && image.spec.bitsStored === 8) {
    return 'JPEG Extended fixtures use 12-bit images (8-bit would be written as baseline)';
  }
  return undefined;
}

/** Lossy Image Compression attributes (PS3.3 §C.7.6.1.1.5) after a lossy encode. */
function markLossy(ds: DataSet, syntax: SyntaxInfo, ratio: number): DataSet {
  let out = put(ds, text(tag(0x0028, 0x2110), 'CS', '01'));
  out = put(out, text(tag(0x0028, 0x2112), 'DS', String(Number(ratio.toPrecision(4)))));
  out = put(out, text(tag(0x0028, 0x2114), 'CS', syntax.lossyMethod ?? ''));
  return put(out, text(tag(0x0008, 0x0008), 'CS', ['DERIVED', 'PRIMARY']));
}

async function encodeWasm(image: CxrImage, syntax: SyntaxInfo, encode: WasmEncoder) {
  const codecs = await loadCodecs();
  const { spec } = image;
  const raw = pixelBytes(image.pixels);
  const ctx = new codecs.Context({
    width: spec.columns,
    height: spec.rows,
    bitsAllocated: spec.bitsStored === 8 ? 8 : 16,
    bitsStored: spec.bitsStored,
    samplesPerPixel: 1,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometricInterpretation: spec.photometric,
    decodedBuffer: new Uint8Array(raw),
  });
  const frame = encode(codecs, ctx).getEncodedBuffer();
  if (!frame?.length) throw new Error(`dcmjs-codecs produced no ${syntax.name} frame`);
  let ds = put(image.dataSet, encapsulated(tag(0x7fe0, 0x0010), [frame]));
  if (syntax.lossy) ds = markLossy(ds, syntax, raw.length / frame.length);
  return writePart10(ds, { transferSyntax: syntax.uid });
}

async function encodeDcmtk(image: CxrImage, argv: [string, ...string[]]): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'telerad-dcm-'));
  try {
    const src = join(dir, 'in.dcm');
    const dst = join(dir, 'out.dcm');
    await writeFile(src, writePart10(image.dataSet, { transferSyntax: TS.explicitLE }));
    const [cmd, ...args] = argv;
    await run(cmd, [...args, src, dst]);
    return await readFile(dst);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The image as a Part 10 file in `syntax` (key or UID), plus which producer made it. */
export async function encodeCxr(
  image: CxrImage,
  syntax: SyntaxKey | string,
): Promise<{ bytes: Buffer; producer: Producer }> {
  const info = syntaxInfo(syntax);
  const why = incompatibility(image, info);
  if (why) throw new Error(why);
  const producer = producerFor(info.key);
  if (producer === 'native') {
    return { bytes: writePart10(image.dataSet, { transferSyntax: info.uid }), producer };
  }
  const dcmtkArgs = DCMTK[info.key];
  if (producer === 'dcmtk' && dcmtkArgs) {
    return { bytes: await encodeDcmtk(image, dcmtkArgs), producer };
  }
  const wasm = WASM[info.key];
  if (producer === 'wasm' && wasm) return { bytes: await encodeWasm(image, info, wasm), producer };
  throw new Error(`${info.name} cannot be produced here (install DCMTK)`);
}
