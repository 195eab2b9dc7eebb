import { describe, expect, it } from 'vitest';
import { readMeta } from '@telerad/dicom';
import { buildPart10Meta } from './meta';

describe('Part 10 meta for received datasets', () => {
  it('writes a readable group 0002 with even lengths and the fields given', () => {
    const meta = buildPart10Meta({
      sopClassUid: '1.2.840.10008.5.1.4.1.1.1',
      sopInstanceUid: '1.2.3.45',
      transferSyntaxUid: '1.2.840.10008.1.2.4.90',
      sourceAeTitle: 'DEMO1',
    });
    const info = readMeta((o, l) => meta.subarray(o, o + l), meta.length);
    expect(info).toEqual({
      datasetOffset: meta.length,
      transferSyntaxUid: '1.2.840.10008.1.2.4.90',
      mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.1',
      mediaStorageSopInstanceUid: '1.2.3.45',
    });
    expect(meta.length % 2).toBe(0);
    // Group length (0002,0000) counts every byte after itself.
    expect(meta.readUInt32LE(140)).toBe(meta.length - 144);
    expect(meta.includes(Buffer.from('DEMO1 '))).toBe(true);
  });
});
