import type { ReportContent, ReportVersionKind, ViewerAnnotation } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { completeTask } from '../worklist';
import { enqueueReleased } from './jobs';

/** One new version: what it says and who wrote it. */
export interface NewVersion {
  reportId: string;
  kind: ReportVersionKind;
  content: ReportContent;
  annotations: ViewerAnnotation[];
  addendum?: string | null;
  comment?: string | null;
  author: { id: string; name: string; credentials: string | null };
}

/**
 * Appends the next version of a report (the table is append-only) and returns its number. The
 * caller holds the report row lock, so version numbers never race.
 */
export async function appendVersion(trx: Db, v: NewVersion): Promise<number> {
  const last = await trx
    .selectFrom('report_versions')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('report_id', '=', v.reportId)
    .executeTakeFirst();
  const version = (last?.max ?? 0) + 1;
  await trx
    .insertInto('report_versions')
    .values({
      report_id: v.reportId,
      version,
      kind: v.kind,
      content: JSON.stringify(v.content),
      annotations: JSON.stringify(v.annotations),
      addendum: v.addendum ?? null,
      comment: v.comment ?? null,
      author_id: v.author.id,
      author_name: v.author.name,
      author_credentials: v.author.credentials,
    })
    .execute();
  return version;
}

/**
 * Releases `version` to the clinic: `released_at` (first release), `current_version`, and the
 * `report.released` job in the same transaction, so delivery starts exactly when it commits.
 */
export async function releaseVersion(
  trx: Db,
  reportId: string,
  version: number,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('reports')
    .set((eb) => ({
      state: 'final',
      released_at: eb.fn.coalesce('released_at', eb.val(now)),
      current_version: version,
      updated_at: now,
    }))
    .where('id', '=', reportId)
    .execute();
  await enqueueReleased(trx, { reportId, version });
}

/**
 * Completes the tasks a release settles, after the release committed. Completion is the
 * worklist's (turnaround, audit, `task.completed` event); a task already closed (completed or
 * cancelled meanwhile) is left as it is.
 */
export async function completeSettledTasks(
  ctx: ServiceContext,
  taskIds: readonly string[],
  now: Date,
): Promise<void> {
  for (const id of taskIds) {
    try {
      await completeTask(ctx, id, { now });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'TASK_CLOSED' && code !== 'TASK_NOT_CLAIMABLE') throw err;
    }
  }
}
