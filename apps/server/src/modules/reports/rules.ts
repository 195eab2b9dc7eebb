import { ConsultationRules, DEFAULT_CONSULTATION_RULES } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';

/** The `settings` key the consultation rules are stored under. */
export const CONSULTATION_RULES_KEY = 'reports.consultationRules';

/**
 * The consultation rules in force: the stored setting, or the defaults when none was saved. A
 * stored value that no longer parses falls back to the defaults, so signing never stops and
 * complex cases are still held.
 */
export async function getConsultationRules(db: Db): Promise<ConsultationRules> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CONSULTATION_RULES_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_CONSULTATION_RULES;
  const parsed = ConsultationRules.safeParse(row.value);
  return parsed.success ? parsed.data : DEFAULT_CONSULTATION_RULES;
}

/** Saves the consultation rules (QA or admin) and audits the change with before and after. */
export async function putConsultationRules(
  ctx: ServiceContext,
  rules: ConsultationRules,
): Promise<ConsultationRules> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getConsultationRules(trx);
    const value = JSON.stringify(rules);
    await trx
      .insertInto('settings')
      .values({ key: CONSULTATION_RULES_KEY, value, updated_at: new Date() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
      .execute();
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'settings.consultation_rules.update',
        outcome: 'success',
        resourceType: 'settings',
        resourceId: CONSULTATION_RULES_KEY,
        details: { before, after: rules },
      },
    );
    return rules;
  });
}
