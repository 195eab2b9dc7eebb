import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/** Whether an attempt may go ahead, and if not, when it may. */
export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts password verifications per key (address and username) in fixed windows. Unlike a
 * route's request limit, it counts only the attempts that would run argon2, so a client whose
 * credential is already verified (see CredentialCache) is never slowed, while a guesser is held
 * to `max` guesses a window whichever door they knock on.
 *
 * The count is held in PostgreSQL, so it holds across nodes (docs/adr/0047): a guesser
 * taking turns between two nodes behind a load balancer gets `max` verifications a window, not
 * `max` per node. Fixed windows of `windowMs`, aligned on the database clock (one clock for every
 * node). Each attempt is one upsert that returns the window's count: the row lock it takes makes
 * concurrent attempts from several nodes count one by one, and a window that has passed starts
 * again at 1.
 *
 * What must stay true: no key is kept in clear (a password typed as a username would be).
 */
export class AttemptLimiter {
  constructor(
    private readonly db: Db,
    private readonly opts: { max: number; windowMs: number },
  ) {}

  /** Counts one attempt under `key`. */
  async take(key: string): Promise<AttemptVerdict> {
    const keyHash = createHash('sha256').update(key).digest('base64url');
    const windowSeconds = this.opts.windowMs / 1000;
    const { rows } = await sql<{ attempts: number; retry_ms: number }>`
      insert into password_attempt_windows as w (key_hash, window_start, attempts)
      values (${keyHash},
              to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}),
              1)
      on conflict (key_hash) do update
        set attempts = case when w.window_start = excluded.window_start then w.attempts + 1 else 1 end,
            window_start = excluded.window_start
      returning attempts,
        (extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())) * 1000)::float8
          as retry_ms`.execute(this.db);
    const row = rows[0]!;
    if (row.attempts <= this.opts.max) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(row.retry_ms / 1000)) };
  }
}

/** Drops the windows that have ended (the sessions purge runs it); returns how many went. */
export async function purgeAttemptWindows(db: Db, windowMs = 60_000): Promise<number> {
  const gone = await db
    .deleteFrom('password_attempt_windows')
    .where('window_start', '<', sql<Date>`now() - make_interval(secs => ${windowMs / 1000})`)
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}
