import { describe, expect, it } from 'vitest';
import { contentDigest, multipartBody } from './stow';
import { isTransientFailure, parseStowResponse } from './stowResponse';

const stored = (uid: string) => ({ '00081155': { vr: 'UI', Value: [uid] } });
const failed = (uid: string, reason: number, code?: string) => ({
  '00081155': { vr: 'UI', Value: [uid] },
  '00081197': { vr: 'US', Value: [reason] },
  ...(code
    ? { '00091001': { vr: 'LO', Value: [code] }, '00091002': { vr: 'LT', Value: ['why'] } }
    : {}),
});

describe('STOW-RS response (PS3.18 §10.5.3)', () => {
  it('tells stored, passing and permanent failures apart per instance', () => {
    const body = {
      '00081199': { vr: 'SQ', Value: [stored('1.1')] },
      '00081198': {
        vr: 'SQ',
        Value: [
          failed('1.2', 0x0110, 'CHECKSUM_MISMATCH'),
          failed('1.3', 0xc000, 'DICOM_UNREADABLE'),
          failed('1.4', 0xa700),
          failed('1.5', 0xa701, 'DICOM_TOO_LARGE'),
        ],
      },
    };
    const out = parseStowResponse(body, ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6']);
    expect(Object.fromEntries([...out].map(([k, v]) => [k, v.kind]))).toEqual({
      '1.1': 'stored',
      '1.2': 'retry',
      '1.3': 'refused',
      '1.4': 'retry',
      '1.5': 'refused',
      '1.6': 'retry', // not mentioned: resent, the archive dedups
    });
    expect(out.get('1.3')).toMatchObject({ code: 'DICOM_UNREADABLE', message: 'why' });
    expect(out.get('1.4')).toMatchObject({ code: 'STOW_FAILURE_A700' });
  });

  it('classes FailureReasons without a Telerad code by their PS3.4 class', () => {
    expect(isTransientFailure(0xa7ff, undefined)).toBe(true);
    expect(isTransientFailure(0xa900, undefined)).toBe(false);
    expect(isTransientFailure(0x0111, undefined)).toBe(false);
    expect(isTransientFailure(undefined, undefined)).toBe(false);
  });
});

describe('STOW-RS request', () => {
  it('frames each part with its type and RFC 9530 Content-Digest of exactly its bytes', () => {
    const a = Buffer.from('first object');
    const { body, boundary } = multipartBody([
      {
        item: {} as never,
        prepared: { body: a, gzip: false, transferSyntaxUid: '', originalBytes: 12 },
      },
    ]);
    const text = body.toString('latin1');
    expect(text.startsWith(`\r\n--${boundary}\r\nContent-Type: application/dicom\r\n`)).toBe(true);
    expect(text).toContain(
      `Content-Digest: ${contentDigest(a)}\r\n\r\nfirst object\r\n--${boundary}--`,
    );
    expect(contentDigest(a)).toMatch(/^sha-256=:[A-Za-z0-9+/]{43}=:$/);
  });
});
