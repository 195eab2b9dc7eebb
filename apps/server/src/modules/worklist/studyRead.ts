import type { Db } from '../../platform/db';

/** The states in which a study's primary read has begun (someone opened it, or it is done). */
const STARTED_STATES: readonly string[] = ['in_progress', 'awaiting_images', 'completed'];

/** Has a primary read in `state` begun? */
export const readHasStarted = (state: string | null): boolean =>
  state !== null && STARTED_STATES.includes(state);

/**
 * The study's latest primary read, locked until `trx` ends, and whether it has begun. A change
 * that must come before the read (the clinic's choice of programme) holds this lock while it
 * checks and writes, so a claim of the same task waits for it and then sees the change, or
 * commits first and the change is refused.
 */
export async function lockStudyPrimaryRead(
  trx: Db,
  studyId: string,
): Promise<{ taskId: string; state: string; started: boolean } | null> {
  const t = await trx
    .selectFrom('reading_tasks')
    .select(['id', 'state'])
    .where('study_id', '=', studyId)
    .where('type', '=', 'primary_read')
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  return t ? { taskId: t.id, state: t.state, started: readHasStarted(t.state) } : null;
}
