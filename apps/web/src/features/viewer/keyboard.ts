import { WINDOW_PRESETS } from '@telerad/contracts';
import type { LeftTool } from './leftTools';

/** What a viewer key does. */
export type ViewerAction =
  | { kind: 'tool'; tool: LeftTool }
  | { kind: 'preset'; presetId: string }
  | { kind: 'invert' | 'rotate' | 'flipH' | 'flipV' | 'reset' | 'compare' | 'help' }
  | { kind: 'zoomIn' | 'zoomOut' };

/** One shortcut: the key (as `KeyboardEvent.key`, lower case for letters) and its action. */
export interface Shortcut {
  keys: readonly string[];
  action: ViewerAction;
  label: string;
  group: 'Tools' | 'Display' | 'Window presets' | 'Layout';
}

/** Every viewer shortcut, as data: the help overlay and the key handler both read it. */
export const VIEWER_SHORTCUTS: readonly Shortcut[] = [
  {
    keys: ['w'],
    action: { kind: 'tool', tool: 'window' },
    label: 'Window / level (drag)',
    group: 'Tools',
  },
  { keys: ['z'], action: { kind: 'tool', tool: 'zoom' }, label: 'Zoom (drag)', group: 'Tools' },
  { keys: ['p'], action: { kind: 'tool', tool: 'pan' }, label: 'Pan (drag)', group: 'Tools' },
  { keys: ['m'], action: { kind: 'tool', tool: 'magnify' }, label: 'Magnifier', group: 'Tools' },
  { keys: ['l'], action: { kind: 'tool', tool: 'length' }, label: 'Length', group: 'Tools' },
  { keys: ['a'], action: { kind: 'tool', tool: 'angle' }, label: 'Angle', group: 'Tools' },
  { keys: ['e'], action: { kind: 'tool', tool: 'ellipse' }, label: 'Ellipse ROI', group: 'Tools' },
  {
    keys: ['t'],
    action: { kind: 'tool', tool: 'arrow' },
    label: 'Arrow with text',
    group: 'Tools',
  },
  { keys: ['i'], action: { kind: 'invert' }, label: 'Invert', group: 'Display' },
  { keys: ['r'], action: { kind: 'rotate' }, label: 'Rotate 90°', group: 'Display' },
  { keys: ['h'], action: { kind: 'flipH' }, label: 'Flip horizontal', group: 'Display' },
  { keys: ['v'], action: { kind: 'flipV' }, label: 'Flip vertical', group: 'Display' },
  { keys: ['+', '='], action: { kind: 'zoomIn' }, label: 'Zoom in', group: 'Display' },
  { keys: ['-'], action: { kind: 'zoomOut' }, label: 'Zoom out', group: 'Display' },
  { keys: ['Escape', '0'], action: { kind: 'reset' }, label: 'Reset', group: 'Display' },
  ...WINDOW_PRESETS.map((p): Shortcut => ({
    keys: [p.key],
    action: { kind: 'preset', presetId: p.id },
    label: p.label,
    group: 'Window presets',
  })),
  { keys: ['c'], action: { kind: 'compare' }, label: 'Compare with prior', group: 'Layout' },
  { keys: ['?'], action: { kind: 'help' }, label: 'This help', group: 'Layout' },
];

/** The CAD strip's keys (CadPanel handles them): none is a viewer or report shortcut. */
export const CAD_KEYS = { normal: 'n', abnormal: 'b', overlay: 'o' } as const;

/** A key the help lists: a viewer shortcut, or one of the CAD strip's. */
export interface HelpEntry {
  keys: readonly string[];
  label: string;
  group: Shortcut['group'] | 'CAD';
}

/**
 * Every key the viewer's `?` help lists: the viewer's shortcuts, then the CAD strip's, which
 * the strip handles itself because they act only while it offers them (docs/adr/0043).
 */
export const HELP_ENTRIES: readonly HelpEntry[] = [
  ...VIEWER_SHORTCUTS,
  { keys: [CAD_KEYS.normal], label: 'First impression: normal', group: 'CAD' },
  { keys: [CAD_KEYS.abnormal], label: 'First impression: abnormal', group: 'CAD' },
  { keys: [CAD_KEYS.overlay], label: 'CAD overlay on / off', group: 'CAD' },
];

/**
 * True when a key press belongs to a text field (the report form) or to an open dialog (the
 * report's sign summary, the viewer's own prompts), not to the viewer.
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('[role="dialog"]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(type);
}

/** The action of a key press, or null (modifier keys other than Shift never trigger one). */
export function actionForKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
): ViewerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return VIEWER_SHORTCUTS.find((s) => s.keys.includes(key))?.action ?? null;
}
