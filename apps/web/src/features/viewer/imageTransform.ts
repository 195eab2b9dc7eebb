import {
  cache,
  utilities as csUtilities,
  type StackViewport,
  type Types,
} from '@cornerstonejs/core';

/** An image's placement in its viewport (see {@link imageTransformOf}). */
export interface ImageTransform {
  columns: number;
  rows: number;
  /** CSS `matrix(a, b, c, d, e, f)` from image pixels to element pixels. */
  matrix: [number, number, number, number, number, number];
}

/**
 * Where `vp` draws its image now, as a CSS affine matrix from image pixels (column, row; 0,0 the
 * top left corner of the first pixel) to the element's pixels, and the image's size: an overlay
 * (the CAD heatmap and boxes) given this transform follows zoom, pan, rotation and flips. Null
 * before the image is shown.
 */
export function imageTransformOf(vp: StackViewport): ImageTransform | null {
  const imageId = vp.getCurrentImageId();
  const image = imageId ? cache.getImage(imageId) : undefined;
  if (!imageId || !image) return null;
  const at = (x: number, y: number) =>
    vp.worldToCanvas(csUtilities.imageToWorldCoords(imageId, [x, y]) as Types.Point3);
  const { columns, rows } = image;
  const [p0, p1, p2] = [at(0, 0), at(columns, 0), at(0, rows)];
  return {
    columns,
    rows,
    matrix: [
      (p1[0] - p0[0]) / columns,
      (p1[1] - p0[1]) / columns,
      (p2[0] - p0[0]) / rows,
      (p2[1] - p0[1]) / rows,
      p0[0],
      p0[1],
    ],
  };
}
