import { describe, expect, it } from 'vitest';
import { backoffSeconds, type DeliverySettings } from './runner';

const settings: DeliverySettings = {
  maxAttempts: 8,
  retryBaseSeconds: 30,
  retryMaxSeconds: 3600,
  callingAe: 'TELERAD',
  publicUrl: 'http://localhost:8080',
};

describe('backoffSeconds', () => {
  it('doubles from the base after each failed attempt, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffSeconds(settings, n))).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
  });

  it('retries at once when the base is 0', () => {
    expect(backoffSeconds({ ...settings, retryBaseSeconds: 0 }, 5)).toBe(0);
  });
});
