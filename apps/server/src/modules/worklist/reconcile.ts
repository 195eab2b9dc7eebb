import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db';
import { startPeriodic } from '../../platform/periodic';
import { resumeAfterNewImages } from './holds';
import { createPrimaryReadTask } from './tasks';

/** A position in the walk over stable studies, in `(stable_at, id)` order. */
export interface ReconcileCursor {
  /** `stable_at` as PostgreSQL wrote it: a Date would drop its microseconds and see a row twice. */
  stableAt: string;
  studyId: string;
}

/** What one reconciliation pass did. */
export interface ReconcileResult {
  /** Stable studies looked at in this pass. */
  examined: number;
  /** Tasks created for studies that had become stable without one (each logged as a warning). */
  repaired: string[];
  /** Studies without a primary read for which creation made no task (held, gone, raced). */
  skipped: number;
  /**
   * Reads held for images that were queued again: their study re-stabilised with new images but
   * the re-queue was missed (each logged as a warning).
   */
  requeued: string[];
  /** Where the next pass starts; the last study looked at, or the one given when none was. */
  cursor: ReconcileCursor | null;
}

/**
 * The repair half of the stable-study hand-off (DESIGN.md §2: "a reconciliation sweep can find
 * and repair any hand-off that was missed"). Looks at the next `batchSize` stable studies after
 * `cursor`, in `(stable_at, id)` order, that became stable at least `graceSeconds` ago by the
 * database clock (their `study.stable` job has had time to run), and creates the primary read
 * of each that has none in any state: an open read (also one awaiting a retake) or a finished
 * one (completed or cancelled) means the hand-off happened. A read held for images on a study
 * that re-stabilised is offered to `resumeAfterNewImages` (the re-queue hand-off, repaired the
 * same way). Creation goes through
 * `createPrimaryReadTask`, the one creation function; only a `created` outcome is a repair and is
 * logged, so a study that creation holds back on purpose is passed over quietly.
 *
 * A study's `stable_at` only moves forward (it is set again when new images re-stabilise it),
 * so a walk that starts from the beginning once and then follows the newest studies sees every
 * stable study; each pass reads at most `batchSize` rows of the `studies_stable` index
 * (migration 0013) and probes `reading_tasks_study` once per row. What must stay true: the
 * transaction that sets `stable_at` (to its own start time, `now()`) commits within the grace
 * period, or the walk may already have passed that instant when the study becomes visible.
 */
export async function reconcileStableStudies(
  db: Db,
  opts: {
    cursor: ReconcileCursor | null;
    log: Logger;
    now?: Date;
    graceSeconds?: number;
    batchSize?: number;
  },
): Promise<ReconcileResult> {
  const grace = opts.graceSeconds ?? 60;
  const limit = opts.batchSize ?? 10_000;
  const after = opts.cursor;
  // The batch is bounded by rows read, not rows found, so a pass costs the same whether the
  // history is clean or not; its last row always comes back, to carry the cursor forward.
  const { rows } = await sql<{
    id: string;
    study_uid: string;
    stable_at: Date;
    stable_key: string;
    num_instances: number;
    missing: boolean;
    held: boolean;
    n: number;
  }>`
    with batch as materialized (
      select id, study_uid, stable_at, num_instances from studies
      where stable_at is not null
        and stable_at <= now() - make_interval(secs => ${grace})
        ${after ? sql`and (stable_at, id) > (${after.stableAt}::timestamptz, ${after.studyId}::uuid)` : sql``}
      order by stable_at, id
      limit ${limit}
    ), marked as (
      select b.*,
        not exists (
          select 1 from reading_tasks t where t.study_id = b.id and t.type = 'primary_read'
        ) as missing,
        exists (
          select 1 from reading_tasks t
          where t.study_id = b.id and t.type = 'primary_read' and t.state = 'awaiting_images'
        ) as held,
        row_number() over (order by b.stable_at desc, b.id desc) as from_end
      from batch b
    )
    select id, study_uid, stable_at, stable_at::text as stable_key, num_instances, missing, held,
      (select count(*) from batch)::int as n
    from marked where missing or held or from_end = 1
    order by stable_at, id`.execute(db);

  const result: ReconcileResult = {
    examined: rows[0]?.n ?? 0,
    repaired: [],
    skipped: 0,
    requeued: [],
    cursor: after,
  };
  const last = rows.at(-1);
  if (last) result.cursor = { stableAt: last.stable_key, studyId: last.id };
  for (const s of rows.filter((r) => r.missing)) {
    const r = await createPrimaryReadTask(
      db,
      { studyId: s.id, stableAt: s.stable_at.toISOString(), numInstances: s.num_instances },
      opts.now ?? new Date(),
    );
    if (r.outcome !== 'created') {
      result.skipped++;
      continue;
    }
    result.repaired.push(r.taskId);
    opts.log.warn(
      { studyId: s.id, studyUid: s.study_uid, stableAt: s.stable_at, taskId: r.taskId },
      'stable study had no primary read: its hand-off to the worklist was missed; created it',
    );
  }
  // A read held for a retake whose study re-stabilised: the holder decides, as on the stable
  // path, whether the new images it waits for have arrived.
  for (const s of rows.filter((r) => r.held)) {
    const taskId = await resumeAfterNewImages(db, s.id, opts.now ?? new Date());
    if (!taskId) continue;
    result.requeued.push(taskId);
    opts.log.warn(
      { studyId: s.id, studyUid: s.study_uid, stableAt: s.stable_at, taskId },
      'a read held for new images was not queued again when they arrived; queued it',
    );
  }
  return result;
}

/**
 * Runs `reconcileStableStudies` every `intervalMs` (never overlapping) until stopped. The walk
 * starts at the oldest stable study and then keeps up with the newest, one batch a pass.
 */
export function startStableStudyReconciler(opts: {
  db: Db;
  log: Logger;
  intervalMs?: number;
  graceSeconds?: number;
  batchSize?: number;
}): { stop(): Promise<void> } {
  let cursor: ReconcileCursor | null = null;
  return startPeriodic(
    opts.intervalMs ?? 5000,
    async () => {
      cursor = (await reconcileStableStudies(opts.db, { ...opts, cursor })).cursor;
    },
    (err) => opts.log.error({ err }, 'stable-study reconciliation failed'),
  );
}
