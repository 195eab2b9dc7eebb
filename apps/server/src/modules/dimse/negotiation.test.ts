import { describe, expect, it } from 'vitest';
import {
  EXPLICIT_LE,
  IMPLICIT_LE,
  RETRIEVE_SYNTAX_PREFERENCE,
  retrieveSyntax,
} from './association';

const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
const JPEG_2000 = '1.2.840.10008.1.2.4.90';

/** The syntax accepted for a context a C-GET SCU receives on (PS3.8 §9.3.3.2). */
describe('retrieveSyntax', () => {
  it('ranks Explicit VR Little Endian, then what Telerad produces, then the rest', () => {
    expect(RETRIEVE_SYNTAX_PREFERENCE).toEqual([EXPLICIT_LE, 'produced', 'proposed']);
    expect(retrieveSyntax([JPEG_BASELINE, JPEG_LS_LOSSLESS, IMPLICIT_LE, EXPLICIT_LE])).toBe(
      EXPLICIT_LE,
    );
    expect(retrieveSyntax([JPEG_BASELINE, JPEG_2000, JPEG_LS_LOSSLESS, IMPLICIT_LE])).toBe(
      JPEG_LS_LOSSLESS,
    );
    expect(retrieveSyntax([JPEG_BASELINE, JPEG_2000])).toBe(JPEG_BASELINE);
    expect(retrieveSyntax(['1.2.3.4'])).toBeUndefined();
  });
});
