import { describe, expect, it } from 'vitest';
import { part10 } from '../testSupport';
import { NotDicomError, readHeader } from './header';

describe('readHeader', () => {
  it('reads identity and the asked attributes of a Part 10 instance', () => {
    const { bytes, sopInstanceUid, studyInstanceUid } = part10({
      attributes: { '0032000C': { vr: 'CS', Value: ['URGENT'] } },
    });
    expect(readHeader(bytes, ['0032000C', '00401003'])).toEqual({
      sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
      sopInstanceUid,
      studyInstanceUid,
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      attributes: { '0032000C': ['URGENT'] },
    });
  });

  it('refuses bytes that are not DICOM', () => {
    expect(() => readHeader(Buffer.from('%PDF-1.7 not an image'), [])).toThrow(NotDicomError);
  });
});
