import type { CadShown } from '@telerad/contracts';
import { Enums } from '@cornerstonejs/core';
import { useEffect, useState } from 'react';
import type { ImageTransform } from './imageTransform';
import type { ViewerEngine } from './viewerEngine';

/** Props of {@link CadOverlay}. */
export interface CadOverlayProps {
  engine: ViewerEngine;
  viewportId: string;
  /** The viewport's element: its camera and render events move the overlay. */
  element: HTMLElement | undefined;
  result: CadShown;
  opacity: number;
}

/**
 * The CAD heatmap and the result's boxes and points over one viewport's image. It is placed by the
 * image's own transform (image pixels to screen), so it stays on the anatomy through zoom, pan,
 * rotation and flips; it never takes pointer events, so the tools work through it.
 */
export function CadOverlay({ engine, viewportId, element, result, opacity }: CadOverlayProps) {
  const [t, setT] = useState<ImageTransform | null>(null);
  useEffect(() => {
    if (!element) return;
    const update = () => setT(engine.imageTransform(viewportId));
    update();
    element.addEventListener(Enums.Events.CAMERA_MODIFIED, update);
    element.addEventListener(Enums.Events.IMAGE_RENDERED, update);
    return () => {
      element.removeEventListener(Enums.Events.CAMERA_MODIFIED, update);
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, update);
    };
  }, [engine, viewportId, element]);
  if (!t) return null;
  // Label coordinates are in the scored image's pixels; scale them onto the shown image.
  const sx = result.imageSize ? t.columns / result.imageSize.columns : 1;
  const sy = result.imageSize ? t.rows / result.imageSize.rows : 1;
  const marks = result.labels.filter((l) => l.box || l.point);
  const placed = {
    position: 'absolute',
    left: 0,
    top: 0,
    width: t.columns,
    height: t.rows,
    transformOrigin: '0 0',
    transform: `matrix(${t.matrix.join(',')})`,
    pointerEvents: 'none',
  } as const;
  return (
    <div
      data-testid="cad-overlay"
      aria-label="CAD overlay"
      style={{ position: 'absolute', inset: 0 }}
    >
      {result.heatmapUrl && (
        <img
          src={result.heatmapUrl}
          alt=""
          data-testid="cad-heatmap"
          // Screen-blended with the image beneath: the heatmap's black leaves the image as it is.
          // The opacity is on this element itself, so it blends with the image, not in a group.
          style={{ ...placed, display: 'block', opacity, mixBlendMode: 'screen' }}
        />
      )}
      {marks.length > 0 && (
        <svg
          width={t.columns}
          height={t.rows}
          viewBox={`0 0 ${t.columns} ${t.rows}`}
          style={{ ...placed, overflow: 'visible', opacity: Math.max(opacity, 0.6) }}
        >
          {marks.map((l, i) =>
            l.box ? (
              <rect
                key={i}
                x={l.box.x * sx}
                y={l.box.y * sy}
                width={l.box.width * sx}
                height={l.box.height * sy}
                fill="none"
                stroke="#facc15"
                strokeWidth={Math.max(2, t.columns / 400)}
                vectorEffect="non-scaling-stroke"
              >
                <title>{`${l.label} ${Math.round(l.probability * 100)}%`}</title>
              </rect>
            ) : (
              <circle
                key={i}
                cx={l.point!.x * sx}
                cy={l.point!.y * sy}
                r={Math.max(6, t.columns / 80)}
                fill="none"
                stroke="#facc15"
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
              >
                <title>{`${l.label} ${Math.round(l.probability * 100)}%`}</title>
              </circle>
            ),
          )}
        </svg>
      )}
    </div>
  );
}
