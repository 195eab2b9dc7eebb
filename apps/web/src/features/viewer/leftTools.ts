import { Enums as ToolEnums, type Types as ToolTypes } from '@cornerstonejs/tools';
import { CS_TOOL_NAMES } from './annotationJson';
import { VIEWER_TOOLS } from './cornerstoneSetup';

/** Left-button tools the reader picks from (the keyboard map and toolbar use these ids). */
export const LEFT_TOOLS = {
  window: 'WindowLevel',
  zoom: 'Zoom',
  pan: 'Pan',
  magnify: 'Magnify',
  length: CS_TOOL_NAMES.length,
  angle: CS_TOOL_NAMES.angle,
  ellipse: CS_TOOL_NAMES.ellipse,
  arrow: CS_TOOL_NAMES.arrow,
} as const;
export type LeftTool = keyof typeof LEFT_TOOLS;

const { MouseBindings } = ToolEnums;

/**
 * The viewer's mouse: left uses the chosen tool; right adjusts the window (zooms when the window
 * is on the left); middle pans (unless pan is on the left). Every other tool is left passive, so
 * its annotations stay selectable.
 */
export function bindMouseButtons(g: ToolTypes.IToolGroup, leftTool: LeftTool): void {
  for (const tool of VIEWER_TOOLS) g.setToolPassive(tool.toolName, { removeAllBindings: true });
  const left = LEFT_TOOLS[leftTool];
  g.setToolActive(left, { bindings: [{ mouseButton: MouseBindings.Primary }] });
  const right = leftTool === 'window' ? LEFT_TOOLS.zoom : LEFT_TOOLS.window;
  g.setToolActive(right, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  if (left !== LEFT_TOOLS.pan)
    g.setToolActive(LEFT_TOOLS.pan, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
}
