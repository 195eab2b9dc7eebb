import { ViewerAnnotation } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { frameOfImageId, toViewerAnnotation, type CsAnnotationLike } from './annotationJson';

const IMAGE = 'wadors:/dicomweb/studies/1/series/2/instances/3.4.5/frames/1';
// A stand-in geometry: world = image × 0.2 mm with the origin at (10, 20).
const toImage = (_id: string, w: readonly number[]) => [(w[0]! - 10) / 0.2, (w[1]! - 20) / 0.2];
const imageRef = (id: string) => (id === IMAGE ? { sopInstanceUid: '3.4.5', frame: 1 } : null);

const cs = (
  toolName: string,
  points: number[][],
  extra: Partial<CsAnnotationLike['data']> = {},
): CsAnnotationLike => ({
  annotationUID: 'a-1',
  metadata: { toolName, referencedImageId: IMAGE },
  data: { handles: { points }, ...extra },
});

describe('toViewerAnnotation', () => {
  it('turns a length into image pixel points with its measurement in mm', () => {
    const a = toViewerAnnotation(
      cs(
        'Length',
        [
          [10, 20, 0],
          [30, 20, 0],
        ],
        { cachedStats: { [`imageId:${IMAGE}`]: { length: 20.004, unit: 'mm' } } },
      ),
      toImage,
      imageRef,
    );
    expect(a).toEqual({
      id: 'a-1',
      tool: 'length',
      sopInstanceUid: '3.4.5',
      frame: 1,
      points: [
        [0, 0],
        [100, 0],
      ],
      measurement: { value: 20, unit: 'mm' },
    });
    expect(ViewerAnnotation.parse(a)).toEqual(a);
  });

  it('keeps an angle’s three points and its degrees, an arrow’s text, an ellipse’s four points', () => {
    const angle = toViewerAnnotation(
      cs(
        'Angle',
        [
          [10, 20, 0],
          [20, 20, 0],
          [20, 30, 0],
        ],
        { cachedStats: { x: { angle: 90 } } },
      ),
      toImage,
      imageRef,
    );
    expect(angle?.measurement).toEqual({ value: 90, unit: 'deg' });
    expect(angle?.points).toHaveLength(3);
    const arrow = toViewerAnnotation(
      cs(
        'ArrowAnnotate',
        [
          [10, 20, 0],
          [12, 22, 0],
        ],
        { label: 'RUZ cavity' },
      ),
      toImage,
      imageRef,
    );
    expect(arrow).toMatchObject({
      tool: 'arrow',
      text: 'RUZ cavity',
      points: [
        [0, 0],
        [10, 10],
      ],
    });
    const ellipse = toViewerAnnotation(
      cs(
        'EllipticalROI',
        [
          [15, 20, 0],
          [15, 30, 0],
          [10, 25, 0],
          [20, 25, 0],
        ],
        {
          cachedStats: { x: { area: 78.54, areaUnit: 'mm²' } },
        },
      ),
      toImage,
      imageRef,
    );
    expect(ellipse).toMatchObject({ tool: 'ellipse', measurement: { value: 78.54, unit: 'mm²' } });
  });

  it('ignores other tools, other images, and unfinished annotations', () => {
    expect(toViewerAnnotation(cs('Probe', [[0, 0, 0]]), toImage, imageRef)).toBeNull();
    expect(
      toViewerAnnotation(
        {
          ...cs('Length', [
            [1, 1, 0],
            [2, 2, 0],
          ]),
          metadata: { toolName: 'Length', referencedImageId: 'wadors:other' },
        },
        toImage,
        imageRef,
      ),
    ).toBeNull();
    expect(toViewerAnnotation(cs('Length', [[1, 1, 0]]), toImage, imageRef)).toBeNull();
  });

  it('reads the frame number of a wadors image id', () => {
    expect(frameOfImageId(IMAGE)).toBe(1);
    expect(frameOfImageId('wadors:/x/frames/12')).toBe(12);
  });
});
