import type { ViewerAnnotation } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { sameAnnotations } from './sameAnnotations';

const length = (over: Partial<ViewerAnnotation> = {}): ViewerAnnotation => ({
  id: 'a1',
  tool: 'length',
  sopInstanceUid: '1.2.3',
  frame: 1,
  points: [
    [10, 20],
    [110.5, 20.25],
  ],
  measurement: { value: 42.1, unit: 'mm' },
  ...over,
});

describe('sameAnnotations', () => {
  it('takes a read-back after loading as the same marks', () => {
    const readBack = length({
      measurement: undefined,
      points: [
        [10.01, 19.99],
        [110.5, 20.25],
      ],
    });
    expect(sameAnnotations([length()], [readBack])).toBe(true);
    const recomputed = length({ measurement: { value: 42.11, unit: 'mm' } });
    expect(sameAnnotations([length()], [recomputed])).toBe(true);
    expect(sameAnnotations([], [])).toBe(true);
  });

  it('sees a moved point, new text, another image or a new mark as a change', () => {
    const moved = length({
      points: [
        [12, 20],
        [110.5, 20.25],
      ],
    });
    expect(sameAnnotations([length()], [moved])).toBe(false);
    expect(sameAnnotations([length()], [length({ text: 'nodule' })])).toBe(false);
    expect(sameAnnotations([length()], [length({ sopInstanceUid: '1.2.4' })])).toBe(false);
    expect(sameAnnotations([length()], [length(), length({ id: 'a2' })])).toBe(false);
    expect(sameAnnotations([], [length()])).toBe(false);
    // Statistics that arrive after the drag are a change to save.
    const late = length({ measurement: { value: 57.93, unit: 'mm' } });
    expect(sameAnnotations([late], [length()])).toBe(false);
    expect(sameAnnotations([length()], [length({ measurement: { value: 42.1, unit: '°' } })])).toBe(
      false,
    );
  });
});
