import { sql } from 'kysely';
import type { Db } from '../../platform/db';

/**
 * The tag of a clinic's orders still waiting for their image (status `scheduled`) on the local days
 * `from`..`to` (inclusive), as `worklistEntries` reads them: an md5 over each order's id and
 * last change. Another order, a cancelled one or a changed one gives another tag,
 * so a caller polling with the tag it holds learns cheaply that nothing changed.
 */
export async function scheduledOrdersTag(
  db: Db,
  clinicId: string,
  from: string,
  to: string,
): Promise<string> {
  const row = await db
    .selectFrom('orders')
    .select(
      sql<string>`md5(${`${from}/${to}/`} || count(*) || '/' || coalesce(string_agg(id::text || '@' || extract(epoch from updated_at)::text, ',' order by id), ''))`.as(
        'tag',
      ),
    )
    .where('clinic_id', '=', clinicId)
    .where('status', '=', 'scheduled')
    .where('scheduled_date', '>=', from)
    .where('scheduled_date', '<=', to)
    .executeTakeFirstOrThrow();
  return row.tag;
}
