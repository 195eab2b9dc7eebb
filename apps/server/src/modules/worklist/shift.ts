import { auditedTransaction, writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { onPresence } from '../auth';
import { pushAssign } from './assignment';

/**
 * Reader shifts. A reader's choice, on or off, is kept per user on the server (`shift_choice`),
 * so it follows them across sessions and devices. Push assignment picks among readers on shift
 * now (`on_shift`): the choice while they are signed in. Their last session ending (sign-out,
 * expiry) takes them off shift without forgetting the choice; signing in resumes it.
 */

function userIdOf(ctx: ServiceContext): string {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor.userId;
}

/**
 * Marks the caller on or off shift and remembers the choice for their next sessions. Coming on
 * shift at once offers the caller's centres' queued push-mode tasks.
 */
export async function setOnShift(ctx: ServiceContext, onShift: boolean): Promise<void> {
  const userId = userIdOf(ctx);
  await auditedTransaction(
    ctx,
    (trx) =>
      trx
        .updateTable('users')
        .set({ on_shift: onShift, shift_choice: onShift })
        .where('id', '=', userId)
        .execute(),
    () => ({ resourceId: userId, details: { onShift } }),
  );
  if (onShift) await pushAssign(ctx.db, { now: new Date() });
}

/** Whether the caller is on shift. */
export async function getOnShift(ctx: ServiceContext): Promise<boolean> {
  const userId = userIdOf(ctx);
  const row = await ctx.db
    .selectFrom('users')
    .select('on_shift')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.on_shift ?? false;
}

/**
 * Sets `on_shift` to `to` for a user whose choice is on, when it differs, and audits the change
 * with `why` in the same transaction. Answers whether anything changed.
 */
async function follow(
  ctx: ServiceContext,
  userId: string,
  to: boolean,
  why: 'signed in' | 'left',
): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('users')
      .set({ on_shift: to })
      .where('id', '=', userId)
      .where('shift_choice', '=', true)
      .where('on_shift', '=', !to)
      .returning('id')
      .executeTakeFirst();
    if (changed)
      await writeAudit(
        { ...ctx, db: trx },
        {
          action: 'worklist.shift',
          outcome: 'success',
          actorName: ctx.actor ? undefined : 'system',
          resourceType: 'user',
          resourceId: userId,
          details: { onShift: to, because: why },
        },
      );
    return Boolean(changed);
  });
}

/**
 * Installs the worklist's presence handlers in auth: a reader who chose to be on shift is back
 * on shift when they sign in (and offered queued push-mode tasks), and off shift when their last
 * session ends.
 */
export function wireShiftPresence(): void {
  onPresence({
    signedIn: async (ctx, userId) => {
      if (await follow(ctx, userId, true, 'signed in'))
        await pushAssign(ctx.db, { now: new Date() });
    },
    left: async (ctx, userId) => void (await follow(ctx, userId, false, 'left')),
  });
}
