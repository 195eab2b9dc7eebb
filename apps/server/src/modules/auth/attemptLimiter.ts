/** Bounds of an {@link AttemptLimiter}. */
export interface AttemptLimiterOptions {
  /** Attempts allowed per key in one window. */
  max: number;
  windowMs: number;
  /** Keys kept at most; beyond it, spent windows go first, then the oldest. */
  maxKeys?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/** Whether an attempt may go ahead, and if not, when it may. */
export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts password verifications per key (address and username) in fixed windows. Unlike a
 * route's request limit, it counts only the attempts that would run argon2, so a client whose
 * credential is already verified (see CredentialCache) is never slowed, while a guesser is held
 * to `max` guesses a window whichever door they knock on.
 *
 * It is per process, as @fastify/rate-limit's default store is.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly opts: AttemptLimiterOptions) {
    this.now = opts.now ?? Date.now;
    this.maxKeys = opts.maxKeys ?? 10_000;
  }

  /** Counts one attempt under `key`. */
  take(key: string): AttemptVerdict {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.opts.windowMs };
      this.windows.delete(key);
      this.windows.set(key, w);
      this.bound(now);
    }
    if (w.count >= this.opts.max)
      return { allowed: false, retryAfterSeconds: Math.ceil((w.resetAt - now) / 1000) };
    w.count++;
    return { allowed: true };
  }

  /** Keeps the map bounded, so a spray of usernames cannot grow it without end. */
  private bound(now: number): void {
    if (this.windows.size <= this.maxKeys) return;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Insertion order is age order: what remains over the bound is the oldest.
    for (const k of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}
