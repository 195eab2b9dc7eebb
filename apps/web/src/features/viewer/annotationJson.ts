import {
  ANNOTATION_POINTS,
  type AnnotationTool,
  type ImagePoint,
  type ViewerAnnotation,
} from '@telerad/contracts';

/** Cornerstone tool names of the annotation tools (as registered with the tool group). */
export const CS_TOOL_NAMES: Record<AnnotationTool, string> = {
  length: 'Length',
  angle: 'Angle',
  ellipse: 'EllipticalROI',
  arrow: 'ArrowAnnotate',
};

const TOOL_BY_CS_NAME = new Map(
  Object.entries(CS_TOOL_NAMES).map(([tool, cs]) => [cs, tool as AnnotationTool]),
);

/** The parts of a Cornerstone annotation the conversion reads (a structural subset). */
export interface CsAnnotationLike {
  annotationUID?: string;
  metadata?: { toolName: string; referencedImageId?: string };
  data: {
    handles?: { points?: readonly (readonly number[])[] };
    /** The arrow's text (Cornerstone 5 keeps it as the label; older versions as `text`). */
    label?: string;
    text?: string;
    /** Per-target statistics (Cornerstone keys them by image or volume id). */
    cachedStats?: unknown;
  };
}

/** World ↔ image conversion for one image id (Cornerstone's `worldToImageCoords` and back). */
export type ToImage = (imageId: string, world: readonly number[]) => readonly number[] | undefined;

/** Maps an image id to its SOP Instance UID and frame (null: not one of ours). */
export type ImageRef = (imageId: string) => { sopInstanceUid: string; frame: number } | null;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The measurement a tool's cached statistics hold: length in mm, angle in degrees, area. */
function measurementOf(
  tool: AnnotationTool,
  stats: Record<string, unknown> | undefined,
): ViewerAnnotation['measurement'] {
  if (!stats) return undefined;
  const pick = (value: string, unit: string, fallbackUnit: string) => {
    const v = stats[value];
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    const u = typeof stats[unit] === 'string' ? (stats[unit] as string) : fallbackUnit;
    return { value: round(v, 2), unit: u };
  };
  switch (tool) {
    case 'length':
      return pick('length', 'unit', 'mm');
    case 'angle':
      return pick('angle', 'angleUnit', 'deg');
    case 'ellipse':
      return pick('area', 'areaUnit', 'mm²');
    case 'arrow':
      return undefined;
  }
}

/**
 * A Cornerstone annotation as library-independent JSON in image pixel coordinates, or null when
 * it is not one of the viewer's tools, not on one of our images, or not finished.
 */
export function toViewerAnnotation(
  a: CsAnnotationLike,
  toImage: ToImage,
  imageRef: ImageRef,
): ViewerAnnotation | null {
  const tool = a.metadata && TOOL_BY_CS_NAME.get(a.metadata.toolName);
  const imageId = a.metadata?.referencedImageId;
  if (!tool || !imageId || !a.annotationUID) return null;
  const ref = imageRef(imageId);
  if (!ref) return null;
  const world = a.data.handles?.points ?? [];
  if (world.length !== ANNOTATION_POINTS[tool]) return null;
  const points: ImagePoint[] = [];
  for (const w of world) {
    const p = toImage(imageId, w);
    if (!p || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
    points.push([round(p[0]!, 2), round(p[1]!, 2)]);
  }
  const cached = a.data.cachedStats;
  const stats =
    cached && typeof cached === 'object'
      ? (Object.values(cached).find((v) => v && typeof v === 'object') as
          Record<string, unknown> | undefined)
      : undefined;
  const measurement = measurementOf(tool, stats);
  return {
    id: a.annotationUID,
    tool,
    sopInstanceUid: ref.sopInstanceUid,
    frame: ref.frame,
    points,
    ...(tool === 'arrow' && (a.data.label || a.data.text)
      ? { text: a.data.label || a.data.text }
      : {}),
    ...(measurement ? { measurement } : {}),
  };
}

/** Stable order for callers comparing lists: by instance, then id. */
export function sortAnnotations(list: ViewerAnnotation[]): ViewerAnnotation[] {
  return [...list].sort(
    (a, b) => a.sopInstanceUid.localeCompare(b.sopInstanceUid) || a.id.localeCompare(b.id),
  );
}

/** The frame number in a `wadors:` image id (`…/frames/N`), 1 when absent. */
export function frameOfImageId(imageId: string): number {
  const m = /\/frames\/(\d+)$/.exec(imageId);
  return m ? Number(m[1]) : 1;
}
