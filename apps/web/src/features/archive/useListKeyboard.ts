import { useEffect, type RefObject } from 'react';

/** True when a key press belongs to a field the user is typing in. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Reading-room keyboard for a list page: `/` focuses the search box, `j` / `k` move the
 * selection down / up, Enter opens the selected entry. Keys typed into fields, with modifiers,
 * or while a dialog is open are left alone.
 */
export function useListKeyboard({
  count,
  selected,
  onMove,
  onOpen,
  searchRef,
}: {
  count: number;
  /** Index of the selected entry, or -1. */
  selected: number;
  onMove: (index: number) => void;
  onOpen: (index: number) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if ((e.key === 'j' || e.key === 'k') && count > 0) {
        e.preventDefault();
        const step = e.key === 'j' ? 1 : -1;
        onMove(selected < 0 ? 0 : Math.min(count - 1, Math.max(0, selected + step)));
      } else if (e.key === 'Enter' && selected >= 0 && e.target === document.body) {
        // A focused row, link or button handles its own Enter.
        e.preventDefault();
        onOpen(selected);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, selected, onMove, onOpen, searchRef]);
}
