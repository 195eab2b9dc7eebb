import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attemptLimiter';

function limiter(max: number, maxKeys?: number) {
  let now = 0;
  const l = new AttemptLimiter({ max, windowMs: 60_000, maxKeys, now: () => now });
  return { l, advance: (ms: number) => (now += ms) };
}

describe('AttemptLimiter', () => {
  it('allows max attempts per key in a window, then says when to retry', () => {
    const { l, advance } = limiter(3);
    expect([1, 2, 3].map(() => l.take('ip|qa').allowed)).toEqual([true, true, true]);
    advance(15_000);
    expect(l.take('ip|qa')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(l.take('ip|support').allowed).toBe(true);
    advance(45_000);
    expect(l.take('ip|qa').allowed).toBe(true);
  });

  it('keeps at most maxKeys windows', () => {
    const { l } = limiter(1, 2);
    l.take('a');
    l.take('b');
    l.take('c'); // 'a', the oldest, goes
    expect(l.take('c').allowed).toBe(false);
    expect(l.take('a').allowed).toBe(true);
  });
});
