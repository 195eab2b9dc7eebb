import { readMeta } from '@telerad/dicom';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCxr, makeCxr, noiseSigma } from '../../../server/src/testing/dicomFixtures';
import { HTJ2K_LOSSLESS, JPEG_LS_LOSSLESS, loadCodecs, prepareSync } from './compress';

type Codecs = Awaited<ReturnType<typeof loadCodecs>>;
let codecs: Codecs;
beforeAll(async () => {
  codecs = await loadCodecs();
});

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const ab = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;

/** The elements of a Part 10 file, with its pixels decoded to native (Explicit VR LE) if asked. */
function elementsOf(file: Buffer, decode = true): Record<string, unknown> {
  const meta = readMeta((o, l) => file.subarray(o, o + l), file.length);
  const t = new codecs.Transcoder(ab(file.subarray(meta.datasetOffset)), meta.transferSyntaxUid);
  if (decode && meta.transferSyntaxUid !== EXPLICIT_LE) t.transcode(EXPLICIT_LE);
  return t.getElements();
}
const decoded = (file: Buffer) => elementsOf(file);

const pixelsOf = (el: Record<string, unknown>) => Buffer.from((el.PixelData as ArrayBuffer[])[0]!);

describe('lossless compression before upload', () => {
  for (const bitsStored of [12, 16] as const)
    for (const [mode, uid] of [
      ['jpeg-ls', JPEG_LS_LOSSLESS],
      ['htj2k', HTJ2K_LOSSLESS],
    ] as const)
      it(`${mode} of a ${bitsStored}-bit radiograph with detector noise gives back every pixel and attribute`, async () => {
        const image = makeCxr({ rows: 256, columns: 256, bitsStored, seed: bitsStored });
        const { bytes } = await encodeCxr(image, 'explicitLE');
        // The noise is what makes the test honest: a smooth phantom compresses far better.
        expect(noiseSigma(image.pixels, 256)).toBeGreaterThan(((1 << bitsStored) - 1) * 0.002);
        const out = prepareSync(codecs, bytes, mode, true);
        expect(out.transferSyntaxUid).toBe(uid);
        expect(out.gzip).toBe(false);
        expect(out.body.length).toBeLessThan(bytes.length);
        const before = decoded(bytes);
        const after = decoded(out.body);
        expect(pixelsOf(after).equals(pixelsOf(before))).toBe(true);
        // Nothing added either: a monochrome image leaves without Planar Configuration.
        expect(Object.keys(elementsOf(out.body, false)).sort()).toEqual(Object.keys(before).sort());
        for (const key of Object.keys(before).filter((k) => k !== 'PixelData'))
          expect([key, after[key]]).toEqual([key, before[key]]);
        expect(after.SOPInstanceUID).toBe(image.sopInstanceUid);
      });

  it('sends already-compressed pixels as they are, marked for gzip', async () => {
    const image = makeCxr({ rows: 64, columns: 64 });
    const { bytes } = await encodeCxr(image, 'rleLossless');
    const out = prepareSync(codecs, bytes, 'jpeg-ls', true);
    expect(out.body).toBe(bytes);
    expect(out.gzip).toBe(true);
    expect(out.kept).toMatch(/already encoded/);
    expect(prepareSync(codecs, bytes, 'jpeg-ls', false).gzip).toBe(false);
  });

  it('mode gzip keeps the pixels and gzips the request; mode none sends as received', async () => {
    const { bytes } = await encodeCxr(makeCxr({ rows: 64, columns: 64 }), 'explicitLE');
    expect(prepareSync(undefined, bytes, 'gzip', false)).toMatchObject({ body: bytes, gzip: true });
    expect(prepareSync(undefined, bytes, 'none', true)).toMatchObject({ body: bytes, gzip: false });
  });
});
