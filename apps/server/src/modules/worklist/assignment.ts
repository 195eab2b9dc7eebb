import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { announceAssignment } from './taskNotices';
import { CONSULTANT_TASK_TYPES } from './consultantOnly';
import { emitTaskEvents } from './events';

/** A reader push assignment may pick: how loaded they are and when they last got a task. */
export interface AssignmentCandidate {
  userId: string;
  /** Tasks in progress (claimed or assigned) right now. */
  load: number;
  /** Last push assignment; null when never assigned. */
  lastAssignedAt: Date | null;
}

/**
 * The push-assignment choice: the reader with the fewest tasks in progress; among equals, the
 * one assigned least recently (never assigned first), so equal loads rotate round-robin; the
 * user id breaks the last tie so the choice is deterministic. Null when nobody is on shift.
 */
export function chooseAssignee(candidates: readonly AssignmentCandidate[]): string | null {
  let best: AssignmentCandidate | null = null;
  for (const c of candidates) {
    if (!best || compare(c, best) < 0) best = c;
  }
  return best?.userId ?? null;
}

function compare(a: AssignmentCandidate, b: AssignmentCandidate): number {
  if (a.load !== b.load) return a.load - b.load;
  const ta = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const tb = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/** Queued, unassigned tasks at push-mode centres (STAT first, then earliest due). */
const PUSHABLE = sql<boolean>`t.state = 'queued' and t.assignee_id is null
  and exists (select 1 from centres c where c.id = t.centre_id and c.assignment_mode = 'push')`;

/** Options of {@link pushAssign}. */
export interface PushOptions {
  now: Date;
  /** Only these tasks (e.g. the one just created or released); all pushable tasks otherwise. */
  taskIds?: readonly string[];
  /** Readers not to hand these tasks to (the reader who just released one). */
  excludeUserIds?: readonly string[];
  /** Most tasks handled in one call (the sweep's batch). */
  limit?: number;
}

/**
 * Push assignment (centres in `push` mode): hands each queued, unassigned task to an on-shift
 * reader of its centre (a radiologist or consultant whose centre is that one, or who has no
 * centre), least loaded first, ties round-robin (see {@link chooseAssignee}). Returns the ids of
 * the tasks assigned.
 *
 * Safe with several server processes: each task is handled in its own transaction that locks
 * the task row (SKIP LOCKED, and re-checked as still queued and unassigned), then locks the
 * candidate readers' rows in id order before counting their load. Two assigners therefore never
 * take the same task, and never choose from a load count the other is about to change.
 */
export async function pushAssign(db: Db, opts: PushOptions): Promise<string[]> {
  if (opts.taskIds && opts.taskIds.length === 0) return [];
  let q = db
    .selectFrom('reading_tasks as t')
    .select('t.id')
    .where(PUSHABLE)
    .orderBy(
      sql`case t.priority when 'stat' then 0 when 'urgent' then 1 else 2 end, t.due_at asc nulls last, t.id`,
    )
    .limit(opts.limit ?? 200);
  if (opts.taskIds) q = q.where('t.id', 'in', [...opts.taskIds]);
  const ids = (await q.execute()).map((r) => r.id);
  const assigned: string[] = [];
  for (const id of ids) {
    const who = await assignOne(db, id, opts);
    if (who) assigned.push(id);
  }
  await emitTaskEvents(...assigned.map((taskId) => ({ type: 'task.assigned' as const, taskId })));
  return assigned;
}

/** One task, one transaction; the chosen reader's id, or null when nothing was done. */
async function assignOne(db: Db, taskId: string, opts: PushOptions): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('reading_tasks as t')
      .select(['t.id', 't.centre_id', 't.clinic_id', 't.type', 't.excluded_reader_id'])
      .where('t.id', '=', taskId)
      .where(PUSHABLE)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!task?.centre_id) return null;

    let readers = trx
      .selectFrom('users as u')
      .select(['u.id', 'u.last_assigned_at'])
      .where('u.active', '=', true)
      .where('u.on_shift', '=', true)
      .where(sql<boolean>`u.roles && array['radiologist', 'consultant']::text[]`)
      // Consultations and second opinions go to consultants only (issue 5 §4), as claiming does.
      .$if(CONSULTANT_TASK_TYPES.includes(task.type), (qb) =>
        qb.where(sql<boolean>`'consultant' = any(u.roles)`),
      )
      .where((eb) => eb.or([eb('u.centre_id', '=', task.centre_id), eb('u.centre_id', 'is', null)]))
      .orderBy('u.id')
      .forUpdate();
    // A review task never goes to the reader whose read it reviews.
    const excluded = [...(opts.excludeUserIds ?? [])];
    if (task.excluded_reader_id) excluded.push(task.excluded_reader_id);
    if (excluded.length) readers = readers.where('u.id', 'not in', excluded);
    const locked = await readers.execute();
    if (locked.length === 0) return null;

    // Counted after the locks: any assignment another process made to these readers committed.
    const loads = await trx
      .selectFrom('reading_tasks')
      .select(['assignee_id', sql<number>`count(*)::int`.as('n')])
      .where('state', '=', 'in_progress')
      .where(
        'assignee_id',
        'in',
        locked.map((r) => r.id),
      )
      .groupBy('assignee_id')
      .execute();
    const load = new Map(loads.map((l) => [l.assignee_id, l.n]));
    const chosen = chooseAssignee(
      locked.map((r) => ({
        userId: r.id,
        load: load.get(r.id) ?? 0,
        lastAssignedAt: r.last_assigned_at,
      })),
    );
    if (!chosen) return null;

    // No heartbeat yet: like a reassignment, the task does not lapse before its reader opens it.
    await trx
      .updateTable('reading_tasks')
      .set({ state: 'in_progress', assignee_id: chosen, claimed_at: opts.now, heartbeat_at: null })
      .where('id', '=', taskId)
      .execute();
    await trx
      .updateTable('users')
      .set({ last_assigned_at: opts.now })
      .where('id', '=', chosen)
      .execute();
    await announceAssignment(trx, taskId, chosen, opts.now);
    await writeAudit(
      { actor: null, requestId: 'push-assignment', ip: null, db: trx },
      {
        action: 'task.auto_assign',
        outcome: 'success',
        actorName: 'system',
        resourceType: 'task',
        resourceId: taskId,
        clinicId: task.clinic_id,
        details: {
          assigneeId: chosen,
          centreId: task.centre_id,
          load: load.get(chosen) ?? 0,
          candidates: locked.length,
        },
      },
    );
    return chosen;
  });
}
