import type { DetectorNoise } from './detectorNoise';

/**
 * Two things a real chest radiograph has that the white-noise detector model leaves out, opt-in
 * so existing fixtures keep their bytes (synthCxr.ts `field`):
 *
 * 1. **Scintillator blur.** An indirect (CsI:Tl) flat panel spreads each X-ray's light over
 *    neighbouring pixels before sampling, so the quantum noise (and the signal) is correlated and
 *    its noise power spectrum falls with frequency (NPS ∝ MTF² for the quantum part); the
 *    electronic noise is added after sampling and stays white. Model: a Lorentzian line spread
 *    function (an exponential MTF, MTF(f) = exp(−f / f₀)) integrated over the 150 µm pixel
 *    aperture. f₀ = 1.8 lp/mm puts the presampling MTF near 0.55 at 1 lp/mm, 0.28 at 2 lp/mm and
 *    0.10 at Nyquist (3.33 lp/mm): the kind of values published for CsI panels at 140–150 µm
 *    pitch (an assumption from typical IEC 62220-1 reports, not a fit to any one detector).
 * 2. **What is outside the patient.** A collimated border (shuttered, set by the modality to one
 *    constant, display black) of 1.5 cm on each side of a 35 cm width and 2 cm top and bottom of
 *    43 cm; and direct exposure beside the body, which the modality's processing for
 *    presentation saturates: everything transmitting more than 63 % of the open beam
 *    (attenuation below 0.1 on the phantom's scale) goes to that floor value.
 */
export const FIELD = {
  mtfF0LpPerMm: 1.8,
  kernelRadius: 8,
  collimationX: 1.5 / 35,
  collimationY: 2 / 43,
  directExposureAttenuation: 0.1,
} as const;

/** Options of the realistic field (synthCxr.ts `field`). */
export interface FieldOptions {
  /** Blur signal and quantum noise by the scintillator's spread (point 1). */
  scintillatorBlur?: boolean;
  /** Collimated border and saturated direct exposure (point 2). */
  outsidePatient?: boolean;
  /** Seed of the noise alone (default: the image's seed), to measure noise by two realisations. */
  noiseSeed?: number;
}

/**
 * The 1-D scintillator kernel on the pixel grid: a Lorentzian line spread (half width
 * γ = 1 / (2π f₀)) integrated over each pixel, cut at `kernelRadius` and normalised to 1 so the
 * mean signal and the zero-frequency noise are kept.
 */
export function scintillatorKernel(pixelMm: number): Float64Array {
  const gamma = 1 / (2 * Math.PI * FIELD.mtfF0LpPerMm) / pixelMm;
  const r = FIELD.kernelRadius;
  const w = new Float64Array(2 * r + 1);
  for (let k = -r; k <= r; k++)
    w[k + r] = (Math.atan((k + 0.5) / gamma) - Math.atan((k - 0.5) / gamma)) / Math.PI;
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / sum);
}

/** The kernel's response at `lpPerMm` (its discrete-time Fourier transform, real and even). */
export function kernelMtf(kernel: Float64Array, pixelMm: number, lpPerMm: number): number {
  const r = (kernel.length - 1) / 2;
  let h = 0;
  for (let k = -r; k <= r; k++) h += kernel[k + r]! * Math.cos(2 * Math.PI * lpPerMm * pixelMm * k);
  return h;
}

/** The neighbour correlation white noise has after the separable kernel: Σ wₖwₖ₊₁ ÷ Σ wₖ². */
export function kernelCorrelation(kernel: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < kernel.length; k++) {
    den += kernel[k]! ** 2;
    if (k + 1 < kernel.length) num += kernel[k]! * kernel[k + 1]!;
  }
  return num / den;
}

/** Convolves a rows×columns field in place with `kernel` along x then y, edges clamped. */
function blur(field: Float32Array, rows: number, columns: number, kernel: Float64Array): void {
  const r = (kernel.length - 1) / 2;
  const line = new Float32Array(Math.max(rows, columns));
  for (let y = 0; y < rows; y++) {
    const row = y * columns;
    for (let x = 0; x < columns; x++) line[x] = field[row + x]!;
    for (let x = 0; x < columns; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++)
        s += kernel[k + r]! * line[Math.min(columns - 1, Math.max(0, x + k))]!;
      field[row + x] = s;
    }
  }
  for (let x = 0; x < columns; x++) {
    for (let y = 0; y < rows; y++) line[y] = field[y * columns + x]!;
    for (let y = 0; y < rows; y++) {
      let s = 0;
      for (let k = -r; k <= r; k++)
        s += kernel[k + r]! * line[Math.min(rows - 1, Math.max(0, y + k))]!;
      field[y * columns + x] = s;
    }
  }
}

/** Whether pixel (x, y) lies in the collimated (shuttered) border. */
export function collimated(x: number, y: number, rows: number, columns: number): boolean {
  const mx = Math.round(FIELD.collimationX * columns);
  const my = Math.round(FIELD.collimationY * rows);
  return x < mx || x >= columns - mx || y < my || y >= rows - my;
}

/** Where the field's pixels went: collimated border, saturated direct exposure, patient. */
export interface FieldFractions {
  border: number;
  directExposure: number;
  body: number;
}

/**
 * The fractions of a MONOCHROME2 detector image: the collimated border as the pixels of the
 * shutter's rectangle set to 0, direct exposure as the pixels at the saturated value `floor` (see
 * synthCxr.ts `directExposureValue`), the patient the rest.
 */
export function fieldFractions(
  pixels: ArrayLike<number>,
  rows: number,
  columns: number,
  floor: number,
): FieldFractions {
  let border = 0;
  let direct = 0;
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < columns; x++)
      if (collimated(x, y, rows, columns) && pixels[y * columns + x] === 0) border++;
      else if (pixels[y * columns + x] === floor) direct++;
  const n = rows * columns;
  return { border: border / n, directExposure: direct / n, body: (n - border - direct) / n };
}

/** How the stored values are made from attenuation (synthCxr.ts). */
export interface FieldRender {
  rows: number;
  columns: number;
  seed: number;
  used: number;
  offset: number;
  scale: number;
  invert: boolean;
  detector: DetectorNoise;
  pixelMm: number;
}

/**
 * Stored pixels from an attenuation map: signal plus quantum noise (blurred by the scintillator
 * when asked), plus white electronic noise, then the modality's handling of what is outside the
 * patient when asked.
 */
export function renderField(
  atten: Float32Array,
  p: FieldRender,
  opts: FieldOptions,
  out: Uint16Array,
): Uint16Array {
  const { rows, columns, detector: d } = p;
  const n = rows * columns;
  const index = (a: number) =>
    Math.min(d.sigmaTable.length - 1, Math.max(0, (a * d.perUnit + 0.5) | 0));
  let s = ((opts.noiseSeed ?? p.seed) * 2654435761) >>> 0 || 1;
  // Near-Gaussian unit deviate: the sum of two xorshift32 uniforms, as in synthCxr.ts (whose
  // pixel loop inlines it; here a call per pixel is cheap beside the blur).
  const uniform = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const gauss = (): number => (uniform() + uniform() - 1) * 2.45;
  const signal = new Float32Array(n);
  const quantum = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    signal[i] = p.offset + atten[i]! * p.scale;
    quantum[i] = d.quantumTable[index(atten[i]!)]! * gauss();
  }
  if (opts.scintillatorBlur) {
    const kernel = scintillatorKernel(p.pixelMm);
    blur(signal, rows, columns, kernel);
    blur(quantum, rows, columns, kernel);
  }
  const floor = p.offset + FIELD.directExposureAttenuation * p.scale;
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < columns; x++) {
      const i = y * columns + x;
      let v = signal[i]! + quantum[i]! + d.electronicTable[index(atten[i]!)]! * gauss();
      if (opts.outsidePatient) {
        if (collimated(x, y, rows, columns)) v = 0;
        else if (v < floor) v = floor;
      }
      v = Math.round(v < 0 ? 0 : v > p.used ? p.used : v);
      out[i] = p.invert ? p.used - v : v;
    }
  return out;
}
