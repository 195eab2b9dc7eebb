import { useSyncExternalStore } from 'react';

/*
 * One shared one-second ticker for every countdown on the page: a single interval, started when
 * the first countdown mounts and stopped when the last unmounts.
 */
const listeners = new Set<() => void>();
let timer: number | undefined;
let now = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = window.setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

const snapshot = () => now;

/** The server's time (ms), re-rendering every second: the browser clock plus `offsetMs`. */
export function useServerNow(offsetMs: number): number {
  return useSyncExternalStore(subscribe, snapshot) + offsetMs;
}
