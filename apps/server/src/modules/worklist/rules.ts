import { DEFAULT_ROUTING_RULES, RoutingRules } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { changeRoutingInputs } from './reevaluate';

/** The `settings` key the routing rules are stored under. */
export const ROUTING_RULES_KEY = 'worklist.routing';

/** Where the rules in force came from; recorded with each routing decision. */
export type RulesSource = 'defaults' | 'settings' | 'invalid_settings';

/**
 * The routing rules in force: the stored `worklist.routing` setting, with defaults for fields
 * never saved. A stored value that no longer parses (e.g. written by a newer version) must not
 * stop studies from being routed, so it falls back to the defaults and says so in `source`.
 */
export async function getRoutingRules(
  db: Db,
): Promise<{ rules: RoutingRules; source: RulesSource }> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', ROUTING_RULES_KEY)
    .executeTakeFirst();
  if (!row) return { rules: DEFAULT_ROUTING_RULES, source: 'defaults' };
  const parsed = RoutingRules.safeParse(row.value);
  return parsed.success
    ? { rules: parsed.data, source: 'settings' }
    : { rules: DEFAULT_ROUTING_RULES, source: 'invalid_settings' };
}

/**
 * Saves the routing rules (already validated against `RoutingRules`) after checking that every
 * centre and clinic they name exists, and audits the change with the rules before and after.
 * Unknown references answer VALIDATION_FAILED with the path of each offending field. Waiting
 * tasks are routed again under the new rules in the same transaction (`changeRoutingInputs`).
 */
export async function putRoutingRules(
  ctx: ServiceContext,
  rules: RoutingRules,
): Promise<RoutingRules> {
  const [centres, clinics] = await Promise.all([
    ctx.db.selectFrom('centres').select('id').execute(),
    ctx.db.selectFrom('clinics').select('id').execute(),
  ]);
  const centreIds = new Set(centres.map((c) => c.id));
  const clinicIds = new Set(clinics.map((c) => c.id));
  const problems: { path: string; message: string }[] = [];
  for (const [clinicId, centreId] of Object.entries(rules.pinnedCentreByClinic)) {
    if (!clinicIds.has(clinicId))
      problems.push({ path: `pinnedCentreByClinic.${clinicId}`, message: 'no such clinic' });
    if (!centreIds.has(centreId))
      problems.push({ path: `pinnedCentreByClinic.${clinicId}`, message: 'no such centre' });
  }
  rules.priorityOverrides.forEach((o, i) => {
    if (!centreIds.has(o.centreId))
      problems.push({ path: `priorityOverrides.${i}.centreId`, message: 'no such centre' });
  });
  for (const clinicId of Object.keys(rules.slaMinutes.byClinic))
    if (!clinicIds.has(clinicId))
      problems.push({ path: `slaMinutes.byClinic.${clinicId}`, message: 'no such clinic' });
  if (problems.length) throw appError('VALIDATION_FAILED', problems);

  return changeRoutingInputs(ctx.db, async (trx) => {
    const before = await getRoutingRules(trx);
    const value = JSON.stringify(rules);
    await trx
      .insertInto('settings')
      .values({ key: ROUTING_RULES_KEY, value, updated_at: new Date() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
      .execute();
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'settings.routing.update',
        outcome: 'success',
        resourceType: 'settings',
        resourceId: ROUTING_RULES_KEY,
        details: { before: before.rules, after: rules },
      },
    );
    return rules;
  });
}
