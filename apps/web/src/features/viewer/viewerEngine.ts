import {
  Enums,
  RenderingEngine,
  cache,
  eventTarget,
  getShouldUseCPURendering,
  type StackViewport,
  type Types,
} from '@cornerstonejs/core';
import {
  Enums as ToolEnums,
  ToolGroupManager,
  synchronizers,
  type Synchronizer,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { ViewerAnnotation, WindowPreset } from '@telerad/contracts';
import { collectAnnotations, placeAnnotations, removeAnnotations } from './annotationBridge';
import { initCornerstone, sharedRenderingEngine, VIEWER_TOOLS } from './cornerstoneSetup';
import { imageTransformOf, type ImageTransform } from './imageTransform';
import { bindMouseButtons, LEFT_TOOLS, type LeftTool } from './leftTools';
import type { ViewerInstance } from './studyMetadata';
import { logViewerEvent } from './viewerEvents';
import { presetRange } from './windowPresets';

/** A viewport to show: its DOM element and the instance in it. */
export interface ViewportInput {
  id: string;
  element: HTMLDivElement;
  instance: ViewerInstance;
}

/** What the engine tells its React owner. */
export interface EngineHooks {
  /** Annotations changed (drawn, moved, removed, loaded). */
  onAnnotations: (list: ViewerAnnotation[]) => void;
  /** A viewport's window changed (centre and width in modality units). */
  onWindow: (viewportId: string, window: { center: number; width: number }) => void;
  /** A viewport drew its image at full resolution (first time per layout). */
  onFullRender: (viewportId: string) => void;
  /** Asks for an arrow's text; the tool waits for `done`. */
  arrowText: (done: (text: string) => void) => void;
}

let counter = 0;

/**
 * One viewer's Cornerstone state: its viewports on the shared rendering engine, a tool group, the
 * zoom/pan synchroniser of comparison layouts, and the annotation bridge. React owns the DOM; this
 * class owns everything Cornerstone.
 */
export class ViewerEngine {
  private readonly id = `telerad-viewer-${++counter}`;
  private readonly engine: RenderingEngine;
  private readonly toolGroup: ToolTypes.IToolGroup;
  private sync: Synchronizer | null = null;
  private inputs: ViewportInput[] = [];
  private defaultVoi = new Map<string, Types.VOIRange>();
  private leftTool: LeftTool = 'window';
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly hooks: EngineHooks) {
    const arrowText = hooks.arrowText;
    initCornerstone();
    this.engine = sharedRenderingEngine();
    const group = ToolGroupManager.createToolGroup(this.id);
    if (!group) throw new Error('Could not create the viewer tool group.');
    this.toolGroup = group;
    for (const tool of VIEWER_TOOLS) {
      const config =
        tool.toolName === LEFT_TOOLS.arrow
          ? {
              getTextCallback: arrowText,
              changeTextCallback: (_d: unknown, _e: unknown, done: (t: string) => void) =>
                arrowText(done),
            }
          : undefined;
      this.toolGroup.addTool(tool.toolName, config);
    }
    this.applyBindings();
    const changed = () => this.emitAnnotations();
    for (const type of [
      ToolEnums.Events.ANNOTATION_COMPLETED,
      ToolEnums.Events.ANNOTATION_MODIFIED,
      ToolEnums.Events.ANNOTATION_REMOVED,
    ]) {
      eventTarget.addEventListener(type, changed);
      this.listeners.push(() => eventTarget.removeEventListener(type, changed));
    }
  }

  /** Binds the mouse buttons for the chosen left tool (see {@link bindMouseButtons}). */
  private applyBindings(): void {
    bindMouseButtons(this.toolGroup, this.leftTool);
  }

  /** Makes `tool` the left-button tool. */
  setLeftTool(tool: LeftTool): void {
    this.leftTool = tool;
    this.applyBindings();
  }

  /**
   * Shows the viewports and loads their images. Metadata must be registered first
   * ({@link registerMetadata}). A viewport that keeps its element and image (the current study
   * when the prior is added) is left as it is: only new viewports load and draw. Zoom and pan are
   * synchronised when asked.
   */
  async show(inputs: ViewportInput[], syncZoomPan: boolean): Promise<void> {
    this.sync?.destroy();
    this.sync = null;
    const kept = new Set<string>();
    for (const old of this.inputs) {
      const same = inputs.some(
        (v) =>
          v.id === old.id &&
          v.element === old.element &&
          v.instance.imageId === old.instance.imageId,
      );
      if (same) {
        kept.add(old.id);
        continue;
      }
      this.release(old);
    }
    this.inputs = inputs;
    const fresh = inputs.filter((v) => !kept.has(v.id));
    for (const v of fresh) {
      this.engine.enableElement({
        viewportId: v.id,
        type: Enums.ViewportType.STACK,
        element: v.element,
        defaultOptions: { background: [0, 0, 0] as Types.Point3 },
      });
      this.toolGroup.addViewport(v.id, this.engine.id);
      v.element.addEventListener(Enums.Events.IMAGE_RENDERED, this.onRendered);
      v.element.addEventListener(Enums.Events.VOI_MODIFIED, this.onVoi);
    }
    // Kept viewports changed size with the layout: fit their images again.
    if (kept.size) this.engine.resize(true, false);
    if (syncZoomPan && inputs.length > 1) {
      this.sync = synchronizers.createZoomPanSynchronizer(`${this.id}-zoompan-${++counter}`);
      for (const v of inputs)
        this.sync.add({ renderingEngineId: this.engine.id, viewportId: v.id });
    }
    await Promise.all(
      fresh.map(async (v) => {
        const vp = this.viewport(v.id);
        if (!vp) return;
        await vp.setStack([v.instance.imageId]);
        const voi = vp.getProperties().voiRange;
        if (voi) this.defaultVoi.set(v.id, voi);
        vp.render();
      }),
    );
  }

  /** Takes a viewport off the engine and the tool group. */
  private release(v: ViewportInput): void {
    v.element.removeEventListener(Enums.Events.IMAGE_RENDERED, this.onRendered);
    v.element.removeEventListener(Enums.Events.VOI_MODIFIED, this.onVoi);
    this.toolGroup.removeViewports(this.engine.id, v.id);
    if (this.engine.getViewport(v.id)) this.engine.disableElement(v.id);
    this.defaultVoi.delete(v.id);
  }

  private readonly onRendered = (evt: Event): void => {
    const detail = (evt as CustomEvent<{ viewportId: string }>).detail;
    const vp = this.viewport(detail.viewportId);
    const imageId = vp?.getCurrentImageId();
    const image = imageId ? cache.getImage(imageId) : undefined;
    if (!image) return;
    const quality = image.imageQualityStatus ?? Enums.ImageQualityStatus.FULL_RESOLUTION;
    if (quality >= Enums.ImageQualityStatus.FULL_RESOLUTION)
      this.hooks.onFullRender(detail.viewportId);
    logViewerEvent({
      type: 'IMAGE_RENDERED',
      viewportId: detail.viewportId,
      imageId,
      rows: image.rows,
      columns: image.columns,
      quality,
      renderer: getShouldUseCPURendering() ? 'cpu' : 'gpu',
    });
  };

  private readonly onVoi = (evt: Event): void => {
    const { viewportId, range } = (
      evt as CustomEvent<{ viewportId: string; range: Types.VOIRange }>
    ).detail;
    this.hooks.onWindow(viewportId, {
      center: (range.lower + range.upper) / 2,
      width: range.upper - range.lower,
    });
  };

  /** Where viewport `id` draws its image now (see {@link imageTransformOf}); null before. */
  imageTransform(id: string): ImageTransform | null {
    const vp = this.viewport(id);
    return vp ? imageTransformOf(vp) : null;
  }

  private viewport(id: string): StackViewport | undefined {
    return this.engine.getViewport(id) as StackViewport | undefined;
  }

  private each(ids: readonly string[] | 'all', fn: (vp: StackViewport, id: string) => void): void {
    const list = ids === 'all' ? this.inputs.map((i) => i.id) : ids;
    for (const id of list) {
      const vp = this.viewport(id);
      if (!vp) continue;
      fn(vp, id);
      vp.render();
    }
  }

  /** Applies a window preset to every viewport (current and prior read alike). */
  applyPreset(preset: WindowPreset): void {
    this.each('all', (vp, id) => {
      if (!preset.window) {
        const voi = this.defaultVoi.get(id);
        if (voi) vp.setProperties({ voiRange: voi });
        return;
      }
      const imageId = vp.getCurrentImageId();
      const image = imageId ? cache.getImage(imageId) : undefined;
      if (image) vp.setProperties({ voiRange: presetRange(preset.window, preset.relative, image) });
    });
  }

  /** Inverts the greyscale of the given viewports. */
  invert(ids: readonly string[]): void {
    this.each(ids, (vp) => vp.setProperties({ invert: !vp.getProperties().invert }));
  }

  /** Rotates the given viewports 90° clockwise. */
  rotate(ids: readonly string[]): void {
    this.each(ids, (vp) => {
      const rotation = vp.getViewPresentation().rotation ?? 0;
      vp.setViewPresentation({ rotation: (rotation + 90) % 360 });
    });
  }

  /** Flips the given viewports horizontally or vertically. */
  flip(ids: readonly string[], axis: 'h' | 'v'): void {
    this.each(ids, (vp) => {
      const cam = vp.getCamera();
      vp.setCamera(
        axis === 'h'
          ? { flipHorizontal: !cam.flipHorizontal }
          : { flipVertical: !cam.flipVertical },
      );
    });
  }

  /** Zooms the given viewports by `factor` about their centre. */
  zoom(ids: readonly string[], factor: number): void {
    this.each(ids, (vp) => vp.setZoom(vp.getZoom() * factor));
  }

  /** Back to the image as loaded: camera, window, invert, rotation and flips. */
  reset(ids: readonly string[] | 'all' = 'all'): void {
    this.each(ids, (vp) => {
      vp.resetProperties();
      vp.setViewPresentation({ rotation: 0, flipHorizontal: false, flipVertical: false });
      vp.resetCamera();
    });
  }

  /** The annotations on the images shown, as JSON in image pixel coordinates. */
  annotations(): ViewerAnnotation[] {
    return collectAnnotations(this.inputs);
  }

  private emitAnnotations(): void {
    this.hooks.onAnnotations(this.annotations());
  }

  /**
   * Puts saved annotations back on the images shown (others are skipped); answers how many were
   * placed. Existing annotations with the same ids are replaced.
   */
  loadAnnotations(list: readonly ViewerAnnotation[]): number {
    const placed = placeAnnotations(this.inputs, (id) => this.viewport(id), list);
    this.emitAnnotations();
    return placed;
  }

  /** Removes every annotation of the images shown. */
  clearAnnotations(): void {
    removeAnnotations(this.inputs);
    this.emitAnnotations();
  }

  /** Lets the canvases follow their elements' new size. */
  resize(): void {
    this.engine.resize(true, true);
  }

  /** Frees the viewports, tool group, synchroniser and listeners (the engine is shared). */
  destroy(): void {
    for (const off of this.listeners) off();
    this.sync?.destroy();
    for (const v of this.inputs) this.release(v);
    this.inputs = [];
    ToolGroupManager.destroyToolGroup(this.id);
  }
}
