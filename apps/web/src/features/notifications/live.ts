/** True when a message of the live channel announces a new notification for this user. */
export function isNotificationMessage(data: unknown): boolean {
  if (typeof data !== 'string') return false;
  try {
    const m = JSON.parse(data) as unknown;
    return (
      typeof m === 'object' &&
      m !== null &&
      (m as { type?: unknown }).type === 'notification' &&
      typeof (m as { notificationId?: unknown }).notificationId === 'string'
    );
  } catch {
    return false;
  }
}
