import type { ServiceContext } from '../../platform/context';

/**
 * What other modules do when a user signs in or leaves. The worklist resumes a reader's shift
 * at sign-in and pauses it when their last session ends; it installs its handlers here because
 * auth cannot import it back (the worklist imports auth).
 */
export interface PresenceHandlers {
  /** A session of `userId` became active (password, MFA code, enrolment). */
  signedIn: (ctx: ServiceContext, userId: string) => Promise<void>;
  /** The last live session of `userId` ended (sign-out or expiry). */
  left: (ctx: ServiceContext, userId: string) => Promise<void>;
}

let handlers: PresenceHandlers | null = null;

/** Installs the one set of presence handlers; `null` removes them. */
export function onPresence(next: PresenceHandlers | null): void {
  handlers = next;
}

/** Tells the handlers that `userId` has an active session now. */
export async function presenceSignedIn(ctx: ServiceContext, userId: string): Promise<void> {
  if (handlers) await handlers.signedIn(ctx, userId);
}

/**
 * Tells the handlers that `userId` left, when the session that just ended was their last live
 * one: signing out on one device leaves the reader present on the other.
 */
export async function presenceSessionEnded(ctx: ServiceContext, userId: string): Promise<void> {
  if (!handlers) return;
  const live = await ctx.db
    .selectFrom('sessions')
    .select('id_hash')
    .where('user_id', '=', userId)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!live) await handlers.left(ctx, userId);
}
