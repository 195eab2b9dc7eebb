import type { SecuritySettings } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { createCentre } from '../centres';
import { createClinic, updateClinic } from '../clinics';
import { seedDemoOnboarding } from '../onboarding';
import { createUser } from '../users';
import { DEMO_ACCOUNTS, DEMO_CENTRES, DEMO_CLINICS, DEMO_PASSWORD } from './organisation';
import { withDemoOpenWindow } from './openWindow';

/**
 * Seeds the demo organisation through the same services an administrator uses, so the seed is
 * validated and audited like any change. Idempotent: what exists (matched by centre name, clinic
 * code or username) is kept as it is, so re-running demo on the same data keeps every change.
 *
 * With `openFrom`, each centre it creates is open around the clock from that instant for
 * DEMO_OPEN_HOURS (see `withDemoOpenWindow`), so `npm run demo` works at any hour; tests that
 * need the plain service hours leave it out.
 */
export async function seedDemo(
  db: Db,
  opts: { openFrom?: Date } = {},
): Promise<{ created: string[] }> {
  const ctx: ServiceContext = { actor: null, requestId: 'demo-seed', ip: null, db };
  const created: string[] = [];

  const centreIds: Record<string, string> = {};
  for (const { key, ...c } of DEMO_CENTRES) {
    const found = await db
      .selectFrom('centres')
      .select('id')
      .where('name', '=', c.name)
      .executeTakeFirst();
    const centre = opts.openFrom ? withDemoOpenWindow(c, opts.openFrom) : c;
    centreIds[key] = found?.id ?? (await createCentre(ctx, centre)).id;
    if (!found) created.push(`centre ${c.name}`);
  }

  const clinicIds: Record<string, string> = {};
  for (const { centre, ...c } of DEMO_CLINICS) {
    const found = await db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', c.code)
      .executeTakeFirst();
    clinicIds[c.code] =
      found?.id ?? (await createClinic(ctx, { ...c, homeCentreId: centreIds[centre]! })).id;
    if (!found) created.push(`clinic ${c.code}`);
  }

  for (const a of DEMO_ACCOUNTS) {
    const found = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', a.username)
      .executeTakeFirst();
    if (found) continue;
    const user = await createUser(ctx, {
      username: a.username,
      displayName: a.displayName,
      roles: a.roles,
      credentials: a.credentials ?? null,
      clinicIds: (a.clinics ?? []).map((code) => clinicIds[code]!),
      password: DEMO_PASSWORD,
    });
    created.push(`user ${a.username}`);
    for (const code of a.assists ?? []) {
      const current = await db
        .selectFrom('clinic_assistants')
        .select('user_id')
        .where('clinic_id', '=', clinicIds[code]!)
        .execute();
      await updateClinic(ctx, clinicIds[code]!, {
        assistantIds: [...current.map((r) => r.user_id), user.id],
      });
    }
  }

  // The onboarding and pilot demo clinics, created just now, get partly worked checklists.
  const support = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'support')
    .executeTakeFirst();
  if (support)
    await seedDemoOnboarding(
      db,
      {
        onboarding: created.includes('clinic DEMO4') ? clinicIds.DEMO4 : undefined,
        pilot: created.includes('clinic DEMO3') ? clinicIds.DEMO3 : undefined,
      },
      support.id,
    );

  // Demo accounts are not forced to use MFA (DESIGN.md); saved settings win on re-runs.
  await db
    .insertInto('settings')
    .values({
      key: 'security',
      value: JSON.stringify({
        mfaRequiredRoles: [],
        sessionIdleMinutes: 120,
        lockoutThreshold: 5,
        lockoutMinutes: 15,
        mfaOnSign: false,
      } satisfies SecuritySettings),
      updated_at: new Date(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return { created };
}
