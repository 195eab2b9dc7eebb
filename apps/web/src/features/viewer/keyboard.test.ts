import { describe, expect, it } from 'vitest';
import { actionForKey, CAD_KEYS, HELP_ENTRIES, VIEWER_SHORTCUTS } from './keyboard';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) =>
  actionForKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('viewer shortcuts', () => {
  it('maps the documented keys to their actions', () => {
    expect(key('w')).toEqual({ kind: 'tool', tool: 'window' });
    expect(key('L')).toEqual({ kind: 'tool', tool: 'length' });
    expect(key('2')).toEqual({ kind: 'preset', presetId: 'lung' });
    expect(key('Escape')).toEqual({ kind: 'reset' });
    expect(key('0')).toEqual({ kind: 'reset' });
    expect(key('c')).toEqual({ kind: 'compare' });
    expect(key('?')).toEqual({ kind: 'help' });
  });

  it('leaves browser shortcuts and unknown keys alone', () => {
    expect(key('c', { ctrlKey: true })).toBeNull();
    expect(key('r', { metaKey: true })).toBeNull();
    expect(key('q')).toBeNull();
  });

  it('gives every key one action only', () => {
    const keys = VIEWER_SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists the CAD strip’s keys in the help, clashing with no viewer key', () => {
    const cad = HELP_ENTRIES.filter((e) => e.group === 'CAD').flatMap((e) => e.keys);
    expect(cad.sort()).toEqual(Object.values(CAD_KEYS).sort());
    for (const k of cad) expect(key(k)).toBeNull();
  });
});
