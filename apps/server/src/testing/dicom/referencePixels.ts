import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readTransferSyntax } from './readMeta';
import { TS, type SyntaxKey } from './syntaxes';

/**
 * The Pixel Data of a Part 10 file as decoded by tools independent of Telerad's own codecs, so
 * that a transcoding test compares against a decoder it does not share: DCMTK (dcmconv for the
 * native and deflated syntaxes, dcmdjpeg, dcmdjpls, dcmdrle, then dcmdump +W for the bytes) and,
 * for JPEG 2000, netpbm's jpeg2ktopam (JasPer). High-Throughput JPEG 2000 has no independent
 * decoder here: undefined.
 */

const run = promisify(execFile);

const DCMTK: Record<string, string> = {
  [TS.jpegBaseline]: 'dcmdjpeg',
  [TS.jpegExtended]: 'dcmdjpeg',
  '1.2.840.10008.1.2.4.57': 'dcmdjpeg',
  [TS.jpegLosslessSV1]: 'dcmdjpeg',
  [TS.jpegLsLossless]: 'dcmdjpls',
  [TS.jpegLsNearLossless]: 'dcmdjpls',
  [TS.rleLossless]: 'dcmdrle',
  [TS.implicitLE]: 'dcmconv',
  [TS.explicitLE]: 'dcmconv',
  [TS.deflatedLE]: 'dcmconv',
  [TS.explicitBE]: 'dcmconv',
};

/** The value files `dcmdump +W` wrote for `file`, in element order. */
async function dumpValues(file: string, dir: string): Promise<string[]> {
  await run('dcmdump', ['+W', dir, file], { maxBuffer: 1 << 26 });
  const name = file.split('/').pop()!;
  const raws = (await readdir(dir)).filter((n) => n.startsWith(`${name}.`) && n.endsWith('.raw'));
  return raws
    .sort((a, b) => Number(a.split('.').at(-2)) - Number(b.split('.').at(-2)))
    .map((n) => join(dir, n));
}

/** PGM (P5) samples as little-endian bytes: 16-bit samples are big-endian in PGM. */
function pgmSamples(pgm: Buffer): Buffer {
  const header = pgm.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('jpeg2ktopam did not write a PGM');
  const [all, w, h, max] = header;
  const body = pgm.subarray(all!.length);
  const bytes = Number(w) * Number(h) * (Number(max) > 255 ? 2 : 1);
  const out = Buffer.from(body.subarray(0, bytes));
  return Number(max) > 255 ? out.swap16() : out;
}

/** Native little-endian Pixel Data of `file` decoded independently, or undefined (HTJ2K). */
export async function referencePixels(file: string): Promise<Buffer | undefined> {
  const ts = await readTransferSyntax(file);
  const dir = await mkdtemp(join(tmpdir(), 'telerad-ref-'));
  try {
    if (ts === TS.j2k || ts === TS.j2kLossless) {
      // Item 0 is the Basic Offset Table; one frame whose fragments are the codestream.
      const [, ...fragments] = await dumpValues(file, dir);
      const stream = join(dir, 'frame.j2k');
      await writeFile(stream, Buffer.concat(await Promise.all(fragments.map((f) => readFile(f)))));
      const { stdout } = await run('jpeg2ktopam', [stream], {
        encoding: 'buffer',
        maxBuffer: 1 << 28,
      });
      return pgmSamples(stdout);
    }
    const tool = DCMTK[ts];
    if (!tool) return undefined;
    const native = join(dir, 'native.dcm');
    await run(tool, ['+te', file, native]);
    const values = await dumpValues(native, dir);
    // Awaited here: the finally below removes the directory the file is in.
    return await readFile(values.at(-1)!);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The largest difference between two native 16-bit little-endian pixel buffers. */
function maxDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i += 2)
    max = Math.max(max, Math.abs(a.readUInt16LE(i) - b.readUInt16LE(i)));
  return max;
}

/**
 * Why the pixels in `received` are not those of the stored fixture `stored`, as independent
 * decoders see both (undefined: they are). Exact, except for lossy JPEG 2000, whose irreversible
 * wavelet two conforming decoders (OpenJPEG in Telerad, JasPer here) may round differently:
 * within 2 of 4095. HTJ2K has no independent decoder here: the lossless ones must give back the
 * pixels of `original` (the same image, uncompressed) exactly, the lossy one stay within 1 % of
 * the 12-bit range of it.
 */
export async function pixelMismatch(
  received: string,
  stored: { path: string; syntax: SyntaxKey | string },
  original: string,
): Promise<string | undefined> {
  const got = await referencePixels(received);
  if (!got) return `${received}: no pixels decoded`;
  const reference = await referencePixels(stored.path);
  const diff = (want: Buffer, tolerance: number) => {
    const d = maxDifference(got, want);
    return d > tolerance ? `${stored.syntax}: pixels differ by up to ${d}` : undefined;
  };
  if (reference) return diff(reference, stored.syntax === 'j2k' ? 2 : 0);
  const pixels = (await referencePixels(original))!;
  return diff(pixels, stored.syntax.endsWith('Lossless') ? 0 : 41);
}
