/**
 * Keyboard shortcuts of the report form. They all take Ctrl or Alt, so they never clash with
 * the viewer's single-letter keys (W Z P I R H V M L A E T C 1–4 0 ?), and avoid Alt+E/Alt+F
 * (browser menus) and Alt+digit (tab switching on Linux).
 */
export const REPORT_KEYS = [
  { action: 'save', keys: 'Ctrl+S', label: 'Save now' },
  { action: 'sign', keys: 'Ctrl+Enter', label: 'Sign (opens the summary)' },
  { action: 'normal', keys: 'Alt+N', label: 'Mark normal (result, quality 1, no prior)' },
  { action: 'quality', keys: 'Alt+Q', label: 'Go to image quality' },
  { action: 'impression', keys: 'Alt+I', label: 'Go to the impression' },
  { action: 'uncertain', keys: 'Alt+U', label: 'Toggle "uncertain"' },
  { action: 'consult', keys: 'Alt+K', label: 'Ask a consultant' },
  // Handled by the retake button in the reading screen's header (features/retakes).
  { action: 'retake', keys: 'Alt+R', label: 'Ask for a retake or an extra view' },
] as const;

/** A report form action a key triggers. */
export type ReportKeyAction = (typeof REPORT_KEYS)[number]['action'];

/** The action of a key event, or null. Uses `code` so it works on any keyboard layout. */
export function reportKeyAction(e: {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): ReportKeyAction | null {
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && !e.altKey && e.code === 'KeyS') return 'save';
  if (ctrl && !e.altKey && e.key === 'Enter') return 'sign';
  if (!e.altKey || ctrl || e.shiftKey) return null;
  switch (e.code) {
    case 'KeyN':
      return 'normal';
    case 'KeyQ':
      return 'quality';
    case 'KeyI':
      return 'impression';
    case 'KeyU':
      return 'uncertain';
    case 'KeyK':
      return 'consult';
    default:
      return null;
  }
}
