import type { ReadingStatus } from '@telerad/contracts';
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db';

/*
 * The one derivation of a task's reading status (`ReadingStatus`): the worklist, the studies
 * list, the clinic's home and the study page all read it from here, so none can disagree.
 * The fragments expect the task table under the alias `t`.
 */

/** A `waiting` task whose centre opening has passed is queued, even before the sweep promotes it. */
export const isDueWaiting = (now: Date) =>
  sql<SqlBool>`(t.state = 'waiting' and t.queued_at <= ${now})`;

/**
 * A primary read held for consultation: its reader signed, the report waits for a consultant,
 * so the read stays claimed (without a heartbeat) while its consultation task is open. The
 * child predicate is the one of the partial index `reading_tasks_one_open_consultation`.
 */
export const isHeldForConsultation = sql<SqlBool>`(t.type = 'primary_read'
  and t.state = 'in_progress'
  and exists (select 1 from reading_tasks k
              where k.parent_task_id = t.id and k.type = 'consultation'
                and k.state not in ('completed', 'cancelled')))`;

/** In progress and not held: someone is reading it (the worklist's "In progress"). */
export const isBeingRead = sql<SqlBool>`(t.state = 'in_progress' and not ${isHeldForConsultation})`;

/** The task's reading status at `now`. */
export const readingStatus = (now: Date) =>
  sql<ReadingStatus>`case when ${isHeldForConsultation} then 'held_for_consultation'
    when ${isDueWaiting(now)} then 'queued' else t.state end`;

/**
 * The reading status of each study, from its latest primary read (a study has at most one
 * open); studies with none yet (still arriving, or not stable) are absent from the map.
 */
export async function studyReadingStatuses(
  db: Db,
  studyIds: readonly string[],
  now: Date = new Date(),
): Promise<Map<string, ReadingStatus>> {
  if (studyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reading_tasks as t')
    .select(['t.study_id', readingStatus(now).as('status')])
    .distinctOn('t.study_id')
    .where('t.study_id', 'in', studyIds)
    .where('t.type', '=', 'primary_read')
    .orderBy('t.study_id')
    .orderBy('t.created_at', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.study_id, r.status]));
}
