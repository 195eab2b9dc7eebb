import { Programme, type Priority } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { getRoutingRules, slaMinutesFor } from '../worklist';

/**
 * The due time of a task that joins the queue at `now` (a consultation, a read queued again
 * after a retake): a fresh SLA clock under the worklist's routing rules.
 */
export async function slaDueAt(
  db: Db,
  clinicId: string,
  priority: Priority,
  now: Date,
): Promise<Date> {
  const c = await db
    .selectFrom('clinics')
    .select(['id', 'code', 'home_centre_id', 'programmes'])
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  const { rules } = await getRoutingRules(db);
  const minutes = slaMinutesFor(
    rules,
    {
      id: c.id,
      code: c.code,
      homeCentreId: c.home_centre_id,
      programmes: c.programmes.flatMap((p) => {
        const r = Programme.safeParse(p);
        return r.success ? [r.data] : [];
      }),
    },
    priority,
  );
  return new Date(now.getTime() + minutes * 60_000);
}
