import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPeriodic } from './periodic';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('startPeriodic', () => {
  it('skips ticks while a run is going, reports failures and keeps going', async () => {
    let runs = 0;
    let finish: (() => void) | undefined;
    const errors: unknown[] = [];
    const p = startPeriodic(
      100,
      () => {
        runs++;
        if (runs === 2) return Promise.reject(new Error('boom'));
        return new Promise<void>((r) => (finish = r));
      },
      (e) => void errors.push(e),
    );
    await vi.advanceTimersByTimeAsync(350);
    expect(runs).toBe(1);
    finish!();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(3);
    // stop waits for the run in progress, and no tick follows.
    let stopped = false;
    const stopping = p.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish!();
    await stopping;
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(3);
  });
});
