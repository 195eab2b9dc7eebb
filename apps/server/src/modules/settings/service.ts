import { SecuritySettings } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { Db } from '../../platform/db';
import type { ServiceContext } from '../../platform/context';

/** Defaults for a production install: administrators must use MFA. */
export const DEFAULT_SECURITY: SecuritySettings = {
  mfaRequiredRoles: ['admin'],
  sessionIdleMinutes: 60,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  mfaOnSign: false,
};

/**
 * Every cookie-authenticated request reads these (idle timeout), so they are cached briefly per
 * database handle. A change made here clears the cache at once; another server process sees it
 * within the TTL.
 */
const CACHE_TTL_MS = 5000;
const cache = new WeakMap<Db, { value: SecuritySettings; at: number }>();

/** Reads the security settings (defaults for anything never saved). */
export async function getSecuritySettings(db: Db): Promise<SecuritySettings> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value;
  const value = await readSecuritySettings(db);
  cache.set(db, { value, at: Date.now() });
  return value;
}

async function readSecuritySettings(db: Db): Promise<SecuritySettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'security')
    .executeTakeFirst();
  const parsed = SecuritySettings.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_SECURITY, ...(parsed.success ? parsed.data : {}) };
}

/** Saves the security settings and audits the change. */
export async function putSecuritySettings(
  ctx: ServiceContext,
  value: SecuritySettings,
): Promise<SecuritySettings> {
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const before = await readSecuritySettings(trx);
    await trx
      .insertInto('settings')
      .values({ key: 'security', value: JSON.stringify(value), updated_at: new Date() })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }),
      )
      .execute();
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'settings.security.update',
        outcome: 'success',
        resourceType: 'settings',
        resourceId: 'security',
        details: { before, after: value },
      },
    );
    return value;
  });
  cache.delete(ctx.db); // after commit, so no reader caches the old value meanwhile
  return saved;
}
