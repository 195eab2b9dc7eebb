import { describe, expect, it } from 'vitest';
import { isNotificationMessage } from './live';

describe('isNotificationMessage', () => {
  it('recognises a notification announcement', () => {
    expect(
      isNotificationMessage(
        JSON.stringify({ type: 'notification', notificationId: 'n1', at: 'x' }),
      ),
    ).toBe(true);
  });

  it('ignores task events, hellos, malformed and non-string data', () => {
    expect(isNotificationMessage(JSON.stringify({ type: 'task.created', taskId: 't' }))).toBe(
      false,
    );
    expect(isNotificationMessage(JSON.stringify({ type: 'notification' }))).toBe(false);
    expect(isNotificationMessage('{not json')).toBe(false);
    expect(isNotificationMessage('null')).toBe(false);
    expect(isNotificationMessage(new ArrayBuffer(2))).toBe(false);
  });
});
