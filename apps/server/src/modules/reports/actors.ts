import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';

/** The caller, or UNAUTHENTICATED. */
export function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** Who signs: the display name and credentials stamped on the report and its version. */
export async function signerOf(
  db: Db,
  actor: Actor,
): Promise<{ id: string; name: string; credentials: string | null }> {
  const u = await db
    .selectFrom('users')
    .select(['display_name', 'credentials'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  return { id: actor.userId, name: u.display_name, credentials: u.credentials };
}
