import { describe, expect, it } from 'vitest';
import { enrolCodeHash, newEnrolCode } from './codes';

describe('enrolment codes', () => {
  it('are four groups of four unambiguous characters, different each time', () => {
    const codes = new Set(Array.from({ length: 50 }, newEnrolCode));
    expect(codes.size).toBe(50);
    for (const c of codes) expect(c).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
  });

  it('hash the same however they are typed, and never contain the code', () => {
    const code = 'K3F9-Q2M8-XD4R-7HTN';
    const hash = enrolCodeHash(code);
    expect(enrolCodeHash('k3f9q2m8xd4r7htn')).toBe(hash);
    expect(enrolCodeHash(' K3F9 Q2M8 XD4R 7HTN ')).toBe(hash);
    expect(enrolCodeHash('K3F9-Q2M8-XD4R-7HTM')).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
