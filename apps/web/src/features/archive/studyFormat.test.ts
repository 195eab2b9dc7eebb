import { describe, expect, it } from 'vitest';
import { ageAt, formatBytes, formatDicomTime, formatPersonName, timeAgo } from './studyFormat';

describe('formatPersonName', () => {
  it('turns a DICOM PN into FAMILY, Given Middle', () => {
    expect(formatPersonName('DOE^John^Q')).toBe('DOE, John Q');
    expect(formatPersonName('Yamada^Tarou=山田^太郎')).toBe('Yamada, Tarou');
    expect(formatPersonName('KHAN')).toBe('KHAN');
  });
  it('shows an em dash for a missing name', () => {
    expect(formatPersonName(null)).toBe('—');
    expect(formatPersonName('^^')).toBe('—');
  });
});

describe('ageAt', () => {
  it('counts whole years at the study date', () => {
    expect(ageAt('1990-06-15', '2025-06-14')).toBe('34y');
    expect(ageAt('1990-06-15', '2025-06-15')).toBe('35y');
  });
  it('counts months below two years and accepts DICOM dates', () => {
    expect(ageAt('20240110', '2025-07-09')).toBe('17m');
  });
  it('gives null when a date is missing or the birth is after the study', () => {
    expect(ageAt(null, '2025-01-01')).toBeNull();
    expect(ageAt('2026-01-01', '2025-01-01')).toBeNull();
  });
});

describe('small formats', () => {
  it('formats sizes, times and relative times', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(5_200_000)).toBe('5.2 MB');
    expect(formatDicomTime('093015.123')).toBe('09:30');
    expect(formatDicomTime(null)).toBeNull();
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(timeAgo('2025-01-01T11:59:50Z', now)).toBe('just now');
    expect(timeAgo('2025-01-01T11:57:00Z', now)).toMatch(/3/);
  });
});
