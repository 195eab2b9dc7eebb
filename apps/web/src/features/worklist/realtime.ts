import { TASK_EVENT_TYPES } from '@telerad/contracts';

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

/** Whether a channel message changes a task list (any task event): what the worklist hears. */
export function isTaskMessage(data: unknown): boolean {
  return parseRealtimeMessage(data)?.kind === 'task';
}
