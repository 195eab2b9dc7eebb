import type { CadRunnerSettings, CadRunnerWindow } from './settings';

/**
 * Turning a decoded chest X-ray into the model's input tensor, as pure functions so a test can
 * compute the same numbers by hand: window the modality values to 0..1 (MONOCHROME1 inverted, so
 * 1 is always bright), resize by area averaging to the model's height and width (the whole image,
 * squashed, as CXR models are trained), copy the grey plane into each channel and normalise each
 * channel with its mean and standard deviation.
 */

/** One decoded frame: modality values (Rescale Slope/Intercept applied), row by row. */
export interface GreyImage {
  rows: number;
  columns: number;
  values: Float32Array;
  /** MONOCHROME1: the lowest value is displayed white (PS3.3 §C.7.6.3.1.2). */
  inverted: boolean;
  /** The first VOI window of the header (PS3.3 §C.11.2.1.2), when it has one. */
  window: { center: number; width: number } | null;
}

/**
 * The image's values mapped to 0..1 by the configured window. `header` uses the linear VOI
 * function of PS3.3 §C.11.2.1.2.1 (with its −0.5 and width − 1 terms) and falls back to min/max
 * when the image has no window; a flat image (max = min) maps to 0.
 */
export function windowToUnit(img: GreyImage, window: CadRunnerWindow): Float32Array {
  const out = new Float32Array(img.values.length);
  const v = img.values;
  // Every mode is u = clamp(a·x + b, 0, 1), kept as one tight loop over millions of pixels.
  let a: number;
  let b: number;
  if (window.mode === 'header' && img.window && img.window.width >= 1) {
    const { center: c, width: w } = img.window;
    // PS3.3 §C.11.2.1.2.1: below c − 0.5 − (w − 1)/2 is the minimum, above c − 0.5 + (w − 1)/2
    // the maximum, linear between; width 1 is a threshold at c − 0.5.
    if (w === 1) {
      for (let i = 0; i < v.length; i++) {
        const u = v[i]! > c - 0.5 ? 1 : 0;
        out[i] = img.inverted ? 1 - u : u;
      }
      return out;
    }
    a = 1 / (w - 1);
    b = 0.5 - (c - 0.5) * a;
  } else if (window.mode === 'range') {
    a = 1 / (window.high - window.low);
    b = -window.low * a;
  } else {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    a = hi > lo ? 1 / (hi - lo) : 0;
    b = hi > lo ? -lo * a : 0;
  }
  const flip = img.inverted;
  for (let i = 0; i < v.length; i++) {
    let u = v[i]! * a + b;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    out[i] = flip ? 1 - u : u;
  }
  return out;
}

/**
 * For resizing `from` samples to `to`: each output sample's source samples and their weights
 * (the share of the output sample's footprint each covers), summing to 1.
 */
function areaWeights(from: number, to: number): { index: Int32Array; weight: Float64Array }[] {
  const step = from / to;
  const out: { index: Int32Array; weight: Float64Array }[] = [];
  for (let o = 0; o < to; o++) {
    const start = o * step;
    const end = (o + 1) * step;
    const index: number[] = [];
    const weight: number[] = [];
    for (let s = Math.floor(start); s < Math.min(from, Math.ceil(end)); s++) {
      const cover = Math.min(end, s + 1) - Math.max(start, s);
      if (cover > 0) {
        index.push(s);
        weight.push(cover / step);
      }
    }
    out.push({ index: Int32Array.from(index), weight: Float64Array.from(weight) });
  }
  return out;
}

/**
 * Resizes a plane by area averaging: each output pixel is the mean of the input area it covers
 * (fractional pixels weighted by their share), so the image's mean is kept exactly and an
 * integer reduction is the plain block mean. Separable: rows first, then columns.
 */
export function resizeArea(
  plane: Float32Array,
  rows: number,
  columns: number,
  height: number,
  width: number,
): Float32Array {
  const wx = areaWeights(columns, width);
  const wy = areaWeights(rows, height);
  const across = new Float64Array(rows * width);
  for (let y = 0; y < rows; y++) {
    const row = y * columns;
    for (let x = 0; x < width; x++) {
      const { index, weight } = wx[x]!;
      let sum = 0;
      for (let k = 0; k < index.length; k++) sum += plane[row + index[k]!]! * weight[k]!;
      across[y * width + x] = sum;
    }
  }
  const out = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    const { index, weight } = wy[y]!;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < index.length; k++) sum += across[index[k]! * width + x]! * weight[k]!;
      out[y * width + x] = sum;
    }
  }
  return out;
}

/** A model input: its values and dimensions ([1, C, H, W] or [1, H, W, C]). */
export interface ModelInput {
  data: Float32Array;
  dims: [number, number, number, number];
}

/** The whole preprocessing of one image for the configured input (see the module comment). */
export function toModelInput(img: GreyImage, input: CadRunnerSettings['input']): ModelInput {
  const unit = windowToUnit(img, input.window);
  const plane = resizeArea(unit, img.rows, img.columns, input.height, input.width);
  const { channels: c, height: h, width: w } = input;
  const data = new Float32Array(c * h * w);
  for (let ch = 0; ch < c; ch++) {
    const mean = input.mean[input.mean.length === 1 ? 0 : ch]!;
    const std = input.std[input.std.length === 1 ? 0 : ch]!;
    for (let i = 0; i < h * w; i++) {
      const v = (plane[i]! - mean) / std;
      if (input.layout === 'NCHW') data[ch * h * w + i] = v;
      else data[i * c + ch] = v;
    }
  }
  return { data, dims: input.layout === 'NCHW' ? [1, c, h, w] : [1, h, w, c] };
}
