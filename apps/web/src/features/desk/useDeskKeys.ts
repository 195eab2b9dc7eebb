import type { DeskItem } from '@telerad/contracts';
import { useEffect } from 'react';
import { isTyping } from '../archive/useListKeyboard';

/**
 * The desk's action keys on the selected item (`j` / `k` / Enter come from the list keyboard):
 * each key in `actions` runs its action. Keys typed into fields, with modifiers, or while a
 * dialog is open are left alone.
 */
export function useDeskKeys(
  item: DeskItem | null,
  actions: Record<string, (item: DeskItem) => unknown>,
): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!item || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target) || document.querySelector('[role="dialog"][aria-modal="true"]'))
        return;
      const action = actions[e.key];
      if (!action) return;
      e.preventDefault();
      action(item);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [item, actions]);
}
