import { DETECTOR, detectorNoise } from './detectorNoise';
import { FIELD, renderField, type FieldOptions } from './detectorField';
import { rng } from './rng';

/**
 * Synthetic chest radiograph pixels. Not anatomy-accurate, but shaped like a PA chest film: dark
 * air around the body, soft tissue, two lung fields with rib shadows and vessel texture, a bright
 * mediastinum, spine and heart, domed diaphragms, and quantum noise. That gives compressors the
 * same kind of work as a real CXR (smooth regions plus noise; lossless ratios around 2–4:1).
 *
 * Performance matters (a 2500×2048 frame must take well under a second): everything separable is
 * precomputed per row or per column, the inner loop is plain arithmetic on typed arrays, and the
 * noise is an inline xorshift rather than a closure call per pixel.
 */

/** Geometry and encoding of one synthetic frame. */
export interface PixelSpec {
  rows: number;
  columns: number;
  /** 8 (stored in 8 bits) or 12/14/16 (stored in 16 bits). */
  bitsStored: 8 | 12 | 14 | 16;
  /** MONOCHROME1 inverts the grey scale (bone dark), as many CR readers send. */
  photometric: 'MONOCHROME1' | 'MONOCHROME2';
  /** Lateral views get one central lung field instead of two. */
  view: 'PA' | 'AP' | 'LATERAL';
  seed: number;
  /**
   * `flat` (default): σ 0.4 % of the stored range everywhere, whatever the bit depth. `detector`:
   * quantum plus electronic noise of a 14-bit flat panel at a typical chest dose, the signal
   * using at most 14 bits (detectorNoise.ts). Ignored for 8-bit images.
   */
  noise?: 'flat' | 'detector';
  /**
   * With `noise: 'detector'` only: scintillator blur and what lies outside the patient
   * (detectorField.ts). Absent, the detector model's white noise, as before.
   */
  field?: FieldOptions;
}

/** A synthesised frame: Uint8Array for 8-bit, Uint16Array otherwise (host order, little endian). */
export type Pixels = Uint8Array | Uint16Array;

interface Ellipse {
  cx: number;
  cy: number;
  ax: number;
  ay: number;
}

/** Per-column and per-row squared normalised distances, so `dx[x] + dy[y]` is the ellipse metric. */
function separable(e: Ellipse, columns: number, rows: number): [Float32Array, Float32Array] {
  const dx = new Float32Array(columns);
  const dy = new Float32Array(rows);
  for (let x = 0; x < columns; x++) dx[x] = ((x / columns - e.cx) / e.ax) ** 2;
  for (let y = 0; y < rows; y++) dy[y] = ((y / rows - e.cy) / e.ay) ** 2;
  return [dx, dy];
}

/** Synthesises one frame; deterministic for a given spec. */
export function synthCxrPixels(spec: PixelSpec): Pixels {
  const { rows, columns, seed } = spec;
  const r = rng(seed);
  const jitter = (v: number, d: number): number => v + r.range(-d, d);
  const lateral = spec.view === 'LATERAL';
  const body: Ellipse = { cx: 0.5, cy: 0.56, ax: jitter(0.46, 0.03), ay: 0.62 };
  const lungs: Ellipse[] = lateral
    ? [{ cx: jitter(0.5, 0.02), cy: 0.45, ax: 0.28, ay: 0.32 }]
    : [
        { cx: jitter(0.31, 0.015), cy: jitter(0.45, 0.02), ax: jitter(0.145, 0.01), ay: 0.3 },
        { cx: jitter(0.69, 0.015), cy: jitter(0.46, 0.02), ax: jitter(0.15, 0.01), ay: 0.31 },
      ];
  const heart: Ellipse = { cx: jitter(0.55, 0.02), cy: 0.64, ax: jitter(0.13, 0.015), ay: 0.16 };
  const [bx, by] = separable(body, columns, rows);
  const lung = lungs.map((e) => separable(e, columns, rows));
  const [hx, hy] = separable(heart, columns, rows);
  const [l0x, l0y] = lung[0] ?? [bx, by];
  const [l1x, l1y] = lung[1] ?? [l0x, l0y];

  // Rib shadows: bands that curve downwards away from the spine, ~10 pairs over the lung height.
  const ribPhase = r.range(0, 1);
  const ribCurve = new Float32Array(columns);
  const spine = new Float32Array(columns);
  const texX = new Float32Array(columns);
  for (let x = 0; x < columns; x++) {
    const u = x / columns - 0.5;
    ribCurve[x] = 0.35 * u * u * (lateral ? 0.3 : 1);
    const s = Math.max(0, 1 - Math.abs(u) / 0.045);
    spine[x] = lateral ? 0 : s * s;
    texX[x] = Math.sin(x * 0.045 + seed) + 0.6 * Math.sin(x * 0.013 + 2 * seed);
  }
  const texY = new Float32Array(rows);
  for (let y = 0; y < rows; y++) {
    texY[y] = Math.sin(y * 0.037 + 3 * seed) + 0.6 * Math.sin(y * 0.011 + seed);
  }

  const detector =
    spec.noise === 'detector' && spec.bitsStored !== 8 ? detectorNoise(spec.bitsStored) : null;
  const max = (1 << spec.bitsStored) - 1;
  const used = detector?.signalMax ?? max;
  const scale = used * 0.86;
  const offset = used * 0.06;
  const flatSigma = spec.bitsStored === 8 ? 1.2 : max * 0.004;
  const sigmas = detector?.sigmaTable;
  const perUnit = detector?.perUnit ?? 0;
  const lastSigma = (sigmas?.length ?? 1) - 1;
  const invert = spec.photometric === 'MONOCHROME1';
  const out =
    spec.bitsStored === 8 ? new Uint8Array(rows * columns) : new Uint16Array(rows * columns);
  let s = (seed * 2654435761) >>> 0 || 1;
  // The realistic field needs the whole attenuation map first (the blur reaches neighbours).
  const atten = detector && spec.field ? new Float32Array(rows * columns) : null;

  for (let y = 0; y < rows; y++) {
    const v = y / rows;
    const byy = by[y] ?? 0;
    const l0 = l0y[y] ?? 0;
    const l1 = l1y[y] ?? 0;
    const hyy = hy[y] ?? 0;
    const ty = texY[y] ?? 0;
    const mediastinum = v < 0.62 ? 1 : Math.max(0, 1 - (v - 0.62) * 6);
    const row = y * columns;
    for (let x = 0; x < columns; x++) {
      // Attenuation-like value in [0, 1]: 0 air, ~0.55 soft tissue, 1 bone.
      const inBody = Math.min(1, Math.max(0, (1 - (bx[x] ?? 0) - byy) * 6));
      let a = 0.04 + 0.52 * inBody;
      const lungA = Math.min(1, Math.max(0, (1 - (l0x[x] ?? 0) - l0) * 3));
      const lungB = lungs.length > 1 ? Math.min(1, Math.max(0, (1 - (l1x[x] ?? 0) - l1) * 3)) : 0;
      const inLung = lungA > lungB ? lungA : lungB;
      const heartA = Math.min(1, Math.max(0, (1 - (hx[x] ?? 0) - hyy) * 4));
      a -= 0.3 * inLung * (1 - 0.7 * heartA);
      a += 0.18 * heartA + 0.22 * (spine[x] ?? 0) * mediastinum * inBody;
      const phase = (v + (ribCurve[x] ?? 0)) * 11 + ribPhase;
      const band = Math.abs(phase - Math.round(phase)) * 2; // 0 at a rib centre, 1 between
      a += 0.11 * inLung * Math.max(0, 1 - band * 1.7);
      a += 0.012 * inLung * (texX[x] ?? 0) * ty;
      if (atten) {
        atten[row + x] = a;
        continue;
      }
      // Noise: two xorshift32 uniforms (triangular, near Gaussian) scaled to σ, flat or by the
      // detector model's σ at this attenuation.
      const sigma = sigmas
        ? sigmas[Math.min(lastSigma, Math.max(0, (a * perUnit + 0.5) | 0))]!
        : flatSigma;
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const n1 = (s >>> 0) / 4294967296;
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const n2 = (s >>> 0) / 4294967296;
      let value = offset + a * scale + (n1 + n2 - 1) * 2.45 * sigma;
      value = value < 0 ? 0 : value > used ? used : value;
      out[row + x] = invert ? used - Math.round(value) : Math.round(value);
    }
  }
  if (atten && detector && spec.field && out instanceof Uint16Array) {
    const render = { rows, columns, seed, used, offset, scale, invert, detector };
    return renderField(atten, { ...render, pixelMm: DETECTOR.pixelMm }, spec.field, out);
  }
  return out;
}

/**
 * The stored value direct exposure saturates to in a MONOCHROME2 detector image made with
 * `field.outsidePatient` (the same offset and scale as {@link synthCxrPixels}).
 */
export function directExposureValue(bitsStored: 12 | 14 | 16): number {
  const used = detectorNoise(bitsStored).signalMax;
  return Math.round(used * 0.06 + FIELD.directExposureAttenuation * used * 0.86);
}

/** The pixel bytes in little-endian order, as they go into PixelData. */
export function pixelBytes(pixels: Pixels): Uint8Array {
  // Every platform Node runs on here is little endian, so the typed array's memory is already LE.
  return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}
