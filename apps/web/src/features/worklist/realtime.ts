import { TASK_EVENT_TYPES } from '@telerad/contracts';

/**
 * Pure parts of the worklist's real-time link (`/api/realtime`): its URL, the reconnect backoff
 * and which messages mean "the worklist changed".
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

/** What a message from the channel means to the worklist. */
export type RealtimeMessage =
  { kind: 'hello'; serverTime: string | null } | { kind: 'task' } | null;

const TASK_EVENTS = new Set<string>(TASK_EVENT_TYPES);

/** Reads one message; anything unknown or malformed is ignored (null), never thrown. */
export function parseRealtimeMessage(data: unknown): RealtimeMessage {
  if (typeof data !== 'string') return null;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { type, serverTime } = message as { type?: unknown; serverTime?: unknown };
  if (type === 'hello') {
    return { kind: 'hello', serverTime: typeof serverTime === 'string' ? serverTime : null };
  }
  return typeof type === 'string' && TASK_EVENTS.has(type) ? { kind: 'task' } : null;
}
