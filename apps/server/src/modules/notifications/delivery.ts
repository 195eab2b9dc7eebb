import type { StoredNotification } from './service';

/**
 * Receives every notification created, after its transaction committed: the process wires one
 * that pushes it over the live channel and queues its e-mail. The default drops them (they
 * stay in the table and show on the next fetch).
 */
export type NotificationSink = (n: StoredNotification) => void | Promise<void>;

let sink: NotificationSink = () => undefined;
let reportError: (err: unknown, n: StoredNotification) => void = (err, n) =>
  console.error(`notification ${n.id} not delivered:`, err);

/** Installs the process-wide sink (`null` restores the no-op). */
export function setNotificationSink(
  fn: NotificationSink | null,
  onError?: (err: unknown, n: StoredNotification) => void,
): void {
  sink = fn ?? (() => undefined);
  if (onError) reportError = onError;
}

/** Hands created notifications to the sink, in order. Never throws. */
export async function deliverNotifications(items: readonly StoredNotification[]): Promise<void> {
  for (const n of items) {
    try {
      await sink(n);
    } catch (err) {
      reportError(err, n);
    }
  }
}
