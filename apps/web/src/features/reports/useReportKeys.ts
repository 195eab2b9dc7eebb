import { useEffect, useRef, type KeyboardEvent } from 'react';
import { reportKeyAction, type ReportKeyAction } from './reportKeys';

const isTextTarget = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.tagName === 'TEXTAREA' ||
    (t.tagName === 'INPUT' && !['checkbox', 'radio'].includes((t as HTMLInputElement).type)) ||
    t.isContentEditable);

/**
 * The report keys, active anywhere on the reading page while the panel is mounted. Returns the
 * panel's own key handler: it also keeps plain letters typed in the form's text boxes from
 * reaching the viewer's single-letter shortcuts.
 */
export function useReportKeys(handlers: Partial<Record<ReportKeyAction, () => void>>) {
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const action = reportKeyAction(e);
      const handler = action && ref.current[action];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (e: KeyboardEvent<HTMLElement>) => {
    const action = reportKeyAction(e);
    const handler = action && ref.current[action];
    if (handler) {
      e.preventDefault();
      e.stopPropagation();
      handler();
      return;
    }
    if (isTextTarget(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) e.stopPropagation();
  };
}
