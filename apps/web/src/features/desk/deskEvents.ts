import { DESK_CHANGED, TASK_EVENT_TYPES } from '@telerad/contracts';

/**
 * WebSocket message types that change what the desk shows: a desk change (a study flagged or
 * released, an identity entered, a report opened; other features announce theirs the same way)
 * every reading-task event (a reading created, claimed, finished or re-prioritised), and a
 * clinic message sent or read (it joins or leaves the desk).
 */
export const DESK_EVENT_TYPES: ReadonlySet<string> = new Set([
  DESK_CHANGED,
  ...TASK_EVENT_TYPES,
  'message.created',
  'message.read',
]);

/** True when a message from `/api/realtime` means the desk should refresh; never throws. */
export function isDeskEvent(data: unknown): boolean {
  if (typeof data !== 'string') return false;
  try {
    const message: unknown = JSON.parse(data);
    if (typeof message !== 'object' || message === null) return false;
    const { type } = message as { type?: unknown };
    return typeof type === 'string' && DESK_EVENT_TYPES.has(type);
  } catch {
    return false;
  }
}
