import { describe, expect, it } from 'vitest';
import { appError, ERRORS, toAppError } from './errors';

describe('error catalogue', () => {
  it('gives every code a status and an actionable message', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.message.length, code).toBeGreaterThan(8);
    }
  });

  it('maps known constraint violations and lost databases, hides the rest', () => {
    expect(toAppError({ code: '23505', constraint: 'clinics_code_key' }).code).toBe(
      'DUPLICATE_CLINIC_CODE',
    );
    expect(toAppError({ code: '23503', constraint: 'whatever' }).code).toBe('UNKNOWN_REFERENCE');
    expect(toAppError({ code: 'ECONNREFUSED' }).code).toBe('SERVICE_UNAVAILABLE');
    expect(toAppError(new Error('secret detail')).code).toBe('INTERNAL');
    expect(toAppError(new Error('secret detail')).message).not.toContain('secret');
    const own = appError('FORBIDDEN');
    expect(toAppError(own)).toBe(own);
  });
});
