import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, parseRealtimeMessage, realtimeUrl, reconnectDelay } from './realtime';

describe('realtimeUrl', () => {
  it('follows the page protocol', () => {
    expect(realtimeUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe(
      'ws://localhost:8080/api/realtime',
    );
    expect(realtimeUrl({ protocol: 'https:', host: 'telerad.example' })).toBe(
      'wss://telerad.example/api/realtime',
    );
  });
});

describe('reconnectDelay', () => {
  it('grows exponentially within jitter bounds and is capped', () => {
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(0, () => 1)).toBe(500);
    expect(reconnectDelay(3, () => 0)).toBe(2000);
    expect(reconnectDelay(20, () => 1)).toBe(MAX_BACKOFF_MS);
    expect(reconnectDelay(20, () => 0)).toBe(MAX_BACKOFF_MS / 2);
  });
});

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
