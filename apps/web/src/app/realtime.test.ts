import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, realtimeUrl, reconnectDelay } from './realtime';

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
