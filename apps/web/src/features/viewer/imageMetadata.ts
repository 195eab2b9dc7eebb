import { Enums, imageLoader, metaData, utilities } from '@cornerstonejs/core';
import { initCornerstone } from './cornerstoneSetup';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import type { ViewerInstance } from './studyMetadata';

const instances = new Map<string, ViewerInstance>();
let registered = false;

/** Pixel spacing of a projection image: Pixel Spacing, else Imager Pixel Spacing (PS3.3 §10.7.1.3). */
function spacingOf(i: ViewerInstance): [number, number] | null {
  for (const tag of ['00280030', '00181164']) {
    const v = i.metadata[tag]?.Value;
    if (v && v.length >= 2) {
      const [r, c] = [Number(v[0]), Number(v[1])];
      if (r > 0 && c > 0) return [r, c];
    }
  }
  return null;
}

/**
 * Answers the image plane of our instances. A chest X-ray is a projection image without Image
 * Position/Orientation (Patient), which Cornerstone's WADO-RS provider takes as "default values"
 * and then measures in pixels; with a known pixel spacing the plane is real and lengths are mm.
 */
function planeProvider(type: string, imageId: string): unknown {
  if (type !== 'imagePlaneModule') return undefined;
  const instance = instances.get(imageId);
  if (!instance) return undefined;
  const base = wadors.metaData.metaDataProvider(type, imageId) as
    Record<string, unknown> | undefined;
  const spacing = spacingOf(instance);
  if (!base || !spacing) return base;
  return {
    ...base,
    pixelSpacing: spacing,
    rowPixelSpacing: spacing[0],
    columnPixelSpacing: spacing[1],
    usingDefaultValues: false,
  };
}

/** Registers instances for {@link planeProvider} (added once, ahead of the loader's provider). */
function registerPlanes(list: readonly ViewerInstance[]): void {
  if (!registered) {
    metaData.addProvider(planeProvider, 10_000);
    registered = true;
  }
  for (const i of list) instances.set(i.imageId, i);
}

/** Transfer syntaxes whose frames decode progressively while streaming (HTJ2K RPCL, lossy). */
const STREAMABLE = new Set(['1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203']);

/**
 * Registers instances' DICOM JSON with the loader under their image ids, so pixel module, plane
 * and VOI come from our `/metadata`; streams HTJ2K RPCL frames progressively.
 */
export function registerMetadata(list: readonly ViewerInstance[]): void {
  registerPlanes(list);
  for (const i of list) {
    wadors.metaDataManager.add(i.imageId, i.metadata as never);
    if (i.transferSyntaxUid && STREAMABLE.has(i.transferSyntaxUid))
      utilities.imageRetrieveMetadataProvider.add(i.imageId, {
        stages: [{ id: 'initialImages', retrieveType: 'single' }],
        retrieveOptions: { single: { streaming: true } },
      });
  }
}

/**
 * Starts loading an image into Cornerstone's cache before its viewport exists: the current
 * study's first image as soon as its metadata arrive (overlapping the page's own rendering), the
 * prior's once the current one is on screen, so `C` only has to draw.
 */
export function warmImage(instance: ViewerInstance, urgent: boolean): void {
  initCornerstone();
  registerMetadata([instance]);
  imageLoader
    .loadAndCacheImage(instance.imageId, {
      priority: urgent ? -5 : 5,
      requestType: urgent ? Enums.RequestType.Interaction : Enums.RequestType.Prefetch,
    })
    .catch(() => undefined); // the viewport's own load reports errors
}
