import { getRenderingEngine, init as initCore, RenderingEngine } from '@cornerstonejs/core';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import {
  AngleTool,
  ArrowAnnotateTool,
  EllipticalROITool,
  LengthTool,
  MagnifyTool,
  PanTool,
  WindowLevelTool,
  ZoomTool,
  addTool,
  init as initTools,
} from '@cornerstonejs/tools';

let ready = false;

/** The Cornerstone tools the viewer registers (names are the tools' `toolName`). */
export const VIEWER_TOOLS = [
  WindowLevelTool,
  ZoomTool,
  PanTool,
  MagnifyTool,
  LengthTool,
  AngleTool,
  EllipticalROITool,
  ArrowAnnotateTool,
] as const;

/**
 * Initialises Cornerstone once per page: the renderer, the DICOM image loader (decoding in web
 * workers; the codecs' WASM is bundled by Vite, nothing is fetched from elsewhere) and the tools.
 * Images come from our own WADO-RS with the session cookie (same origin).
 */
export function initCornerstone(): void {
  if (ready) return;
  initCore();
  initLoader({
    // One decoder per core, at least two so a current and a prior decode side by side.
    maxWebWorkers: Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2)),
    // The metadata come from our /metadata (DICOM JSON), registered per image id.
    useLegacyMetadataProvider: true,
  });
  initTools();
  for (const tool of VIEWER_TOOLS) addTool(tool);
  ready = true;
}

const ENGINE_ID = 'telerad-viewer';

/**
 * The page's one rendering engine (its WebGL context is costly to make): created when the viewer
 * is warmed or first shown, and kept while the page lives. One viewer shows at a time.
 */
export function sharedRenderingEngine(): RenderingEngine {
  initCornerstone();
  return (
    (getRenderingEngine(ENGINE_ID) as RenderingEngine | undefined) ?? new RenderingEngine(ENGINE_ID)
  );
}
