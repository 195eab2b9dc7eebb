import { CriticalSettings, DEFAULT_CRITICAL_SETTINGS } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';

/** The settings key of the escalation times. */
export const CRITICAL_SETTINGS_KEY = 'critical';

/** The escalation times in force (the defaults for anything never saved, or saved unreadable). */
export async function getCriticalSettings(db: Db): Promise<CriticalSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CRITICAL_SETTINGS_KEY)
    .executeTakeFirst();
  const parsed = CriticalSettings.safeParse({
    ...DEFAULT_CRITICAL_SETTINGS,
    ...(row?.value ?? {}),
  });
  return parsed.success ? parsed.data : DEFAULT_CRITICAL_SETTINGS;
}

/** Saves the escalation times, audited in the same transaction (before and after). */
export async function putCriticalSettings(
  ctx: ServiceContext,
  value: CriticalSettings,
): Promise<CriticalSettings> {
  return auditedTransaction(
    ctx,
    async (trx) => {
      const before = await getCriticalSettings(trx);
      const json = JSON.stringify(value);
      await trx
        .insertInto('settings')
        .values({ key: CRITICAL_SETTINGS_KEY, value: json, updated_at: new Date() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
        .execute();
      return { before, after: value };
    },
    (r) => ({ resourceId: CRITICAL_SETTINGS_KEY, details: r }),
  ).then((r) => r.after);
}

/** When an alert raised at `alertedAt` escalates next, given how far it has gone already. */
export function nextEscalationAt(
  s: CriticalSettings,
  alertedAt: Date,
  escalation: string,
): Date | null {
  const after =
    escalation === 'none'
      ? s.assistantsAfterMinutes
      : escalation === 'assistants'
        ? s.supervisorsAfterMinutes
        : null;
  return after === null ? null : new Date(alertedAt.getTime() + after * 60_000);
}
