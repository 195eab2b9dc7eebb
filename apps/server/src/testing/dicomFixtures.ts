import { availableParallelism } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHARSET_SAMPLES } from './dicom/charsets';
import { makeCxr, seededPatient, seededStudy, type CxrImage, type CxrOptions } from './dicom/cxr';
import { seededUid } from './dicom/rng';
import { SYNTAXES, syntaxInfo, type Producer, type SyntaxKey } from './dicom/syntaxes';
import { availableSyntaxes, encodeCxr, incompatibility } from './dicom/transcode';

/**
 * Generated DICOM test data for the archive: synthetic chest X-rays in every common transfer
 * syntax, in several specific character sets, in bulk for benchmarks, and deliberately broken.
 * Nothing is downloaded or committed; everything is made from a seed (see DESIGN.md §2 archive).
 */

export { brokenFiles, type BrokenFile, type BrokenKind, type BrokenName } from './dicom/broken';
export { CHARSET_SAMPLES, charsetEncoder, type CharsetTerm } from './dicom/charsets';
export { SOP_CLASS, makeCxr, type CxrImage, type CxrOptions } from './dicom/cxr';
export {
  JAPANESE_NAME,
  writeRealWorld,
  writeRealWorldSet,
  type RealWorldFile,
  type RealWorldName,
} from './dicom/realWorld';
export { noisePair, noiseSigma, type Box } from './dicom/noise';
export { readPart10Meta, readTransferSyntax, type Part10Meta } from './dicom/readMeta';
export { SYNTAXES, TS, syntaxInfo, type SyntaxInfo, type SyntaxKey } from './dicom/syntaxes';
export { directExposureValue, synthCxrPixels, type PixelSpec, type Pixels } from './dicom/synthCxr';
export {
  FIELD,
  fieldFractions,
  kernelCorrelation,
  kernelMtf,
  scintillatorKernel,
  type FieldOptions,
} from './dicom/detectorField';
export { DETECTOR, LUNG_QUANTA, detectorNoise } from './dicom/detectorNoise';
export { availableSyntaxes, encodeCxr, hasDcmtk, type SyntaxAvailability } from './dicom/transcode';
export { writePart10 } from './dicom/writePart10';

/** One file a writer produced. */
export interface WrittenFile {
  path: string;
  bytes: number;
  syntax: SyntaxKey;
  transferSyntaxUid: string;
  producer: Producer;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
  patientId: string;
  image: Pick<CxrImage['spec'], 'rows' | 'columns' | 'bitsStored' | 'photometric' | 'view'> & {
    modality: 'DX' | 'CR';
  };
}

/** Encodes `opts` into `syntax` and writes it to `path`. */
export async function writeCxr(
  path: string,
  syntax: SyntaxKey | string,
  opts: CxrOptions = {},
): Promise<WrittenFile> {
  const image = makeCxr(opts);
  const { bytes, producer } = await encodeCxr(image, syntax);
  await writeFile(path, bytes);
  const info = syntaxInfo(syntax);
  return {
    path,
    bytes: bytes.length,
    syntax: info.key,
    transferSyntaxUid: info.uid,
    producer,
    sopInstanceUid: image.sopInstanceUid,
    seriesInstanceUid: image.seriesInstanceUid,
    studyInstanceUid: image.study.studyInstanceUid,
    patientId: image.patient.id,
    image: {
      rows: image.spec.rows,
      columns: image.spec.columns,
      bitsStored: image.spec.bitsStored,
      photometric: image.spec.photometric,
      view: image.spec.view,
      modality: opts.modality ?? 'DX',
    },
  };
}

/** Runs `tasks` with at most `limit` in flight, keeping result order. */
async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      const task = tasks[i];
      if (task) results[i] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The syntaxes that can be produced on this machine (all of them when DCMTK is installed). */
export function producibleSyntaxes(): SyntaxKey[] {
  return availableSyntaxes()
    .filter((s) => s.producer)
    .map((s) => s.key);
}

/** Options of {@link writeCxrSet}. */
export interface CxrSetOptions extends Pick<CxrOptions, 'rows' | 'columns' | 'seed' | 'patient'> {
  /** Syntaxes to write (default: all producible here). Unproducible ones are reported, not thrown. */
  syntaxes?: readonly SyntaxKey[];
  /** Also write 14- and 16-bit variants in these syntaxes (default explicitLE and j2kLossless). */
  deepBitSyntaxes?: readonly SyntaxKey[];
}

/** What {@link writeCxrSet} wrote and what it had to skip (and why). */
export interface CxrSetResult {
  files: WrittenFile[];
  skipped: { syntax: SyntaxKey; reason: string }[];
}

/**
 * The "every transfer syntax" set: one study, for each syntax a DX MONOCHROME2 and a CR
 * MONOCHROME1 instance (12-bit, or 8-bit for JPEG Baseline), plus 14/16-bit variants. Files are
 * `<dir>/<syntax>-<variant>.dcm`. Tiny images by default (64×64), so the whole set takes seconds.
 */
export async function writeCxrSet(dir: string, opts: CxrSetOptions = {}): Promise<CxrSetResult> {
  await mkdir(dir, { recursive: true });
  const seed = opts.seed ?? 1;
  const available = new Map(availableSyntaxes().map((s) => [s.key, s.producer]));
  const wanted = opts.syntaxes ?? SYNTAXES.map((s) => s.key);
  const skipped = wanted
    .filter((k) => !available.get(k))
    .map((syntax) => ({ syntax, reason: 'no encoder installed (DCMTK missing?)' }));
  const study = { ...seededStudy(seed, true), description: 'Chest PA' };
  const base: CxrOptions = {
    rows: opts.rows ?? 64,
    columns: opts.columns ?? 64,
    seed,
    study,
    deterministicUids: true,
    ...(opts.patient ? { patient: opts.patient } : {}),
  };
  const jobs: { name: string; syntax: SyntaxKey; opts: CxrOptions }[] = [];
  wanted
    .filter((k) => available.get(k))
    .forEach((syntax, i) => {
      const bitsStored = syntaxInfo(syntax).maxBitsStored === 8 ? 8 : 12;
      const variants = [
        { name: 'dx-mono2', modality: 'DX', photometric: 'MONOCHROME2' },
        { name: 'cr-mono1', modality: 'CR', photometric: 'MONOCHROME1' },
      ] as const;
      variants.forEach((v, j) => {
        const seriesUid = seededUid('set-series', seed, syntax, v.name);
        jobs.push({
          name: `${syntax}-${v.name}`,
          syntax,
          opts: {
            ...base,
            modality: v.modality,
            photometric: v.photometric,
            bitsStored,
            seriesInstanceUid: seriesUid,
            seriesNumber: i * 2 + j + 1,
            sopInstanceUid: seededUid('set-instance', seed, syntax, v.name),
          },
        });
      });
    });
  const deep = (opts.deepBitSyntaxes ?? ['explicitLE', 'j2kLossless']).filter((k) =>
    available.get(k),
  );
  for (const syntax of deep) {
    for (const bitsStored of [14, 16] as const) {
      const probe = makeCxr({ ...base, rows: 1, columns: 1, bitsStored });
      if (incompatibility(probe, syntaxInfo(syntax))) continue;
      jobs.push({
        name: `${syntax}-dx-${bitsStored}bit`,
        syntax,
        opts: {
          ...base,
          bitsStored,
          seriesNumber: 100 + bitsStored,
          sopInstanceUid: seededUid('set-instance', seed, syntax, bitsStored),
        },
      });
    }
  }
  const files = await pool(
    availableParallelism(),
    jobs.map((j) => () => writeCxr(join(dir, `${j.name}.dcm`), j.syntax, j.opts)),
  );
  return { files, skipped };
}

/** Options of {@link writeBulk}. */
export interface BulkOptions {
  count: number;
  /** Instances are spread round-robin over this many patients, one study each. Default 10. */
  patients?: number;
  /** Syntaxes to cycle through (default explicitLE). */
  syntaxes?: readonly SyntaxKey[];
  modality?: 'DX' | 'CR';
  rows?: number;
  columns?: number;
  seed?: number;
  /** Files in flight at once (default: CPU count). */
  concurrency?: number;
}

/**
 * Writes `count` instances as `<dir>/p<patient>-i<n>.dcm`, spread over `patients` studies. UIDs
 * are fresh (`newUid()`), so a benchmark can be rerun against the same archive.
 */
export async function writeBulk(dir: string, opts: BulkOptions): Promise<WrittenFile[]> {
  await mkdir(dir, { recursive: true });
  const patients = Math.max(1, Math.min(opts.patients ?? 10, opts.count));
  const seed = opts.seed ?? 1;
  const studies = Array.from({ length: patients }, (_, p) => seededStudy(seed * 1000 + p));
  const syntaxes = opts.syntaxes?.length ? opts.syntaxes : (['explicitLE'] as const);
  const views = ['PA', 'LATERAL', 'AP'] as const;
  const tasks = Array.from({ length: opts.count }, (_, n) => () => {
    const p = n % patients;
    const instance = Math.floor(n / patients);
    const syntax = syntaxes[n % syntaxes.length] ?? 'explicitLE';
    const name = `p${String(p).padStart(4, '0')}-i${String(instance).padStart(4, '0')}.dcm`;
    return writeCxr(join(dir, name), syntax, {
      seed: seed * 1000 + p + instance * 7919,
      patient: seededPatient(seed * 1000 + p),
      study: studies[p],
      modality: opts.modality ?? 'CR',
      bitsStored: syntaxInfo(syntax).maxBitsStored === 8 ? 8 : 12,
      view: views[instance % views.length],
      instanceNumber: instance + 1,
      seriesNumber: instance + 1,
      ...(opts.rows ? { rows: opts.rows } : {}),
      ...(opts.columns ? { columns: opts.columns } : {}),
    });
  });
  return pool(opts.concurrency ?? availableParallelism(), tasks);
}

/** Many tiny CR instances (64×64) for ingest-throughput benchmarks, e.g. 500. */
export function writeSmallSet(
  dir: string,
  opts: Omit<BulkOptions, 'rows' | 'columns'>,
): Promise<WrittenFile[]> {
  return writeBulk(dir, { modality: 'CR', ...opts, rows: 64, columns: 64 });
}

/** Realistic DX instances (2500×2048, ~10 MB uncompressed), e.g. 40; two files in flight per CPU. */
export function writeLargeSet(
  dir: string,
  opts: Omit<BulkOptions, 'rows' | 'columns'>,
): Promise<WrittenFile[]> {
  return writeBulk(dir, { modality: 'DX', concurrency: availableParallelism() * 2, ...opts });
}

/**
 * One Explicit VR LE file per {@link CHARSET_SAMPLES} entry (`<dir>/<key>.dcm`), with name,
 * physician, institution, descriptions and comments encoded in that Specific Character Set.
 */
export async function writeCharsetSet(dir: string, seed = 1): Promise<WrittenFile[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    CHARSET_SAMPLES.map((s, i) =>
      writeCxr(join(dir, `${s.key}.dcm`), 'explicitLE', {
        seed: seed + i,
        rows: 64,
        columns: 64,
        charset: s.charset,
        comments: s.comments,
        deterministicUids: true,
        patient: { name: s.patientName },
        study: {
          ...seededStudy(seed + i, true),
          referringPhysician: s.referringPhysician,
          institutionName: s.institutionName,
          description: s.studyDescription,
        },
      }),
    ),
  );
}
