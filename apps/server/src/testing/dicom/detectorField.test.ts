import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DETECTOR, detectorNoise } from './detectorNoise';
import {
  FIELD,
  fieldFractions,
  kernelCorrelation,
  kernelMtf,
  scintillatorKernel,
} from './detectorField';
import { noisePair } from './noise';
import { directExposureValue, synthCxrPixels, type PixelSpec } from './synthCxr';

const N = 384;
const spec: PixelSpec = {
  rows: N,
  columns: N,
  bitsStored: 12,
  photometric: 'MONOCHROME2',
  view: 'PA',
  seed: 5,
  noise: 'detector',
};
/** The centre of the left lung field, away from its edges and the ribs' ends. */
const lung = {
  x0: Math.round(0.27 * N),
  x1: Math.round(0.35 * N),
  y0: Math.round(0.35 * N),
  y1: Math.round(0.5 * N),
};
const pair = (field: PixelSpec['field']) =>
  noisePair(
    synthCxrPixels({ ...spec, field: { ...field, noiseSeed: 5 } }),
    synthCxrPixels({ ...spec, field: { ...field, noiseSeed: 6 } }),
    N,
    lung,
  );

describe('the realistic detector field', () => {
  it('has a CsI-like response: near 0.6 at 1 lp/mm, 0.3 at 2, falling to Nyquist', () => {
    const k = scintillatorKernel(DETECTOR.pixelMm);
    const at = (f: number) => kernelMtf(k, DETECTOR.pixelMm, f);
    expect(k.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(at(1)).toBeGreaterThan(0.5);
    expect(at(1)).toBeLessThan(0.65);
    expect(at(2)).toBeGreaterThan(0.25);
    expect(at(2)).toBeLessThan(0.35);
    expect(at(1 / (2 * DETECTOR.pixelMm))).toBeLessThan(at(2));
  });

  it('correlates the noise of neighbours as the kernel predicts; white without the blur', () => {
    const white = pair({});
    const blurred = pair({ scintillatorBlur: true });
    expect(Math.abs(white.neighbourCorrelation)).toBeLessThan(0.06);
    const predicted = kernelCorrelation(scintillatorKernel(DETECTOR.pixelMm));
    expect(blurred.neighbourCorrelation).toBeGreaterThan(predicted - 0.06);
    expect(blurred.neighbourCorrelation).toBeLessThan(predicted + 0.06);
    // Without the blur, σ in stored units is the model's lung σ; the blur lowers per-pixel σ
    // (high frequencies go) while keeping the zero-frequency noise.
    expect(white.sigma / detectorNoise(12).lung.sigma).toBeGreaterThan(0.85);
    expect(white.sigma / detectorNoise(12).lung.sigma).toBeLessThan(1.15);
    expect(blurred.sigma).toBeLessThan(0.5 * white.sigma);
  });

  it('collimates the border to one constant and saturates direct exposure beside the body', () => {
    const px = synthCxrPixels({ ...spec, field: { outsidePatient: true } });
    const f = fieldFractions(px, N, N, directExposureValue(12));
    const expected = 1 - (1 - 2 * FIELD.collimationX) * (1 - 2 * FIELD.collimationY);
    expect(f.border).toBeGreaterThan(expected - 0.01);
    expect(f.border).toBeLessThan(expected + 0.01);
    expect(px[0]).toBe(0);
    expect(px[N * N - 1]).toBe(0);
    expect(f.directExposure).toBeGreaterThan(0.03);
    // The patient covers 70–85 % of the detector, as on a PA chest.
    expect(f.body).toBeGreaterThan(0.7);
    expect(f.body).toBeLessThan(0.85);
    // Without the option nothing is collimated or saturated.
    const plain = synthCxrPixels({ ...spec, field: { scintillatorBlur: true } });
    const plainFractions = fieldFractions(plain, N, N, directExposureValue(12));
    expect(plainFractions.border).toBe(0);
    expect(plainFractions.directExposure).toBeLessThan(0.01);
  });

  it('leaves images made without `field` byte for byte as they were', () => {
    // The digest of this spec's pixels before the field model existed: other tests rely on them.
    const px = synthCxrPixels(spec);
    const digest = createHash('sha256').update(new Uint8Array(px.buffer)).digest('hex');
    expect(digest).toBe('849d6866a090bd9914fe241b0c6b110d773076db4f49b987592ce94ab4a57202');
  });
});
