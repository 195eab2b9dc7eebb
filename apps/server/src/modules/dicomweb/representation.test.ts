import { describe, expect, it } from 'vitest';
import { parseAccept } from './accept';
import { frameRepresentation, instanceSyntax } from './representation';

/** Which transfer syntax and media type WADO-RS settles on (PS3.18 §8.7.3), per Accept header. */
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const J2K_LOSSLESS = '1.2.840.10008.1.2.4.90';
const JPEG_LS = '1.2.840.10008.1.2.4.80';
const RLE = '1.2.840.10008.1.2.5';
const JPEG_XL = '1.2.840.10008.1.2.4.112';
const dicom = (ts?: string) =>
  parseAccept(`multipart/related; type="application/dicom"${ts ? `; transfer-syntax=${ts}` : ''}`);
const frames = (accept?: string) => parseAccept(accept);

describe('instanceSyntax', () => {
  it('defaults to Explicit VR Little Endian, keeps the stored syntax with *, produces one asked for', () => {
    expect(instanceSyntax(dicom(), [J2K_LOSSLESS])(J2K_LOSSLESS)).toBe(EXPLICIT_LE);
    expect(instanceSyntax(parseAccept(undefined), [J2K_LOSSLESS])(J2K_LOSSLESS)).toBe(EXPLICIT_LE);
    expect(instanceSyntax(dicom('*'), [J2K_LOSSLESS, JPEG_XL])(JPEG_XL)).toBe(JPEG_XL);
    expect(instanceSyntax(dicom(RLE), [J2K_LOSSLESS])(J2K_LOSSLESS)).toBe(RLE);
  });

  it('refuses a lossy syntax, or an object it cannot decode, with the reason', () => {
    expect(() => instanceSyntax(dicom('1.2.840.10008.1.2.4.50'), [EXPLICIT_LE])).toThrow(/lossy/);
    expect(() => instanceSyntax(dicom(), [JPEG_XL])).toThrow(/cannot decode.*transfer-syntax=\*/);
  });
});

describe('frameRepresentation', () => {
  it('decodes compressed frames to application/octet-stream by default', () => {
    for (const accept of [undefined, 'multipart/related; type="application/octet-stream"'])
      expect(frameRepresentation(frames(accept), JPEG_LS)).toEqual({
        type: 'application/octet-stream',
        ts: EXPLICIT_LE,
        transcode: true,
      });
  });

  it('sends them as stored when asked by type or with transfer-syntax=*', () => {
    const stored = { type: 'image/jls', ts: JPEG_LS, transcode: false };
    expect(frameRepresentation(frames('multipart/related; type="image/jls"'), JPEG_LS)).toEqual(
      stored,
    );
    expect(frameRepresentation(frames('multipart/related; type="image/*"'), JPEG_LS)).toEqual(
      stored,
    );
    expect(
      frameRepresentation(
        frames('multipart/related; type="application/octet-stream"; transfer-syntax=*'),
        JPEG_LS,
      ),
    ).toEqual({ ...stored, type: 'application/octet-stream' });
  });

  it('produces RLE under either of its media type names', () => {
    for (const type of ['image/dicom-rle', 'image/x-dicom-rle'])
      expect(frameRepresentation(frames(`multipart/related; type="${type}"`), JPEG_LS)).toEqual({
        type,
        ts: RLE,
        transcode: true,
      });
  });

  it('refuses what it cannot produce with 406 and what is offered', () => {
    expect(() =>
      frameRepresentation(frames('multipart/related; type="image/jp2"'), JPEG_LS),
    ).toThrow(/image\/jls.*application\/octet-stream.*image\/dicom-rle/);
    // A syntax Telerad cannot decode: its frames only as stored, never mislabelled as native.
    expect(() => frameRepresentation(frames(), JPEG_XL)).toThrow(/available as image\/jxl/);
    // Nor one with no frame media type of its own (MPEG-2): as stored, in its own syntax.
    const mpeg2 = '1.2.840.10008.1.2.4.100';
    expect(() => frameRepresentation(frames(), mpeg2)).toThrow(
      `available as application/octet-stream (${mpeg2})`,
    );
    expect(frameRepresentation(frames('multipart/related; type="image/jxl"'), JPEG_XL)).toEqual({
      type: 'image/jxl',
      ts: JPEG_XL,
      transcode: false,
    });
  });
});
