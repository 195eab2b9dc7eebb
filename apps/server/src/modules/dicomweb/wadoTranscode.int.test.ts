import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import {
  makeCxr,
  readTransferSyntax,
  writeCxrSet,
  writePart10,
  type WrittenFile,
} from '../../testing/dicomFixtures';
import { binary, encapsulated, put, tag, text } from '../../testing/dicom/elements';
import { pixelMismatch, referencePixels } from '../../testing/dicom/referencePixels';
import { pixelBytes } from '../../testing/dicom/synthCxr';
import { as, partsOf, stowAs, type ReceivedPart } from './testSupport';

/**
 * WADO-RS in another transfer syntax (PS3.18 §8.7.3): instances in Explicit VR Little Endian by
 * default and in any syntax Telerad produces without loss when asked; frames decoded to
 * application/octet-stream by default, or as RLE; 406 with the reason when it cannot. Pixels
 * are checked with independent decoders (DCMTK, JasPer), never with Telerad's own.
 */
let fx: AppFixture;
let dir: string;
let files: WrittenFile[];

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const RLE = '1.2.840.10008.1.2.5';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const dicom = (ts?: string) =>
  `multipart/related; type="application/dicom"${ts ? `; transfer-syntax=${ts}` : ''}`;
const instanceUrl = (f: {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
}) =>
  `/dicomweb/studies/${f.studyInstanceUid}/series/${f.seriesInstanceUid}/instances/${f.sopInstanceUid}`;
const original = (w: WrittenFile) =>
  files.find((x) => x.syntax === 'explicitLE' && x.image.photometric === w.image.photometric)!.path;

/** A 3-frame 32×32 12-bit image (frame n = the synthetic image + 100·n), compressed by DCMTK. */
function multiFrame(syntax: 'jpegLsLossless' | 'rleLossless') {
  const image = makeCxr({ rows: 32, columns: 32, seed: 31, modality: 'DX' });
  const one = Buffer.from(pixelBytes(image.pixels));
  const frames = [0, 1, 2].map((n) => {
    const f = Buffer.from(one);
    for (let i = 0; i < f.length; i += 2)
      f.writeUInt16LE(Math.min(4095, f.readUInt16LE(i) + 100 * n), i);
    return f;
  });
  let ds = put(image.dataSet, text(tag(0x0028, 0x0008), 'IS', '3'));
  ds = put(ds, binary(tag(0x7fe0, 0x0010), 'OW', Buffer.concat(frames)));
  const native = path.join(dir, `multi-${syntax}-native.dcm`);
  const out = path.join(dir, `multi-${syntax}.dcm`);
  fs.writeFileSync(native, writePart10(ds, { transferSyntax: EXPLICIT_LE }));
  execFileSync(syntax === 'rleLossless' ? 'dcmcrle' : 'dcmcjpls', [native, out]);
  return {
    path: out,
    frames,
    studyInstanceUid: image.study.studyInstanceUid,
    seriesInstanceUid: image.seriesInstanceUid,
    sopInstanceUid: image.sopInstanceUid,
  };
}

/** A single-frame RLE file around `frame`, with the attributes of {@link multiFrame}'s image. */
function rleFileAround(frame: Buffer): string {
  const image = makeCxr({ rows: 32, columns: 32, seed: 31, modality: 'DX' });
  const file = path.join(dir, `rle-${fs.readdirSync(dir).length}.dcm`);
  const ds = put(image.dataSet, encapsulated(tag(0x7fe0, 0x0010), [frame]));
  fs.writeFileSync(file, writePart10(ds, { transferSyntax: RLE }));
  return file;
}

/** The uncompressed original of `w` with `frame` as its Pixel Data (the value that ends it). */
function nativeFileAround(w: WrittenFile, frame: Buffer): string {
  const bytes = Buffer.from(fs.readFileSync(original(w)));
  frame.copy(bytes, bytes.length - frame.length);
  const file = path.join(dir, `frame-${fs.readdirSync(dir).length}.dcm`);
  fs.writeFileSync(file, bytes);
  return file;
}

beforeAll(async () => {
  fx = await appWithDemo();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-wado-tc-'));
  const set = await writeCxrSet(dir, { patient: { name: 'WADO^TRANSCODE', id: 'WADO-TC' } });
  expect(set.skipped).toEqual([]);
  files = set.files;
  const res = await stowAs(
    fx.app,
    'clinic1',
    files.map((f) => fs.readFileSync(f.path)),
  );
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await fx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function get(url: string, accept?: string) {
  return as(fx.app, 'clinic1')({ url, headers: accept ? { accept } : {} });
}

/** Writes a part to a file, for the independent decoders. */
function saved(part: ReceivedPart, name: string): string {
  const file = path.join(dir, `${name}-${fs.readdirSync(dir).length}.dcm`);
  fs.writeFileSync(file, part.body);
  return file;
}

describe('WADO-RS instances in another transfer syntax', () => {
  it('sends every instance as Explicit VR Little Endian when no transfer syntax is asked for, pixels unchanged', async () => {
    for (const w of files) {
      for (const accept of [undefined, dicom(), dicom(EXPLICIT_LE)]) {
        const res = await get(instanceUrl(w), accept);
        expect(res.statusCode, `${w.syntax} ${accept}: ${res.body.slice(0, 300)}`).toBe(200);
        const [part] = await partsOf(res);
        expect(part!.headers['content-type']).toBe(
          `application/dicom; transfer-syntax=${EXPLICIT_LE}`,
        );
        expect(Number(part!.headers['content-length'])).toBe(part!.body.length);
        const file = saved(part!, w.syntax);
        expect(await readTransferSyntax(file), w.syntax).toBe(EXPLICIT_LE);
        if (!accept) expect(await pixelMismatch(file, w, original(w))).toBeUndefined();
        if (w.transferSyntaxUid === EXPLICIT_LE)
          expect(part!.body.equals(fs.readFileSync(w.path)), 'as stored: the same bytes').toBe(
            true,
          );
      }
    }
  }, 180_000);

  it('produces a lossless syntax when asked, and refuses a lossy one with 406 and the reason', async () => {
    const j2k = files.find((w) => w.syntax === 'j2kLossless')!;
    const rle = await get(instanceUrl(j2k), dicom(RLE));
    expect(rle.statusCode, rle.body.slice(0, 300)).toBe(200);
    const [part] = await partsOf(rle);
    expect(part!.headers['content-type']).toBe(`application/dicom; transfer-syntax=${RLE}`);
    const file = saved(part!, 'j2k-as-rle');
    expect(await readTransferSyntax(file)).toBe(RLE);
    expect(await pixelMismatch(file, j2k, original(j2k))).toBeUndefined();

    const lossy = await get(instanceUrl(j2k), dicom(JPEG_BASELINE));
    expect(lossy.statusCode).toBe(406);
    expect(lossy.json().error.code).toBe('NOT_ACCEPTABLE');
    expect(lossy.json().error.message).toMatch(/lossy.*transfer-syntax=\*/);
    // A later range that can be honoured wins over an earlier one that cannot.
    const either = await get(instanceUrl(j2k), `${dicom(JPEG_BASELINE)}, ${dicom('*')};q=0.5`);
    expect(either.statusCode).toBe(200);
    expect((await partsOf(either))[0]!.body.equals(fs.readFileSync(j2k.path))).toBe(true);
  });

  it('keeps every instance of a study as stored with transfer-syntax=*', async () => {
    const res = await get(`/dicomweb/studies/${files[0]!.studyInstanceUid}`, dicom('*'));
    const parts = await partsOf(res);
    expect(parts).toHaveLength(files.length);
    for (const p of parts) {
      const w = files.find((f) => p.body.equals(fs.readFileSync(f.path)));
      expect(w).toBeDefined();
      expect(p.headers['content-type']).toBe(
        `application/dicom; transfer-syntax=${w!.transferSyntaxUid}`,
      );
    }
  });
});

describe('WADO-RS frames of compressed images', () => {
  it('decodes the frames of every compressed syntax to application/octet-stream by default', async () => {
    for (const w of files.filter(
      (f) => !['implicitLE', 'explicitLE', 'explicitBE', 'deflatedLE'].includes(f.syntax),
    )) {
      const res = await get(`${instanceUrl(w)}/frames/1`);
      expect(res.statusCode, `${w.syntax}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.headers['content-type']).toContain('type="application/octet-stream"');
      const [part, ...more] = await partsOf(res);
      expect(more).toEqual([]);
      expect(part!.headers['content-type']).toBe(
        `application/octet-stream; transfer-syntax=${EXPLICIT_LE}`,
      );
      // Native pixels: equal to what DCMTK decodes from the stored object; for JPEG 2000 and
      // HTJ2K, wrapped as the Pixel Data of the uncompressed original and compared as there.
      const reference = w.syntax.includes('j2k') ? undefined : await referencePixels(w.path);
      if (reference) expect(part!.body.equals(reference), w.syntax).toBe(true);
      else
        expect(
          await pixelMismatch(nativeFileAround(w, part!.body), w, original(w)),
        ).toBeUndefined();
    }
  });

  it('sends chosen frames of a multi-frame image decoded, or as RLE (image/dicom-rle or image/x-dicom-rle)', async () => {
    const jls = multiFrame('jpegLsLossless');
    const rle = multiFrame('rleLossless');
    expect(
      (await stowAs(fx.app, 'clinic1', [fs.readFileSync(jls.path), fs.readFileSync(rle.path)]))
        .statusCode,
    ).toBe(200);

    const decoded = await partsOf(await get(`${instanceUrl(jls)}/frames/3,1`));
    expect(decoded.map((p) => p.body.equals(jls.frames[2]!))).toEqual([true, false]);
    expect(decoded[1]!.body.equals(jls.frames[0]!)).toBe(true);

    for (const type of ['image/dicom-rle', 'image/x-dicom-rle']) {
      const res = await get(`${instanceUrl(jls)}/frames/2`, `multipart/related; type="${type}"`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const [part] = await partsOf(res);
      expect(part!.headers['content-type']).toBe(`${type}; transfer-syntax=${RLE}`);
      // DCMTK's RLE decoder reads the frame back to the original pixels.
      expect((await referencePixels(rleFileAround(part!.body)))!.equals(jls.frames[1]!)).toBe(true);
    }
    // RLE stored: its frames as stored, byte for byte, and decoded by default.
    const asStored = await partsOf(
      await get(`${instanceUrl(rle)}/frames/2`, 'multipart/related; type="image/dicom-rle"'),
    );
    expect(fs.readFileSync(rle.path).includes(asStored[0]!.body)).toBe(true);
    const rleDecoded = await partsOf(await get(`${instanceUrl(rle)}/frames/2`));
    expect(rleDecoded[0]!.body.equals(rle.frames[1]!)).toBe(true);
  });

  it('refuses a frame type it cannot produce with 406 and what it offers', async () => {
    const jls = files.find((w) => w.syntax === 'jpegLsLossless')!;
    const res = await get(`${instanceUrl(jls)}/frames/1`, 'multipart/related; type="image/jp2"');
    expect(res.statusCode).toBe(406);
    const lossy = await get(
      `${instanceUrl(jls)}/frames/1`,
      'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.4.50',
    );
    expect(lossy.statusCode).toBe(406);
    expect(lossy.json().error.message).toMatch(/application\/octet-stream.*image\/dicom-rle/);
  });
});
