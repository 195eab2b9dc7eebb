import { describe, expect, it } from 'vitest';
import { TRANSFER_SYNTAXES } from './syntaxes';
import { encodeCxr, makeCxr } from '../../testing/dicomFixtures';
import { canTranscode, loadCodecs, transcode, transcodeRefusal, transcodeSync } from './transcoder';

/** The rules of lossless transcoding, from the one table of syntaxes (PS3.5 §10). */
describe('transcodeRefusal', () => {
  it('always allows the stored syntax, even one Telerad knows nothing of', () => {
    expect(transcodeRefusal('1.2.840.10008.1.2.4.112', '1.2.840.10008.1.2.4.112')).toBeUndefined();
  });

  it('never produces a lossy syntax, from anything', () => {
    for (const from of TRANSFER_SYNTAXES)
      for (const to of TRANSFER_SYNTAXES.filter((s) => s.lossy && s.uid !== from.uid))
        expect(transcodeRefusal(from.uid, to.uid), `${from.name} → ${to.name}`).toMatch(/lossy/);
  });

  it('decodes every syntax it reads into every syntax it produces', () => {
    for (const from of TRANSFER_SYNTAXES.filter((s) => s.read))
      for (const to of TRANSFER_SYNTAXES.filter((s) => s.produce))
        expect(canTranscode(from.uid, to.uid), `${from.name} → ${to.name}`).toBe(true);
    expect(transcodeRefusal('1.2.840.10008.1.2.4.100', '1.2.840.10008.1.2.1')).toMatch(
      /cannot decode/,
    );
  });

  it('throws NOT_ACCEPTABLE for a refused change and DICOM_TRANSCODE_FAILED for unreadable data', () => {
    expect(() =>
      transcodeSync(Buffer.alloc(0), '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.4.50'),
    ).toThrow(expect.objectContaining({ code: 'NOT_ACCEPTABLE' }));
    expect(() =>
      transcodeSync(Buffer.from('not dicom'), '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.1'),
    ).toThrow(expect.objectContaining({ code: 'DICOM_TRANSCODE_FAILED' }));
  });
});

describe('transcode', () => {
  it('works on its own thread: the event loop turns while an image is decoded', async () => {
    const { bytes } = await encodeCxr(makeCxr({ rows: 512, columns: 512, seed: 5 }), 'j2kLossless');
    await loadCodecs();
    let turned = false;
    setImmediate(() => (turned = true));
    const out = await transcode(bytes, '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.1');
    expect(turned).toBe(true);
    const same = transcodeSync(bytes, '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.1');
    expect(out.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect(out.part10.equals(same.part10)).toBe(true);
    await expect(
      transcode(Buffer.from('not dicom'), '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.1'),
    ).rejects.toMatchObject({ code: 'DICOM_TRANSCODE_FAILED' });
  });
});
