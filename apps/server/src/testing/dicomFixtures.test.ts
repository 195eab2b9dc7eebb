import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHARSET_SAMPLES,
  SYNTAXES,
  brokenFiles,
  encodeCxr,
  hasDcmtk,
  makeCxr,
  producibleSyntaxes,
  readPart10Meta,
  readTransferSyntax,
  synthCxrPixels,
  syntaxInfo,
  writeCharsetSet,
  writeCxr,
  writeCxrSet,
  writeLargeSet,
  writeSmallSet,
  type CxrSetResult,
  type WrittenFile,
} from './dicomFixtures';
import { dcmjs } from './dicom/nativeModules';

const require = createRequire(import.meta.url);
const { Transcoder } = require('dcmjs-codecs') as {
  Transcoder: new (b: ArrayBuffer) => {
    transcode(ts: string): void;
    getElements(): { PixelData?: ArrayBuffer[] };
  };
};

const dcmtk = hasDcmtk();
let dir: string;

const arrayBuffer = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** dcmjs's naturalized data set of a file (throws like dcmjs does). */
async function parse(path: string): Promise<Record<string, unknown>> {
  const file = dcmjs.data.DicomMessage.readFile(arrayBuffer(await readFile(path)));
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict);
}

/** dcmdump's exit code and output (`+U8`: convert text to UTF-8). */
function dcmdump(path: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('dcmdump', [...args, path], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** Pixels of a file decoded back to native little endian, via dcmjs-codecs (DCMTK for .51). */
async function decodedPixels(path: string, syntax: string): Promise<Uint8Array> {
  if (syntax === 'jpegExtended') {
    // dcmjs-codecs has no JPEG Extended decoder.
    const out = `${path}.decoded`;
    expect(spawnSync('dcmdjpeg', [path, out]).status).toBe(0);
    const frame = (await parse(out)).PixelData as ArrayBuffer[];
    return new Uint8Array(frame[0] ?? new ArrayBuffer(0));
  }
  const t = new Transcoder(arrayBuffer(await readFile(path)));
  t.transcode(syntaxInfo('explicitLE').uid);
  const frame = t.getElements().PixelData?.[0];
  if (!frame) throw new Error(`no pixel data in ${path}`);
  return new Uint8Array(frame);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'telerad-fixtures-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('synthetic chest X-ray pixels', () => {
  const spec = { rows: 64, columns: 64, bitsStored: 12, view: 'PA', seed: 5 } as const;

  it('is deterministic per seed, varied, within BitsStored, and MONOCHROME1 is the inverse', () => {
    const a = synthCxrPixels({ ...spec, photometric: 'MONOCHROME2' });
    expect(synthCxrPixels({ ...spec, photometric: 'MONOCHROME2' })).toEqual(a);
    expect(synthCxrPixels({ ...spec, seed: 6, photometric: 'MONOCHROME2' })).not.toEqual(a);
    expect(Math.max(...a)).toBeLessThanOrEqual(4095);
    expect(new Set(a).size).toBeGreaterThan(500); // noise and anatomy, not a flat image
    const inverse = synthCxrPixels({ ...spec, photometric: 'MONOCHROME1' });
    expect(Array.from(inverse, (v, i) => v + (a[i] ?? 0)).every((s) => s === 4095)).toBe(true);
  });

  it('writes one realistic 2500×2048 DX', async () => {
    const [file] = await writeLargeSet(join(dir, 'large'), { count: 1 });
    expect(file?.bytes).toBeGreaterThan(2500 * 2048 * 2);
    const ds = await parse(file?.path ?? '');
    expect([ds.Rows, ds.Columns, ds.Modality, ds.BitsStored]).toEqual([2500, 2048, 'DX', 12]);
    if (dcmtk) expect(dcmdump(file?.path ?? '', '-q').status).toBe(0);
  });
});

describe('every transfer syntax', () => {
  let set: CxrSetResult;
  beforeAll(async () => {
    set = await writeCxrSet(join(dir, 'set'), { seed: 3 });
  }, 20_000);

  it('makes every known syntax when DCMTK is installed, and reports what it skipped', () => {
    const made = new Set(set.files.map((f) => f.syntax));
    expect([...made].sort()).toEqual([...producibleSyntaxes()].sort());
    if (dcmtk) expect(made.size).toBe(SYNTAXES.length);
    expect(set.skipped.every((s) => !made.has(s.syntax))).toBe(true);
  });

  it('writes valid Part 10 files that dcmjs and dcmdump read, with the header intact', async () => {
    for (const f of set.files) {
      expect(await readTransferSyntax(f.path), f.path).toBe(f.transferSyntaxUid);
      const ds = await parse(f.path);
      expect(ds.SOPInstanceUID, f.path).toBe(f.sopInstanceUid);
      expect(ds.StudyInstanceUID).toBe(set.files[0]?.studyInstanceUid);
      expect([ds.PatientID, ds.Rows, ds.BodyPartExamined]).toEqual([f.patientId, 64, 'CHEST']);
      expect(ds.PhotometricInterpretation).toBe(f.image.photometric);
      if (dcmtk) expect(dcmdump(f.path, '-q').status, f.path).toBe(0);
    }
  });

  it('round-trips pixels exactly through every lossless syntax, and closely through lossy ones', async () => {
    // Deflated is checked byte for byte below; dcmjs-codecs cannot read it.
    const skip = dcmtk ? ['deflatedLE'] : ['deflatedLE', 'jpegExtended'];
    for (const f of set.files.filter((x) => !skip.includes(x.syntax))) {
      const original = makeCxr({ seed: 3, ...f.image }).pixels;
      const want = new Uint8Array(original.buffer, original.byteOffset, original.byteLength);
      const got = await decodedPixels(f.path, f.syntax);
      if (!syntaxInfo(f.syntax).lossy) {
        expect(Buffer.compare(Buffer.from(got), Buffer.from(want)), f.path).toBe(0);
        continue;
      }
      const wide = f.image.bitsStored > 8;
      const values = wide ? new Uint16Array(got.buffer, got.byteOffset, got.length / 2) : got;
      let err = 0;
      values.forEach((v, i) => (err += Math.abs(v - (original[i] ?? 0))));
      // Mean error under 2 % of the range: recognisably the same image (J2K at 20:1 is ~1.5 %).
      expect(err / values.length, f.path).toBeLessThan(((1 << f.image.bitsStored) - 1) * 0.02);
    }
  });

  it('writes one image identically in all uncompressed syntaxes (DCMTK agrees)', async () => {
    const image = makeCxr({ seed: 9, rows: 32, columns: 32 });
    const path = (key: string): string => join(dir, `uncompressed-${key}.dcm`);
    const keys = ['explicitLE', 'implicitLE', 'explicitBE', 'deflatedLE'] as const;
    for (const key of keys) await writeFile(path(key), (await encodeCxr(image, key)).bytes);
    // PS3.5 §A.5: the deflated syntax is the explicit VR LE data set, raw-deflated.
    const metaEnd = (b: Buffer): number => 144 + b.readUInt32LE(140);
    const deflated = await readFile(path('deflatedLE'));
    const explicit = await readFile(path('explicitLE'));
    const inflated = inflateRawSync(deflated.subarray(metaEnd(deflated)));
    expect(Buffer.compare(inflated, explicit.subarray(metaEnd(explicit)))).toBe(0);
    if (!dcmtk) return;
    const dataSet = (key: string): string =>
      (dcmdump(path(key)).out.split('# Dicom-Data-Set')[1] ?? '').replace(/^# Used.*$/m, '');
    for (const key of keys) expect(dataSet(key), key).toBe(dataSet('explicitLE'));
  });

  it('is byte-identical when rebuilt from the same seed', async () => {
    const again = await writeCxrSet(join(dir, 'set-again'), { seed: 3 });
    for (const f of again.files) {
      const first = await readFile(f.path.replace('set-again', 'set'));
      expect(Buffer.compare(await readFile(f.path), first), f.path).toBe(0);
    }
  });
});

describe('specific character sets', () => {
  let files: WrittenFile[];
  beforeAll(async () => {
    files = await writeCharsetSet(join(dir, 'charsets'));
  });

  it('encodes each set as a modality would (PS3.5 Annex H and I examples)', async () => {
    const bytes = async (key: string): Promise<Buffer> =>
      readFile(join(dir, 'charsets', `${key}.dcm`));
    const hex = (s: string): Buffer => Buffer.from(s.replace(/ /g, ''), 'hex');
    // PS3.5 H.3.1: Yamada^Tarou=ESC$B山田ESC(B^ESC$B太郎ESC(B=ESC$Bやまだ ESC(B^ESC$Bたろう ESC(B
    const jis = '1b2442 3b33 4544 1b2842 5e 1b2442 4240 4f3a 1b2842 3d 1b2442 2464245e2440 1b2842';
    expect((await bytes('iso2022-japanese')).includes(hex(jis))).toBe(true);
    expect((await bytes('latin1')).includes(hex('4ddc4c4c45525e4a4f53c9'))).toBe(true);
    // Люксембург in ISO 8859-5 (glibc iconv).
    expect((await bytes('iso8859-5-cyrillic')).includes(hex('bbeedae1d5dcd1e3e0d3'))).toBe(true);
    expect((await bytes('utf8-japanese')).includes(Buffer.from('山田^太郎'))).toBe(true);
  });

  it('decodes back to the same Unicode text in dcmjs and (except ISO 2022) dcmdump +U8', async () => {
    for (const [i, sample] of CHARSET_SAMPLES.entries()) {
      const path = files[i]?.path ?? '';
      if (dcmtk) expect(dcmdump(path, '-q').status, path).toBe(0);
      // dcmjs rejects multi-valued Specific Character Set (ISO 2022 code extensions): the
      // archive must not rely on it to read such files.
      if (sample.charset.startsWith('\\')) {
        await expect(parse(path)).rejects.toThrow(/multiple character sets/);
        continue;
      }
      const ds = await parse(path);
      const pn = (ds.PatientName as Record<string, string>[])[0] ?? {};
      const name = [pn.Alphabetic, pn.Ideographic, pn.Phonetic].filter(Boolean).join('=');
      expect([name, ds.InstitutionName, ds.PatientComments]).toEqual([
        sample.patientName,
        sample.institutionName,
        sample.comments,
      ]);
      if (dcmtk) expect(dcmdump(path, '+U8').out).toContain(sample.studyDescription);
    }
  });
});

describe('broken inputs', () => {
  // dcmjs reads these without complaint (it zero-fills or over-reads), so an archive needs its
  // own length checks; DCMTK rejects all of them.
  const DCMJS_LENIENT = [
    'truncated-pixel-data',
    'oversized-length-implicit',
    'oversized-pixel-length',
  ];

  it('fail in the way each one describes', async () => {
    const broken = await brokenFiles(join(dir, 'broken'));
    for (const [name, f] of Object.entries(broken)) {
      if (f.kind === 'unparseable') {
        if (dcmtk) expect(dcmdump(f.path, '-q').status, name).not.toBe(0);
        if (!DCMJS_LENIENT.includes(name)) await expect(parse(f.path), name).rejects.toThrow();
        continue;
      }
      if (dcmtk) expect(dcmdump(f.path, '-q').status, name).toBe(0);
      const ds = await parse(f.path);
      if (f.kind === 'missing-attribute') expect(ds[f.missing ?? ''], name).toBeUndefined();
    }
    const mismatch = await readPart10Meta(broken['meta-sop-class-mismatch'].path);
    const dataSet = await parse(broken['meta-sop-class-mismatch'].path);
    expect(mismatch.mediaStorageSopClassUid).not.toBe(dataSet.SOPClassUID);
    const ct = await parse(broken['ct-class-without-ct-attributes'].path);
    expect(ct.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(ct.ImagePositionPatient).toBeUndefined();
    await expect(readTransferSyntax(broken['no-dicm-magic'].path)).rejects.toThrow(/DICM/);
  });
});

describe('bulk sets', () => {
  it('spreads many small instances over patients, one study each, all unique', async () => {
    const files = await writeSmallSet(join(dir, 'small'), { count: 40, patients: 4 });
    expect(new Set(files.map((f) => f.sopInstanceUid)).size).toBe(40);
    expect(new Set(files.map((f) => f.studyInstanceUid)).size).toBe(4);
    expect(new Set(files.map((f) => `${f.patientId}|${f.studyInstanceUid}`)).size).toBe(4);
    const ds = await parse(files[5]?.path ?? '');
    expect([ds.Modality, ds.Rows, ds.InstanceNumber]).toEqual(['CR', 64, 2]);
  });

  it('lets a caller pin one study for a multi-instance study', async () => {
    const study = { studyInstanceUid: '1.2.3.4', accessionNumber: 'ACC1' };
    const views = ['PA', 'LATERAL', 'AP', 'PA'] as const;
    const files = await Promise.all(
      views.map((view, i) =>
        writeCxr(join(dir, `study-${i}.dcm`), 'explicitLE', {
          rows: 32,
          columns: 32,
          view,
          study,
          patient: { id: 'P1' },
          instanceNumber: i + 1,
        }),
      ),
    );
    const parsed = await Promise.all(files.map((f) => parse(f.path)));
    expect(new Set(parsed.map((d) => d.StudyInstanceUID))).toEqual(new Set(['1.2.3.4']));
    expect(parsed.map((d) => d.ViewPosition)).toEqual([...views]);
    expect(new Set(parsed.map((d) => d.SOPInstanceUID)).size).toBe(4);
  });
});
