import { utilities, type StackViewport, type Types } from '@cornerstonejs/core';
import { annotation, utilities as toolUtilities } from '@cornerstonejs/tools';
import type { ViewerAnnotation } from '@telerad/contracts';
import {
  CS_TOOL_NAMES,
  frameOfImageId,
  sortAnnotations,
  toViewerAnnotation,
} from './annotationJson';
import type { ViewerInstance } from './studyMetadata';

/** A viewport shown: its id and the instance in it. */
interface Shown {
  id: string;
  instance: ViewerInstance;
}

function imageRef(shown: readonly Shown[], imageId: string) {
  const hit = shown.find((i) => i.instance.imageId === imageId);
  return hit ? { sopInstanceUid: hit.instance.sopUid, frame: frameOfImageId(imageId) } : null;
}

/** The Cornerstone annotations on the images shown, as JSON in image pixel coordinates. */
export function collectAnnotations(shown: readonly Shown[]): ViewerAnnotation[] {
  const toImage = (imageId: string, world: readonly number[]) =>
    utilities.worldToImageCoords(imageId, world as Types.Point3) as readonly number[] | undefined;
  const out: ViewerAnnotation[] = [];
  for (const a of annotation.state.getAllAnnotations()) {
    const json = toViewerAnnotation(a, toImage, (id) => imageRef(shown, id));
    if (json) out.push(json);
  }
  return sortAnnotations(out);
}

/**
 * Puts JSON annotations back on the images shown as Cornerstone annotations (image pixel points
 * to world); those of images not shown are skipped. Answers how many were placed.
 */
export function placeAnnotations(
  shown: readonly Shown[],
  viewportOf: (id: string) => StackViewport | undefined,
  list: readonly ViewerAnnotation[],
): number {
  let placed = 0;
  for (const a of list) {
    const target = shown.find((i) => i.instance.sopUid === a.sopInstanceUid);
    const vp = target && viewportOf(target.id);
    if (!target || !vp) continue;
    if (annotation.state.getAnnotation(a.id)) annotation.state.removeAnnotation(a.id);
    const world = a.points.map(
      (p) => utilities.imageToWorldCoords(target.instance.imageId, [p[0], p[1]]) as Types.Point3,
    );
    const made = toolUtilities.annotationHydration(vp, CS_TOOL_NAMES[a.tool], world, {
      annotationUID: a.id,
    });
    if (a.text) (made.data as { label?: string }).label = a.text;
    if (made.metadata) made.metadata.referencedImageId = target.instance.imageId;
    // Hydrated marks get their statistics on the first render; invalidated, that render also
    // announces them (ANNOTATION_MODIFIED), so the measurement reaches the annotation list.
    made.invalidated = true;
    placed++;
  }
  toolUtilities.triggerAnnotationRenderForViewportIds(shown.map((i) => i.id));
  return placed;
}

/** Removes every annotation of the images shown. */
export function removeAnnotations(shown: readonly Shown[]): void {
  for (const a of annotation.state.getAllAnnotations()) {
    const imageId = a.metadata?.referencedImageId;
    if (imageId && imageRef(shown, imageId) && a.annotationUID)
      annotation.state.removeAnnotation(a.annotationUID);
  }
  toolUtilities.triggerAnnotationRenderForViewportIds(shown.map((i) => i.id));
}
