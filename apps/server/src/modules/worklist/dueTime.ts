import type { Priority } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { chosenProgramme } from '../portal';
import { dueAtFor } from './routingData';

/** The task a due time is computed for: its study (whose programme counts) and its clinic. */
export interface TimedTask {
  study_id: string;
  clinic_id: string;
}

/**
 * The one recomputation of a routed task's due time: `from` plus the SLA target of `priority`
 * for its clinic and the receiving programme the clinic chose for its study (every programme
 * the clinic serves while it chose none). A priority change, a read queued again after a hold,
 * a read-now and a change of programme all come here, so a read chosen for a 600-minute
 * programme is never timed by a stricter programme it is not read for. Read in `db`, the
 * caller's transaction, so a choice made earlier in it counts.
 */
export async function taskDueAt(
  db: Db,
  task: TimedTask,
  priority: Priority,
  from: Date,
): Promise<Date> {
  return dueAtFor(db, task.clinic_id, priority, from, await chosenProgramme(db, task.study_id));
}
