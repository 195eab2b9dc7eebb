import type { ViewerAnnotation } from '@telerad/contracts';

/** Largest drift in image pixels a load and read-back may add to a point (rounding to 0.01). */
const POINT_TOLERANCE = 0.02;

const key = (a: ViewerAnnotation) =>
  `${a.id}\u0000${a.tool}\u0000${a.sopInstanceUid}\u0000${a.frame}`;

/**
 * Measurements agree when one is not worked out yet (the viewer computes them on the first
 * render after loading) or when they differ by no more than the points' rounding explains.
 */
function sameMeasurement(a: ViewerAnnotation['measurement'], b: ViewerAnnotation['measurement']) {
  if (!a || !b) return true;
  return (
    a.unit === b.unit && Math.abs(a.value - b.value) <= Math.max(0.05, Math.abs(a.value) * 1e-3)
  );
}

/**
 * Whether two annotation lists mark the same things: the same annotations (by id, tool, image
 * and frame, in any order) with the same text, points and measurements; a point or a value
 * moved by less than rounding counts as the same, and so does a measurement not worked out
 * yet. Putting a draft's marks back on the images is therefore no change to save, while a
 * length whose statistics arrive after the drag (Cornerstone computes them late) is.
 */
export function sameAnnotations(
  a: readonly ViewerAnnotation[],
  b: readonly ViewerAnnotation[],
): boolean {
  if (a.length !== b.length) return false;
  const byKey = new Map(b.map((x) => [key(x), x]));
  return a.every((x) => {
    const y = byKey.get(key(x));
    return (
      y !== undefined &&
      (x.text ?? '') === (y.text ?? '') &&
      sameMeasurement(x.measurement, y.measurement) &&
      x.points.length === y.points.length &&
      x.points.every(
        (p, i) =>
          Math.abs(p[0] - y.points[i]![0]) <= POINT_TOLERANCE &&
          Math.abs(p[1] - y.points[i]![1]) <= POINT_TOLERANCE,
      )
    );
  });
}
