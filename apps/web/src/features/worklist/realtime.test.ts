import { describe, expect, it } from 'vitest';
import { parseRealtimeMessage } from './realtime';

describe('parseRealtimeMessage', () => {
  it('reads hello and task events', () => {
    expect(parseRealtimeMessage('{"type":"hello","serverTime":"2026-03-01T10:00:00Z"}')).toEqual({
      kind: 'hello',
      serverTime: '2026-03-01T10:00:00Z',
    });
    for (const type of [
      'task.created',
      'task.claimed',
      'task.released',
      'task.assigned',
      'task.completed',
      'task.rerouted',
    ]) {
      expect(parseRealtimeMessage(JSON.stringify({ type, taskId: 'x', at: 'y' }))).toEqual({
        kind: 'task',
      });
    }
  });

  it('ignores anything else without throwing', () => {
    expect(parseRealtimeMessage('not json')).toBeNull();
    expect(parseRealtimeMessage('null')).toBeNull();
    expect(parseRealtimeMessage('{"type":"chat.message"}')).toBeNull();
    // Notifications have their own listener (the header bell), not the worklist.
    expect(parseRealtimeMessage('{"type":"notification","notificationId":"n"}')).toBeNull();
    expect(parseRealtimeMessage(new ArrayBuffer(2))).toBeNull();
  });
});
