import type { Db } from '../../platform/db';
import { hashPassword } from '../auth';
import { replaceAeTitles, replaceAssistants } from '../clinics';
import { DEMO_ACCOUNTS, DEMO_CENTRES, DEMO_CLINICS, DEMO_PASSWORD } from './organisation';

/**
 * Seeds the demo organisation. Idempotent: what exists (matched by centre name, clinic code or
 * username) is kept as it is, so re-running demo on the same data keeps every change.
 */
export async function seedDemo(db: Db): Promise<{ created: string[] }> {
  const created: string[] = [];
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const centreIds: Record<string, string> = {};
    for (const c of DEMO_CENTRES) {
      const found = await trx
        .selectFrom('centres')
        .select('id')
        .where('name', '=', c.name)
        .executeTakeFirst();
      centreIds[c.key] =
        found?.id ??
        (
          await trx
            .insertInto('centres')
            .values({
              name: c.name,
              time_zone: c.timeZone,
              weekly_hours: JSON.stringify(c.weeklyHours),
              exceptions: JSON.stringify(c.exceptions),
              updated_at: new Date(),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      if (!found) created.push(`centre ${c.name}`);
    }
    const clinicIds: Record<string, string> = {};
    for (const c of DEMO_CLINICS) {
      const found = await trx
        .selectFrom('clinics')
        .select('id')
        .where('code', '=', c.code)
        .executeTakeFirst();
      if (found) {
        clinicIds[c.code] = found.id;
        continue;
      }
      const row = await trx
        .insertInto('clinics')
        .values({
          code: c.code,
          name: c.name,
          country: c.country,
          time_zone: c.timeZone,
          home_centre_id: centreIds[c.centre]!,
          programmes: c.programmes,
          status: c.status ?? 'live',
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceAeTitles(
        trx,
        row.id,
        (c.aeTitles ?? []).map((a) => ({
          aeTitle: a.aeTitle,
          allowedNetworks: a.allowedNetworks ?? [],
        })),
      );
      clinicIds[c.code] = row.id;
      created.push(`clinic ${c.code}`);
    }
    for (const a of DEMO_ACCOUNTS) {
      const found = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', a.username)
        .executeTakeFirst();
      if (found) continue;
      const row = await trx
        .insertInto('users')
        .values({
          username: a.username,
          display_name: a.displayName,
          roles: a.roles,
          credentials: a.credentials ?? null,
          password_hash: hash,
          updated_at: new Date(),
          locked_until: null,
          last_login_at: null,
          email: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const code of a.clinics ?? [])
        await trx
          .insertInto('user_clinics')
          .values({ user_id: row.id, clinic_id: clinicIds[code]! })
          .execute();
      created.push(`user ${a.username}`);
      if (a.username === 'assistant') {
        for (const code of ['DEMO1', 'DEMO2']) {
          const existing = await trx
            .selectFrom('clinic_assistants')
            .select('user_id')
            .where('clinic_id', '=', clinicIds[code]!)
            .execute();
          await replaceAssistants(trx, clinicIds[code]!, [
            ...existing.map((e) => e.user_id),
            row.id,
          ]);
        }
      }
    }
    // Demo accounts are not forced to use MFA (DESIGN.md); saved settings win on re-runs.
    await trx
      .insertInto('settings')
      .values({
        key: 'security',
        value: JSON.stringify({
          mfaRequiredRoles: [],
          sessionIdleMinutes: 120,
          lockoutThreshold: 5,
          lockoutMinutes: 15,
        }),
        updated_at: new Date(),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  });
  return { created };
}
