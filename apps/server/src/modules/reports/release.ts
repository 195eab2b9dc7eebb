import type { ReportContent, ReportVersionKind, ViewerAnnotation } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { clinicStatusOf } from '../clinics';
import { alertOnRelease } from '../critical';
import { notifyEvent, studyFacts } from '../notifications';
import { completeTasksInTransaction, type TaskChange } from '../worklist';
import { readFinalised } from './finalised';
import type { ReleaseQueue } from './jobs';

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
 * Test-only fault points of a release. `afterRelease` runs between the report's release and the
 * completion of its tasks, inside the transaction, so a test can make that step fail and show
 * that nothing of the release is left behind. Production code never sets it.
 */
export const releaseFaults: { afterRelease: (() => void) | null } = { afterRelease: null };

/** What a release settles: the report, its version, and the tasks it completes. */
export interface Release {
  reportId: string;
  version: number;
  now: Date;
  /** The tasks the release finishes (the read, and the consultation that settled it). */
  completes: readonly string[];
}

/**
 * Releases a version to the clinic and completes the tasks it settles, all in the caller's
 * transaction (`ctx.db`): `released_at` (first release), `current_version`, the
 * `report.released` job (delivery starts exactly when it commits) and, through the worklist,
 * each task's completion with its turnaround and audit, and the clinic's `report.released`
 * notifications, and the critical alert of a flagged report. Either all of it commits or none: a
 * released report never waits behind an open task. Returns the task changes the caller
 * publishes once its transaction committed.
 */
export async function releaseAndComplete(
  ctx: ServiceContext,
  releases: ReleaseQueue,
  r: Release,
): Promise<TaskChange[]> {
  const before = await ctx.db
    .selectFrom('reports')
    .select(['study_id', 'clinic_id', 'released_at'])
    .where('id', '=', r.reportId)
    .executeTakeFirstOrThrow();
  // A report first released while its clinic is in pilot is a pilot report for good: it says so
  // to the clinic and is second-read (peer review's pilot rule reads this mark).
  const pilot = !before.released_at && (await clinicStatusOf(ctx.db, before.clinic_id)) === 'pilot';
  await ctx.db
    .updateTable('reports')
    .set((eb) => ({
      state: 'final',
      ...(pilot ? { pilot: true } : {}),
      released_at: eb.fn.coalesce('released_at', eb.val(r.now)),
      current_version: r.version,
      updated_at: r.now,
    }))
    .where('id', '=', r.reportId)
    .execute();
  await releases.enqueue(ctx.db, { reportId: r.reportId, version: r.version });
  const facts = await studyFacts(ctx.db, before.study_id);
  await notifyEvent(ctx.db, {
    kind: 'report.released',
    facts: {
      ...facts,
      reportId: r.reportId,
      // A later version (an addendum) is news of another kind than the first release.
      what: before.released_at ? 'Report updated' : 'Report ready',
    },
    key: `${r.reportId}:${r.version}`,
    clinicId: facts.clinicId,
  });
  // The first release makes the read final: what must follow it (peer-review sampling) commits here.
  const sampled = before.released_at ? [] : await readFinalised(ctx.db, r.reportId, r.now);
  // A report flagged critical alerts its clinic with its first release, in this transaction.
  await alertOnRelease(ctx.db, { reportId: r.reportId, now: r.now });
  releaseFaults.afterRelease?.();
  return [...(await completeTasksInTransaction(ctx, r.completes, r.now)), ...sampled];
}
