import { DEFAULT_ROUTING_RULES, RoutingRules } from '@telerad/contracts';
import type { Db } from '../../platform/db';

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
