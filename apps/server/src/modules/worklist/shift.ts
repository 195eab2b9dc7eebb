import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { pushAssign } from './assignment';

/** Reader shifts: push assignment picks among on-shift readers only. */

function userIdOf(ctx: ServiceContext): string {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor.userId;
}

/**
 * Marks the caller on or off shift (push assignment picks among on-shift readers). Coming on
 * shift at once offers the caller's centres' queued push-mode tasks.
 */
export async function setOnShift(ctx: ServiceContext, onShift: boolean): Promise<void> {
  const userId = userIdOf(ctx);
  await auditedTransaction(
    ctx,
    (trx) => trx.updateTable('users').set({ on_shift: onShift }).where('id', '=', userId).execute(),
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
