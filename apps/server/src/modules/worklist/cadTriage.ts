import { PRIORITIES, type Priority } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { taskDueAt } from './dueTime';
import { getRoutingRules } from './rules';
import { recordRoutingDecision } from './tasks';

/** The facts of a CAD score at or past its triage threshold (docs/adr/0027). */
export interface CadTriageFacts {
  studyId: string;
  resultId: string;
  product: string;
  version: string;
  score: number;
  triageThreshold: number;
  programme: string;
  now: Date;
}

/** What the triage rule did to the study's read, and why, in words for the routing record. */
export interface CadTriageOutcome {
  raised: boolean;
  taskId: string | null;
  reason: string;
}

/**
 * The CAD triage routing rule, in the caller's transaction (the one storing the result): a score
 * at or past its version's calibrated triage threshold raises the study's open, not yet claimed
 * primary read to the rules' `cadTriage.raiseTo` priority, retimes it, says why in the task's
 * priority reason and records a `cad_triage` routing decision. It never lowers a priority, and
 * does nothing when an administrator turned the rule off. Callers pass only triage-band scores:
 * an uncalibrated score never reaches it.
 */
export async function raiseForCadTriage(trx: Db, f: CadTriageFacts): Promise<CadTriageOutcome> {
  const { rules } = await getRoutingRules(trx);
  if (!rules.cadTriage.enabled)
    return { raised: false, taskId: null, reason: 'CAD triage is turned off in the routing rules' };
  const task = await trx
    .selectFrom('reading_tasks')
    .select(['id', 'state', 'priority', 'queued_at', 'clinic_id', 'study_id', 'centre_id'])
    .where('study_id', '=', f.studyId)
    .where('type', '=', 'primary_read')
    .where('state', 'in', ['waiting', 'queued'])
    .forUpdate()
    .executeTakeFirst();
  if (!task) return { raised: false, taskId: null, reason: 'no read waits in the queue' };
  const to: Priority = rules.cadTriage.raiseTo;
  const from = task.priority as Priority;
  if (PRIORITIES.indexOf(from) <= PRIORITIES.indexOf(to))
    return { raised: false, taskId: task.id, reason: `the read is already ${from}` };
  const reason =
    `CAD triage: ${f.product} ${f.version} scored ${f.score}, at or past the ${f.programme} ` +
    `triage threshold ${f.triageThreshold}; raised from ${from} to ${to}`;
  // The task's reason is shown to its reader (worklist, viewer header), who may be reading blind
  // first (docs/adr/0043): it says that CAD raised the read, never the score. The routing
  // decision keeps the whole reason for QA.
  const taskReason = `CAD triage: ${f.product} ${f.version} scored in the ${f.programme} triage band; raised from ${from} to ${to}`;
  await trx
    .updateTable('reading_tasks')
    .set({
      priority: to,
      priority_reason: taskReason,
      due_at: task.queued_at && (await taskDueAt(trx, task, to, task.queued_at)),
    })
    .where('id', '=', task.id)
    .execute();
  await recordRoutingDecision(trx, {
    taskId: task.id,
    at: f.now,
    centreId: task.centre_id,
    decision: 'cad_triage',
    reason,
    details: {
      from,
      to,
      cadResultId: f.resultId,
      product: f.product,
      version: f.version,
      score: f.score,
      triageThreshold: f.triageThreshold,
      programme: f.programme,
    },
  });
  return { raised: true, taskId: task.id, reason };
}
