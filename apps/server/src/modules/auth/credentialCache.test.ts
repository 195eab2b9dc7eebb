import { describe, expect, it } from 'vitest';
import { CredentialCache } from './credentialCache';

function cacheWithClock(opts: { ttlMs?: number; maxEntries?: number } = {}) {
  let now = 1_000_000;
  const cache = new CredentialCache({
    ttlMs: opts.ttlMs ?? 60_000,
    maxEntries: opts.maxEntries ?? 10,
    now: () => now,
  });
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('CredentialCache', () => {
  it('vouches for a credential only against the stored hash it was verified with', () => {
    const { cache } = cacheWithClock();
    const key = cache.keyOf('radiologist', 'telerad-demo');
    expect(cache.holds(key, 'u1', 'hash-1')).toBe(false);
    cache.remember(key, 'u1', 'hash-1');
    expect(cache.holds(key, 'u1', 'hash-1')).toBe(true);
    // A password change stores a new hash: the entry no longer counts, in any process.
    expect(cache.holds(key, 'u1', 'hash-2')).toBe(false);
    expect(cache.holds(key, 'u1', 'hash-1')).toBe(false);
    cache.remember(key, 'u1', 'hash-1');
    expect(cache.holds(key, 'u2', 'hash-1')).toBe(false);
  });

  it('keys by an HMAC of username and password that keeps neither and separates them', () => {
    const { cache } = cacheWithClock();
    const key = cache.keyOf('a:b', 'c');
    expect(key).not.toContain('a:b');
    expect(key).not.toBe(cache.keyOf('a', 'b:c'));
    expect(key).not.toBe(cache.keyOf('a:b', 'C'));
    expect(key).toBe(cache.keyOf('a:b', 'c'));
    // Another process (another cache) draws another key: the keys mean nothing outside.
    expect(cacheWithClock().cache.keyOf('a:b', 'c')).not.toBe(key);
  });

  it('forgets a credential after its TTL, which hits do not extend', () => {
    const { cache, advance } = cacheWithClock({ ttlMs: 1000 });
    const key = cache.keyOf('u', 'p');
    cache.remember(key, 'u1', 'h');
    advance(600);
    expect(cache.holds(key, 'u1', 'h')).toBe(true);
    advance(400);
    expect(cache.holds(key, 'u1', 'h')).toBe(false);
  });

  it('holds at most maxEntries, dropping the least recently used', () => {
    const { cache } = cacheWithClock({ maxEntries: 3 });
    const keys = ['a', 'b', 'c', 'd'].map((u) => cache.keyOf(u, 'p'));
    cache.remember(keys[0]!, 'a', 'h');
    cache.remember(keys[1]!, 'b', 'h');
    cache.remember(keys[2]!, 'c', 'h');
    expect(cache.holds(keys[0]!, 'a', 'h')).toBe(true); // a is now the most recent
    cache.remember(keys[3]!, 'd', 'h');
    expect(cache.size).toBe(3);
    expect(cache.holds(keys[1]!, 'b', 'h')).toBe(false);
    expect(cache.holds(keys[0]!, 'a', 'h')).toBe(true);
    expect(cache.holds(keys[3]!, 'd', 'h')).toBe(true);
  });

  it('shares a running verification of the same credential and hash, and remembers a success as it ends', async () => {
    const { cache } = cacheWithClock();
    const key = cache.keyOf('u', 'p');
    let finish!: (v: boolean) => void;
    const run = new Promise<boolean>((r) => (finish = r));
    cache.track(key, 'u1', 'h', run);
    expect(cache.inFlight(key, 'h')).toBe(run);
    expect(cache.inFlight(key, 'other-hash')).toBeUndefined();
    expect(cache.holds(key, 'u1', 'h')).toBe(false);
    finish(true);
    expect(await run).toBe(true);
    expect(cache.inFlight(key, 'h')).toBeUndefined();
    expect(cache.holds(key, 'u1', 'h')).toBe(true);
  });

  it('does not remember a failed verification', async () => {
    const { cache } = cacheWithClock();
    const key = cache.keyOf('u', 'wrong');
    const run = Promise.resolve(false);
    cache.track(key, 'u1', 'h', run);
    await run;
    expect(cache.inFlight(key, 'h')).toBeUndefined();
    expect(cache.holds(key, 'u1', 'h')).toBe(false);
  });
});
