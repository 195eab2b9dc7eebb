import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  formatDicomDate,
  formatPersonName,
  isValidUid,
  newUid,
  parseDicomAge,
  parseDicomDate,
  parseDicomTime,
  parsePersonName,
} from './index';

describe('DICOM dates and times', () => {
  it('parses DA, including the old dotted form, and refuses impossible dates', () => {
    expect(parseDicomDate('20240229')).toBe('2024-02-29');
    expect(parseDicomDate('2024.02.29')).toBe('2024-02-29');
    expect(parseDicomDate('20230229')).toBeNull();
    expect(parseDicomDate('2024')).toBeNull();
    expect(parseDicomDate('')).toBeNull();
    expect(formatDicomDate('2024-02-29')).toBe('20240229');
  });
  it('parses TM with missing trailing parts and fractions', () => {
    expect(parseDicomTime('14')).toBe(50400);
    expect(parseDicomTime('1430')).toBe(52200);
    expect(parseDicomTime('143005.5')).toBeCloseTo(52205.5);
    expect(parseDicomTime('14:30:05')).toBe(52205);
    expect(parseDicomTime('2530')).toBeNull();
  });
  it('computes ages around birthdays and parses AS', () => {
    expect(ageInYears('2011-06-15', '2026-06-14')).toBe(14);
    expect(ageInYears('2011-06-15', '2026-06-15')).toBe(15);
    expect(parseDicomAge('015Y')).toBe(15);
    expect(parseDicomAge('006M')).toBe(0.5);
    expect(parseDicomAge('15Y')).toBeNull();
  });
});

describe('person names', () => {
  it('splits and formats the alphabetic group', () => {
    expect(parsePersonName('DELA CRUZ^Juan^Santos^Mr^Jr=山田^太郎')).toEqual({
      family: 'DELA CRUZ',
      given: 'Juan',
      middle: 'Santos',
      prefix: 'Mr',
      suffix: 'Jr',
    });
    expect(formatPersonName('DELA CRUZ^Juan')).toBe('DELA CRUZ, Juan');
    expect(formatPersonName('ONLYFAMILY')).toBe('ONLYFAMILY');
    expect(formatPersonName(undefined)).toBe('');
  });
});

describe('UIDs', () => {
  it('makes valid, unique 2.25 UIDs', () => {
    const a = newUid();
    expect(a.startsWith('2.25.')).toBe(true);
    expect(isValidUid(a)).toBe(true);
    expect(newUid()).not.toBe(a);
    expect(isValidUid('1.2.03')).toBe(false);
    expect(isValidUid('1.2.3.')).toBe(false);
    expect(isValidUid(`1.${'2'.repeat(64)}`)).toBe(false);
  });
});
