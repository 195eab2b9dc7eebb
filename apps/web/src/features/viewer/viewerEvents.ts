/** One entry of the viewer's event log (read by the benchmark and the e2e tests). */
export interface ViewerEvent {
  type: 'IMAGE_RENDERED' | 'STUDY_OPENED' | 'COMPARE_OPENED';
  /** `Date.now()` when it happened. */
  at: number;
  viewportId?: string;
  imageId?: string;
  /** Size of the image drawn (the loaded image, not the canvas). */
  rows?: number;
  columns?: number;
  /** How Cornerstone draws: WebGL or its CPU fallback (on IMAGE_RENDERED). */
  renderer?: 'gpu' | 'cpu';
  /** Cornerstone's image quality status: 8 is full resolution. */
  quality?: number;
}

declare global {
  interface Window {
    /** The viewer's event log, newest last; bounded. */
    __viewerEvents?: ViewerEvent[];
  }
}

const MAX_EVENTS = 500;

/** Appends an event to `window.__viewerEvents` (observable from tests and benchmarks). */
export function logViewerEvent(event: Omit<ViewerEvent, 'at'>): void {
  const log = (window.__viewerEvents ??= []);
  log.push({ ...event, at: Date.now() });
  if (log.length > MAX_EVENTS) log.splice(0, log.length - MAX_EVENTS);
}
