import { describe, expect, it } from 'vitest';
import { TINY_PNG } from '../../testing/images';
import { sniffAttachmentType } from './attachments';

describe('sniffAttachmentType', () => {
  it('recognises PNG, JPEG and PDF by their first bytes', () => {
    expect(sniffAttachmentType(TINY_PNG)).toBe('image/png');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('%PDF-1.4\n'))).toBe('application/pdf');
  });

  it('refuses anything else, whatever it claims to be', () => {
    expect(sniffAttachmentType(Buffer.from('GIF89a'))).toBeNull();
    expect(
      sniffAttachmentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeNull();
    expect(sniffAttachmentType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from([0x89, 0x50, 0x4e]))).toBeNull();
    expect(sniffAttachmentType(Buffer.alloc(0))).toBeNull();
  });
});
