import { DEFAULT_SECOND_OPINION_SLA, SecondOpinionSla } from '@telerad/contracts';
import type { Db } from '../../platform/db';

/** The `settings` key the second-opinion SLA is stored under. */
export const SECOND_OPINION_SLA_KEY = 'secondOpinion.sla';

/**
 * The second-opinion SLA in force: the stored setting, with defaults for fields never saved. A
 * stored value that no longer parses must not stop anyone asking, so it falls back to the
 * defaults.
 */
export async function getSecondOpinionSla(db: Db): Promise<SecondOpinionSla> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SECOND_OPINION_SLA_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_SECOND_OPINION_SLA;
  const parsed = SecondOpinionSla.safeParse(row.value);
  return parsed.success ? parsed.data : DEFAULT_SECOND_OPINION_SLA;
}
