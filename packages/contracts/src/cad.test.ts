import { describe, expect, it } from 'vitest';
import { cadBand, CadProductCreate, CadResultPost } from './cad';

describe('cadBand', () => {
  const t = { operating: 50, triage: 80 };

  it('is uncalibrated without thresholds, whatever the score', () => {
    expect(cadBand(99, null)).toBe('uncalibrated');
    expect(cadBand(0, null)).toBe('uncalibrated');
  });

  it('bands a score at or past each threshold', () => {
    expect(cadBand(49.9, t)).toBe('low');
    expect(cadBand(50, t)).toBe('abnormal');
    expect(cadBand(79.9, t)).toBe('abnormal');
    expect(cadBand(80, t)).toBe('triage');
    expect(cadBand(100, t)).toBe('triage');
  });

  it('reads a scale where lower is more abnormal the other way round', () => {
    const low = { operating: 0.5, triage: 0.2, higherIsAbnormal: false };
    expect(cadBand(0.6, low)).toBe('low');
    expect(cadBand(0.5, low)).toBe('abnormal');
    expect(cadBand(0.2, low)).toBe('triage');
  });
});

describe('CAD contracts', () => {
  it('takes either a score or an error code, never both or neither', () => {
    const base = { studyInstanceUid: '1.2.3', product: { name: 'CAD4TB', version: '7.0.0' } };
    expect(CadResultPost.safeParse({ ...base, score: 71 }).success).toBe(true);
    expect(CadResultPost.safeParse({ ...base, errorCode: -1 }).success).toBe(true);
    expect(CadResultPost.safeParse({ ...base, score: 1, errorCode: -1 }).success).toBe(false);
    expect(CadResultPost.safeParse(base).success).toBe(false);
    expect(CadResultPost.safeParse({ ...base, studyInstanceUid: 'x.1', score: 1 }).success).toBe(
      false,
    );
  });

  it('refuses a scale that does not rise, and a repeated error code', () => {
    const p = { name: 'qXR', vendor: 'Qure.ai', version: '4', scoreMin: 0, scoreMax: 1 };
    expect(CadProductCreate.safeParse(p).success).toBe(true);
    expect(CadProductCreate.safeParse({ ...p, scoreMax: 0 }).success).toBe(false);
    const twice = [
      { code: -1, meaning: 'a' },
      { code: -1, meaning: 'b' },
    ];
    expect(CadProductCreate.safeParse({ ...p, errorCodes: twice }).success).toBe(false);
  });
});
