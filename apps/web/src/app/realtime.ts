/**
 * Pure parts of the app's one real-time link (`/api/realtime`), shared by every live view: its
 * URL and the reconnect backoff.
 */

/** The WebSocket URL of the real-time channel on this page's origin (wss on https). */
export function realtimeUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/realtime`;
}

/** First reconnect delay; it doubles per failed attempt up to `MAX_BACKOFF_MS`. */
export const BASE_BACKOFF_MS = 500;

/** Longest wait between reconnect attempts. */
export const MAX_BACKOFF_MS = 15_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 first): exponential with "equal
 * jitter" so that many browsers cut off by one server restart do not return all at once.
 * `random` is injectable for tests.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
