import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { hashPassword, verifyPassword } from './passwords';
import { destroyUserSessions } from './sessions';

/** Changes the caller's own password and ends their other sessions. */
export async function changePassword(
  ctx: ServiceContext,
  current: string,
  next: string,
  keepSession?: string,
): Promise<void> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const userId = ctx.actor.userId;
  const u = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(u.password_hash, current))) {
    await writeAudit(ctx, {
      action: 'auth.password.change',
      outcome: 'failure',
      resourceType: 'user',
      resourceId: userId,
      details: { reason: 'wrong current password' },
    });
    throw appError('PASSWORD_WRONG');
  }
  if (current === next)
    throw appError('VALIDATION_FAILED', [
      { path: 'newPassword', message: 'must differ from the current password' },
    ]);
  const hash = await hashPassword(next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: new Date(), updated_at: new Date() })
      .where('id', '=', userId)
      .execute();
    await destroyUserSessions(trx, userId, keepSession);
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'auth.password.change',
        outcome: 'success',
        resourceType: 'user',
        resourceId: userId,
      },
    );
  });
}
