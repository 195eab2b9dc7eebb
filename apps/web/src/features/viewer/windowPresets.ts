import type { WindowPreset } from '@telerad/contracts';

/** What a preset needs of a loaded image: its stored range, rescale and photometric. */
export interface PresetImage {
  minPixelValue: number;
  maxPixelValue: number;
  slope?: number;
  intercept?: number;
  photometricInterpretation?: string;
}

/**
 * The VOI range (lower, upper in modality units) of a window preset for an image. Relative
 * presets are fractions of the image's own value range (CXR values are not calibrated);
 * MONOCHROME1 stores air bright, so its centre is mirrored and "lung" still means the lungs.
 */
export function presetRange(
  window: NonNullable<WindowPreset['window']>,
  relative: boolean,
  image: PresetImage,
): { lower: number; upper: number } {
  if (!relative)
    return { lower: window.center - window.width / 2, upper: window.center + window.width / 2 };
  const slope = image.slope ?? 1;
  const intercept = image.intercept ?? 0;
  const a = image.minPixelValue * slope + intercept;
  const b = image.maxPixelValue * slope + intercept;
  const min = Math.min(a, b);
  const range = Math.max(1, Math.abs(b - a));
  const mono1 = image.photometricInterpretation === 'MONOCHROME1';
  const centre = min + range * (mono1 ? 1 - window.center : window.center);
  const width = range * window.width;
  return { lower: centre - width / 2, upper: centre + width / 2 };
}
