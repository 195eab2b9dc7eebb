import { createHmac, randomBytes } from 'node:crypto';

/** Bounds of a {@link CredentialCache}. */
export interface CredentialCacheOptions {
  /** How long a verified credential is trusted without running argon2 again. */
  ttlMs: number;
  /** Most credentials held; the least recently used goes first. */
  maxEntries: number;
  /** The clock (tests move it). */
  now?: () => number;
}

interface Entry {
  userId: string;
  storedHash: string;
  expiresAt: number;
}

/**
 * Passwords argon2 verified a moment ago, so that a DICOMweb client sending HTTP Basic with every
 * request (a viewer fetching 200 frames) pays for one verification, not 200.
 *
 * What must stay true:
 * - No password is kept. An entry is found by an HMAC-SHA-256 of username and password under a
 *   key drawn at start and never stored or sent, so the keys are worthless outside this process.
 * - An entry only vouches for the stored hash it was verified against. The caller compares it
 *   with the user row it has just read, so a password change (a new hash with a new salt) misses
 *   at once in every process, without any message between them. Lock and disable are read from
 *   that row on every request too; the cache never answers for them.
 * - Only successes are kept: a wrong password always costs a verification (and a rate-limit
 *   attempt).
 */
export class CredentialCache {
  private readonly secret = randomBytes(32);
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, { storedHash: string; result: Promise<boolean> }>();
  private readonly now: () => number;

  constructor(private readonly opts: CredentialCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The cache key of a credential (JSON keeps `a:b`+`c` apart from `a`+`b:c`). */
  keyOf(username: string, password: string): string {
    return createHmac('sha256', this.secret)
      .update(JSON.stringify([username, password]))
      .digest('base64url');
  }

  /** Whether `key` was verified for this user against exactly `storedHash`, within the TTL. */
  holds(key: string, userId: string, storedHash: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    if (e.expiresAt <= this.now() || e.userId !== userId || e.storedHash !== storedHash) {
      this.entries.delete(key);
      return false;
    }
    // Map order is the eviction order: a hit moves the entry to the young end.
    this.entries.delete(key);
    this.entries.set(key, e);
    return true;
  }

  /** Records a successful verification; the TTL runs from now and is never extended by hits. */
  remember(key: string, userId: string, storedHash: string): void {
    this.entries.delete(key);
    this.entries.set(key, { userId, storedHash, expiresAt: this.now() + this.opts.ttlMs });
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Drops a credential (its account is locked or disabled). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * The verification of the same credential against the same stored hash that is already
   * running, if any: concurrent requests with one credential share one argon2 run.
   */
  inFlight(key: string, storedHash: string): Promise<boolean> | undefined {
    const r = this.running.get(key);
    return r && r.storedHash === storedHash ? r.result : undefined;
  }

  /**
   * Registers a verification that has just started, until it settles; a success is remembered in
   * the same step, so no request can fall between the running verification and its entry.
   */
  track(
    key: string,
    userId: string,
    storedHash: string,
    result: Promise<boolean>,
  ): Promise<boolean> {
    this.running.set(key, { storedHash, result });
    const settle = (ok: boolean) => {
      if (this.running.get(key)?.result === result) this.running.delete(key);
      if (ok) this.remember(key, userId, storedHash);
    };
    result.then(settle, () => settle(false));
    return result;
  }

  /** Credentials held now (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }
}
