import { describe, expect, it } from 'vitest';
import { DETECTOR, LUNG_ATTENUATION, LUNG_QUANTA, detectorNoise } from './detectorNoise';
import { synthCxrPixels } from './synthCxr';
import { noiseSigma } from './noise';

describe('the phantom’s detector noise model', () => {
  it('sets the lung field near 1 000 detected quanta per pixel, an SNR near 33', () => {
    expect(LUNG_QUANTA).toBeCloseTo(1012.5, 1);
    expect(detectorNoise(12).lung.snr).toBeCloseTo(Math.sqrt(LUNG_QUANTA), 6);
  });

  it('gives a 16-bit container the 14-bit detector’s signal and noise, not 16 bits of noise', () => {
    const d14 = detectorNoise(14);
    const d16 = detectorNoise(16);
    expect(d16.signalMax).toBe(2 ** DETECTOR.adcBits - 1);
    expect(d16.lung.sigma).toBe(d14.lung.sigma);
    const spec = { rows: 256, columns: 256, photometric: 'MONOCHROME2', view: 'PA' } as const;
    const p14 = synthCxrPixels({ ...spec, bitsStored: 14, seed: 3, noise: 'detector' });
    const p16 = synthCxrPixels({ ...spec, bitsStored: 16, seed: 3, noise: 'detector' });
    expect(Math.max(...p16)).toBeLessThanOrEqual(d16.signalMax);
    expect(noiseSigma(p16, 256)).toBeCloseTo(noiseSigma(p14, 256), 6);
    // The flat model, for contrast, scales its noise with the container.
    const f16 = synthCxrPixels({ ...spec, bitsStored: 16, seed: 3 });
    expect(noiseSigma(f16, 256)).toBeGreaterThan(2 * noiseSigma(p16, 256));
  });

  it('is noisier where fewer quanta get through (mediastinum) than in the lung field', () => {
    const d = detectorNoise(12);
    const at = (a: number) => d.sigmaTable[Math.round(a * d.perUnit)]!;
    expect(at(0.8)).toBeGreaterThan(3 * at(LUNG_ATTENUATION));
    // σ scales with the range the signal uses: 12 → 14 bits is 4× the units, same physics.
    expect(detectorNoise(14).lung.sigma / d.lung.sigma).toBeCloseTo(16383 / 4095, 6);
  });
});
