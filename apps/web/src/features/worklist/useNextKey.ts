import { useEffect } from 'react';

/** True when a key press belongs to a field the user is typing in. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * A one-letter key of the worklist page. Like the list keys (archive `useListKeyboard`), it is
 * left alone while typing, with modifiers or while a dialog is open. `onPress` null: nothing.
 */
export function usePageKey(key: string, onPress: (() => void) | null) {
  useEffect(() => {
    if (!onPress) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (isTyping(e.target) || e.key !== key) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      onPress();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, onPress]);
}

/** `n` claims the next task (`usePageKey`). */
export function useNextKey(onNext: (() => void) | null) {
  usePageKey('n', onNext);
}
