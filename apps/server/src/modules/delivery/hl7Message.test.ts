import { describe, expect, it } from 'vitest';
import { hl7DateTime, hl7Escape, hl7Sex, resultStatus } from './hl7Message';

describe('HL7 v2 text and values', () => {
  it('escapes the delimiters, the escape character and line breaks (v2.5.1 §2.7)', () => {
    expect(hl7Escape('a|b^c&d~e\\f')).toBe('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f');
    expect(hl7Escape('one\r\ntwo\nthree')).toBe('one\\.br\\two\\.br\\three');
    expect(hl7Escape('tab\there\u0007')).toBe('tab here ');
    expect(hl7Escape('Épanchement pleural — gauche')).toBe('Épanchement pleural — gauche');
  });

  it('writes UTC timestamps, sexes and result statuses as v2 expects', () => {
    expect(hl7DateTime(new Date('2026-03-04T05:06:07.890Z'))).toBe('20260304050607+0000');
    expect(['M', 'F', 'O', '', null, 'x'].map(hl7Sex)).toEqual(['M', 'F', 'O', 'U', 'U', 'U']);
    expect([1, 2, 3].map(resultStatus)).toEqual(['F', 'C', 'C']);
  });
});
