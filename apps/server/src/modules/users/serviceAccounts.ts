import type { Db } from '../../platform/db';

/**
 * A password hash no password verifies against (argon2 refuses it as malformed): the account has
 * no password, so sign-in and HTTP Basic can never open it.
 */
const NO_PASSWORD = '!service-account';

/** Inserts a service account of `service`: no role, no usable password, member of `clinicIds`. */
async function insertServiceAccount(
  db: Db,
  a: {
    service: 'gateway' | 'cad';
    username: string;
    displayName: string;
    clinicIds: readonly string[];
  },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      username: a.username,
      display_name: a.displayName,
      email: null,
      credentials: null,
      roles: [],
      password_hash: NO_PASSWORD,
      service: a.service,
      updated_at: new Date(),
      locked_until: null,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (a.clinicIds.length === 0) return row.id;
  await db
    .insertInto('user_clinics')
    .values(
      a.clinicIds.map((clinicId) => ({ user_id: row.id, clinic_id: clinicId, manager: false })),
    )
    .execute();
  return row.id;
}

/**
 * Creates a clinic gateway's service account on the caller's transaction (docs/adr/0033): no
 * role, member of its one clinic (not a manager), no usable password, marked `service =
 * 'gateway'` so it acts by API token only and never appears as a person in account lists. The
 * caller audits the enrolment it belongs to.
 */
export function createGatewayAccount(
  db: Db,
  a: { clinicId: string; gatewayId: string; displayName: string },
): Promise<string> {
  return insertServiceAccount(db, {
    service: 'gateway',
    username: `gateway-${a.gatewayId}`,
    displayName: a.displayName,
    clinicIds: [a.clinicId],
  });
}

/** Renames a gateway's service account after its host name changes at re-enrolment. */
export async function renameGatewayAccount(
  db: Db,
  userId: string,
  displayName: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ display_name: displayName, updated_at: new Date() })
    .where('id', '=', userId)
    .where('service', '=', 'gateway')
    .execute();
}

/**
 * Creates a CAD integration's service account on the caller's transaction (docs/adr/0027): no
 * role, member of the clinics whose studies it may post results for (its clinic scope), no
 * usable password, marked `service = 'cad'` so it acts by API token only and holds exactly
 * `CAD_PERMISSIONS`. The caller audits the change it belongs to.
 */
export function createCadAccount(
  db: Db,
  a: { integrationId: string; displayName: string; clinicIds: readonly string[] },
): Promise<string> {
  return insertServiceAccount(db, {
    service: 'cad',
    username: `cad-${a.integrationId}`,
    displayName: a.displayName,
    clinicIds: a.clinicIds,
  });
}

/** The one username of the centre's own CAD model runner (docs/adr/0042). */
const CAD_RUNNER_USERNAME = 'cad-runner';

/**
 * The service account the centre's own CAD model runner acts as (docs/adr/0042), created the
 * first time a runner is configured and renamed after the model it runs: `service = 'cad'`, no
 * role, no clinic, no usable password and no token, so nothing outside the server's worker can
 * act as it. The audit trail names it on every result the runner writes. Answers its id and
 * whether it was created now (the caller audits that in the same transaction).
 */
export async function ensureCadRunnerAccount(
  db: Db,
  displayName: string,
): Promise<{ userId: string; created: boolean }> {
  const found = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', CAD_RUNNER_USERNAME)
    .executeTakeFirst();
  if (!found) {
    const userId = await insertServiceAccount(db, {
      service: 'cad',
      username: CAD_RUNNER_USERNAME,
      displayName,
      clinicIds: [],
    });
    return { userId, created: true };
  }
  if (found.display_name !== displayName)
    await db
      .updateTable('users')
      .set({ display_name: displayName, updated_at: new Date() })
      .where('id', '=', found.id)
      .execute();
  return { userId: found.id, created: false };
}
