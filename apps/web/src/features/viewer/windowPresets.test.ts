import { WINDOW_PRESETS } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { presetRange } from './windowPresets';

const lung = WINDOW_PRESETS.find((p) => p.id === 'lung')!;

describe('presetRange', () => {
  it('places a relative preset within the image’s own value range', () => {
    const r = presetRange(lung.window!, true, { minPixelValue: 0, maxPixelValue: 4095 });
    expect((r.lower + r.upper) / 2).toBeCloseTo(4095 * 0.45);
    expect(r.upper - r.lower).toBeCloseTo(4095 * 0.7);
  });

  it('mirrors the centre for MONOCHROME1 and applies the rescale', () => {
    const r = presetRange(lung.window!, true, {
      minPixelValue: 0,
      maxPixelValue: 1000,
      slope: 2,
      intercept: -100,
      photometricInterpretation: 'MONOCHROME1',
    });
    expect((r.lower + r.upper) / 2).toBeCloseTo(-100 + 2000 * 0.55);
  });

  it('takes absolute presets as they are', () => {
    expect(
      presetRange({ center: 40, width: 400 }, false, { minPixelValue: 0, maxPixelValue: 1 }),
    ).toEqual({
      lower: -160,
      upper: 240,
    });
  });
});
