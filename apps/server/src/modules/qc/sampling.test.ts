import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededDraw } from '../peerReview';
import { choosesForQc } from './sampling';

describe('choosesForQc', () => {
  const draw = seededDraw('qc-sampling-test');

  it('samples all, none, or every read the clinic did not call normal', () => {
    const normal = { id: randomUUID(), category: 'normal' as const };
    const tb = { id: randomUUID(), category: 'tb' as const };
    expect(choosesForQc({ mode: 'all' }, normal, draw)).toBe('all');
    expect(choosesForQc({ mode: 'none' }, tb, draw)).toBeNull();
    expect(choosesForQc({ mode: 'abnormal' }, normal, draw)).toBeNull();
    expect(choosesForQc({ mode: 'abnormal' }, tb, draw)).toBe('abnormal');
    expect(choosesForQc({ mode: 'abnormal' }, { ...tb, category: 'unreadable' }, draw)).toBe(
      'abnormal',
    );
  });

  it('at 10 % over 1,000 reads, samples within the binomial 99.9 % bounds, the same each time', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `read-${i}`);
    const chosen = ids.filter((id) =>
      choosesForQc({ mode: 'percent', percent: 10 }, { id, category: 'normal' }, draw),
    );
    // n = 1000, p = 0.1: mean 100, sd 9.49; ±3.29 sd is 69..131.
    expect(chosen.length).toBeGreaterThanOrEqual(69);
    expect(chosen.length).toBeLessThanOrEqual(131);
    const again = ids.filter((id) =>
      choosesForQc({ mode: 'percent', percent: 10 }, { id, category: 'normal' }, draw),
    );
    expect(again).toEqual(chosen);
    expect(
      ids.some((id) => choosesForQc({ mode: 'percent', percent: 0 }, { id, category: 'tb' }, draw)),
    ).toBe(false);
  });
});
