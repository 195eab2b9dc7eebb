import { DEFAULT_SECOND_OPINION_SLA, SecondOpinionSla } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
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

/**
 * `PUT /api/settings/second-opinion`: saves the SLA (already validated), audited with the values
 * before and after in the same transaction. Questions asked from now on are due by it; open ones
 * keep the due time they were given.
 */
export async function putSecondOpinionSla(
  ctx: ServiceContext,
  value: SecondOpinionSla,
): Promise<SecondOpinionSla> {
  return auditedTransaction(
    ctx,
    async (trx) => {
      const before = await getSecondOpinionSla(trx);
      const json = JSON.stringify(value);
      await trx
        .insertInto('settings')
        .values({ key: SECOND_OPINION_SLA_KEY, value: json, updated_at: new Date() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
        .execute();
      return { before, after: value };
    },
    (r) => ({ resourceId: SECOND_OPINION_SLA_KEY, details: r }),
  ).then((r) => r.after);
}
