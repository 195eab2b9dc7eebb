import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { parseTransferConfig } from './config';
import { LinkMeter } from './linkMeter';
import { TokenBucket } from './throttle';
import { LinkDown } from './types';
import { isLinkError } from './wire';
import { allowedPriorities, inWindow, localClock } from './windows';

describe('backoff with full jitter', () => {
  it('stays within [0, min(cap, base·2^(n-1))] and reaches the ends of that range', () => {
    for (const n of [1, 2, 3, 5, 10, 100, 5000]) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (n - 1));
      expect(backoffDelay(n, 1000, 60_000, () => 0)).toBe(0);
      expect(backoffDelay(n, 1000, 60_000, () => 0.999999)).toBe(Math.floor(ceiling * 0.999999));
      const d = backoffDelay(n, 1000, 60_000);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(ceiling);
    }
  });
});

describe('token bucket', () => {
  it('lets the burst go at once, then meters bytes at the configured rate', () => {
    let t = 0;
    const b = new TokenBucket(250_000, 16_384, () => t); // 2 Mbit/s
    expect(b.tryTake(16_384)).toBe(0);
    // Empty: 16 KiB more needs 16384/250000 s.
    expect(b.tryTake(16_384)).toBe(Math.ceil((16_384 / 250_000) * 1000));
    t += 1000;
    expect(b.tryTake(16_384)).toBe(0);
  });

  it('converts kbit/s with 1 kbit = 1000 bits, and 0 means unlimited', () => {
    expect(TokenBucket.fromKbps(2000).rate).toBe(250_000);
    expect(TokenBucket.fromKbps(0).tryTake(1e9)).toBe(0);
  });

  it('over a long run passes rate × time bytes, not more', () => {
    let t = 0;
    const b = new TokenBucket(100_000, 10_000, () => t);
    let sent = 0;
    for (let step = 0; step < 10_000; step++) {
      t += 1; // 10 s in 1 ms steps
      while (b.tryTake(1000) === 0) sent += 1000;
    }
    expect(sent).toBeLessThanOrEqual(100_000 * 10 + 10_000);
    expect(sent).toBeGreaterThanOrEqual(100_000 * 10 - 1000);
  });
});

describe('sending windows', () => {
  const cfg = parseTransferConfig({
    centreUrl: 'https://centre.example',
    timeZone: 'Africa/Nairobi', // UTC+3, no DST
    windows: { mon: [{ start: '20:00', end: '24:00' }], sat: [] },
  });

  it('reads the weekday and clock in the clinic time zone', () => {
    // Monday 2026-03-02 18:30 UTC is 21:30 in Nairobi.
    expect(localClock(new Date('2026-03-02T18:30:00Z'), 'Africa/Nairobi')).toEqual({
      weekday: 'mon',
      minute: 21 * 60 + 30,
    });
  });

  it('sends everything inside a window, urgent only outside, and all day on a day without windows', () => {
    expect(inWindow(cfg, new Date('2026-03-02T18:30:00Z'))).toBe(true);
    expect([...allowedPriorities(cfg, new Date('2026-03-02T06:00:00Z'))]).toEqual(['urgent']);
    expect(inWindow(cfg, new Date('2026-03-03T06:00:00Z'))).toBe(true); // Tuesday: no entry
    expect(inWindow(cfg, new Date('2026-03-07T12:00:00Z'))).toBe(false); // Saturday: empty list
    const nothing = { ...cfg, outsideWindows: 'nothing' as const };
    expect(allowedPriorities(nothing, new Date('2026-03-07T12:00:00Z')).size).toBe(0);
  });

  it('refuses a window that ends before it starts and an unknown time zone', () => {
    expect(() =>
      parseTransferConfig({ windows: { mon: [{ start: '22:00', end: '06:00' }] } }),
    ).toThrow(/end after it starts/);
    expect(() => parseTransferConfig({ timeZone: 'Mars/Olympus' })).toThrow(/IANA time zone/);
  });
});

describe('link measurement and failure classes', () => {
  it('reports kbit/s over the seconds in which bytes left', () => {
    let t = 0;
    const m = new LinkMeter(10_000, () => t);
    expect(m.kbps()).toBeNull();
    m.add(125_000); // 1 Mbit in second 0
    t = 1000;
    m.add(125_000);
    expect(m.kbps()).toBe(1000);
    t = 60_000; // long after: the window has moved on
    expect(m.kbps()).toBeNull();
  });

  it('counts refused, reset, DNS and timeouts as the link, not the object', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(isLinkError(refused)).toBe(true);
    expect(isLinkError(Object.assign(new Error('x'), { code: 'EAI_AGAIN' }))).toBe(true);
    expect(isLinkError(new LinkDown('down'))).toBe(true);
    expect(isLinkError(new Error('Unexpected token in JSON'))).toBe(false);
  });
});
