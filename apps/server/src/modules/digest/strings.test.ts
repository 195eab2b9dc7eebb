import { LANGUAGES } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { DIGEST_STRINGS } from './strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the digest strings', () => {
  it('exist in every language with the same placeholders as in English', () => {
    const en: Record<string, string> = DIGEST_STRINGS.en;
    for (const lang of LANGUAGES) {
      const other: Record<string, string> = DIGEST_STRINGS[lang];
      expect(Object.keys(other).sort(), lang).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en))
        expect(placeholders(other[key]!), `${lang}.${key}`).toEqual(placeholders(en[key]!));
    }
  });
});
