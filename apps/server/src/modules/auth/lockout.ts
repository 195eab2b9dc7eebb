import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { getSecuritySettings } from '../settings';

/**
 * Counts a failed proof (password or MFA code) against the account and locks it once the
 * threshold is reached. Returns the lock end when this failure locked it.
 */
export async function recordFailure(
  ctx: ServiceContext,
  userId: string,
  username: string,
  reason: string,
  details: Record<string, unknown> = {},
): Promise<Date | null> {
  // The count, the audit event and the settings go to the database side by side: a wrong
  // password then waits for one round trip, as an unknown username does for its audit event, so
  // the answer's time does not tell the two apart.
  const [s, row] = await Promise.all([
    getSecuritySettings(ctx.db),
    ctx.db
      .updateTable('users')
      .set({ failed_logins: sql`failed_logins + 1` })
      .where('id', '=', userId)
      .returning('failed_logins')
      .executeTakeFirstOrThrow(),
    writeAudit(ctx, {
      action: 'auth.login',
      outcome: 'failure',
      resourceType: 'user',
      resourceId: userId,
      actorName: username,
      details: { reason, ...details },
    }),
  ]);
  if (row.failed_logins < s.lockoutThreshold) return null;
  const until = new Date(Date.now() + s.lockoutMinutes * 60_000);
  await ctx.db
    .updateTable('users')
    .set({ locked_until: until, failed_logins: 0 })
    .where('id', '=', userId)
    .execute();
  await ctx.db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('stage', '<>', 'active')
    .execute();
  await writeAudit(ctx, {
    action: 'auth.lockout',
    outcome: 'success',
    resourceType: 'user',
    resourceId: userId,
    actorName: username,
    details: { until: until.toISOString(), minutes: s.lockoutMinutes },
  });
  return until;
}
