/**
 * The noise level of an image (σ in stored values): the median absolute difference of
 * horizontally adjacent pixels, scaled to a Gaussian σ (÷ 0.6745 for the MAD, ÷ √2 for the
 * difference of two samples). Smooth anatomy hardly moves neighbours, so what remains is noise.
 */
export function noiseSigma(pixels: ArrayLike<number>, columns: number): number {
  const diffs: number[] = [];
  // A sample of the image is enough and keeps this fast on a 2048² frame.
  const step = Math.max(1, Math.floor(pixels.length / 200_000));
  for (let i = 0; i + 1 < pixels.length; i += step)
    if ((i + 1) % columns !== 0) diffs.push(Math.abs(pixels[i + 1]! - pixels[i]!));
  diffs.sort((a, b) => a - b);
  const mad = diffs[Math.floor(diffs.length / 2)] ?? 0;
  return mad / 0.6745 / Math.SQRT2;
}

/** A rectangle of pixels, [x0, x1) × [y0, y1). */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The noise of an image measured from two realisations of it (same anatomy, different noise
 * seed) inside `box`: their difference holds noise only, so σ = σ(difference) ÷ √2 (unbiased by
 * correlation, unlike {@link noiseSigma}), and the correlation coefficient of horizontally
 * adjacent pixels of the difference is the noise's own.
 */
export function noisePair(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  columns: number,
  box: Box,
): { sigma: number; neighbourCorrelation: number } {
  let n = 0;
  let sum = 0;
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++) {
      sum += a[y * columns + x]! - b[y * columns + x]!;
      n++;
    }
  const mean = sum / n;
  const d = (x: number, y: number) => a[y * columns + x]! - b[y * columns + x]! - mean;
  let v = 0;
  let c = 0;
  let m = 0;
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++) {
      v += d(x, y) ** 2;
      if (x + 1 < box.x1) {
        c += d(x, y) * d(x + 1, y);
        m++;
      }
    }
  return { sigma: Math.sqrt(v / n / 2), neighbourCorrelation: c / m / (v / n) };
}
