/** The reading screen's key for the retake dialog: Alt+R, by `code` so any layout works. */
export const RETAKE_KEY = { keys: 'Alt+R', label: 'Ask for a retake or an extra view' } as const;

/** Is this key event the retake key? */
export function isRetakeKey(e: {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyR';
}
