import { DEFAULT_MONITOR_SETTINGS, MonitorSettings } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';

/** The settings key of the network alert rules. */
export const MONITOR_SETTINGS_KEY = 'monitor';

/** The alert rules in force (the defaults for anything never saved, or saved unreadable). */
export async function getMonitorSettings(db: Db): Promise<MonitorSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', MONITOR_SETTINGS_KEY)
    .executeTakeFirst();
  const parsed = MonitorSettings.safeParse({ ...DEFAULT_MONITOR_SETTINGS, ...(row?.value ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_MONITOR_SETTINGS;
}

/** Saves the alert rules, audited in the same transaction (before and after). */
export async function putMonitorSettings(
  ctx: ServiceContext,
  value: MonitorSettings,
): Promise<MonitorSettings> {
  const r = await auditedTransaction(
    ctx,
    async (trx) => {
      const before = await getMonitorSettings(trx);
      const json = JSON.stringify(value);
      await trx
        .insertInto('settings')
        .values({ key: MONITOR_SETTINGS_KEY, value: json, updated_at: new Date() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
        .execute();
      return { before, after: value };
    },
    (x) => ({ resourceId: MONITOR_SETTINGS_KEY, details: x }),
  );
  return r.after;
}
