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
