import { useWindowEvent } from '@mantine/hooks';
import { useState } from 'react';

/**
 * A popover's open state that Escape closes wherever the focus is. Mantine closes a popover on
 * Escape only while the focus is inside its dropdown, so Escape right after clicking the button
 * that opened it (the focus still on that button) left it open. Every popover opened from a
 * button takes its state here: spread `props` on Mantine's `Popover`, and put `toggle` on the
 * button's `onClick` (Mantine's `Popover.Target` toggles only a popover that keeps its own state).
 */
export function usePopover() {
  const [opened, setOpened] = useState(false);
  // In the capture phase: a tooltip on the button stops Escape's bubbling once it has closed.
  useWindowEvent(
    'keydown',
    (e) => {
      if (opened && e.key === 'Escape') setOpened(false);
    },
    { capture: true },
  );
  return {
    opened,
    props: { opened, onChange: setOpened },
    close: () => setOpened(false),
    toggle: () => setOpened((o) => !o),
  };
}
