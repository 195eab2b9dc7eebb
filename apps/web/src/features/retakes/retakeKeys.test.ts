import { describe, expect, it } from 'vitest';
import { reportKeyAction } from '../reports/reportKeys';
import { isRetakeKey } from './retakeKeys';

const key = (
  code: string,
  mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {},
) => ({
  key: code.replace('Key', '').toLowerCase(),
  code,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('the retake key', () => {
  it('is Alt+R by physical key, and no other combination', () => {
    expect(isRetakeKey(key('KeyR', { altKey: true }))).toBe(true);
    expect(isRetakeKey(key('KeyR'))).toBe(false);
    expect(isRetakeKey(key('KeyR', { altKey: true, ctrlKey: true }))).toBe(false);
    expect(isRetakeKey(key('KeyR', { altKey: true, shiftKey: true }))).toBe(false);
  });

  it('does not clash with a report form key or the viewer’s plain R', () => {
    expect(reportKeyAction(key('KeyR', { altKey: true }))).toBeNull();
    expect(reportKeyAction(key('KeyR'))).toBeNull();
  });
});
