import type { TaskEvent } from '@telerad/contracts';

/** What changed: the event type and the task it concerns (the sink loads the task if it needs it). */
export interface TaskChange {
  type: TaskEvent['type'];
  taskId: string;
}

/**
 * Receives every task change after its transaction committed. The real-time layer plugs one in
 * (it publishes through Postgres NOTIFY); the default drops events.
 */
export type TaskEventSink = (e: TaskChange) => void | Promise<void>;

const noop: TaskEventSink = () => undefined;
let sink: TaskEventSink = noop;
let reportError: (err: unknown, e: TaskChange) => void = (err, e) =>
  console.error(`task event sink failed on ${e.type} ${e.taskId}:`, err);

/**
 * Installs the process-wide sink (`null` restores the no-op). `onError` sees sink failures:
 * a change is already committed, so a failing sink must never fail the request that made it.
 */
export function setTaskEventSink(
  fn: TaskEventSink | null,
  onError?: (err: unknown, e: TaskChange) => void,
): void {
  sink = fn ?? noop;
  if (onError) reportError = onError;
}

/** Hands committed changes to the sink, one at a time, in order. Never throws. */
export async function emitTaskEvents(...changes: TaskChange[]): Promise<void> {
  for (const e of changes) {
    try {
      await sink(e);
    } catch (err) {
      reportError(err, e);
    }
  }
}
