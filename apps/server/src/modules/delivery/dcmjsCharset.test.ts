import { createRequire } from 'node:module';
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { DependencyShapeError } from '../../platform/dependencyShape';
import {
  DCMJS_CHARSET_PROBE,
  dcmjsItemTextRoundTrip,
  fixDcmjsItemCharset,
  fixItemCharsetOf,
} from './dcmjsCharset';

describe('dcmjs sequence items inherit the character set (start-up fix and check)', () => {
  it('passes its own check on the installed copies, and UTF-8 text in an item reads back', () => {
    expect(() => fixDcmjsItemCharset()).not.toThrow();
    expect(dcmjsItemTextRoundTrip(dcmjs)).toBe(DCMJS_CHARSET_PROBE);
  });

  it('refuses to start on a dcmjs whose stream internals changed', () => {
    const doctored = { data: { ReadBufferStream: { prototype: {} } } };
    expect(() => fixItemCharsetOf(doctored, 'doctored')).toThrow(DependencyShapeError);
    expect(() => fixItemCharsetOf(doctored, 'doctored')).toThrow(/setDecoder\(\) is missing/);
  });

  it('checks what the fix is for: an unfixed copy reads the text back altered', () => {
    // A fresh, unfixed CommonJS copy of dcmjs, loaded apart from the one the server patched.
    const require = createRequire(import.meta.url);
    const file = require.resolve('dcmjs');
    const cached = require.cache[file];
    delete require.cache[file];
    try {
      const fresh: unknown = require('dcmjs');
      expect(dcmjsItemTextRoundTrip(fresh)).not.toBe(DCMJS_CHARSET_PROBE);
      fixItemCharsetOf(fresh, 'fresh copy');
      expect(dcmjsItemTextRoundTrip(fresh)).toBe(DCMJS_CHARSET_PROBE);
    } finally {
      if (cached) require.cache[file] = cached;
    }
  });
});
