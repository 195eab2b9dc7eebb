import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db';
import { hashPassword } from '../auth';

/**
 * Outside demo mode, a database with no accounts gets one `admin`. Its password comes from
 * TELERAD_ADMIN_PASSWORD or is generated and returned, to be printed once.
 */
export async function bootstrapAdmin(
  db: Db,
  password: string | undefined,
): Promise<{ generatedPassword: string | null } | null> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const pw = password ?? randomBytes(15).toString('base64url');
  const made = await db
    .insertInto('users')
    .values({
      username: 'admin',
      display_name: 'Administrator',
      roles: ['admin'],
      password_hash: await hashPassword(pw),
      updated_at: new Date(),
      locked_until: null,
      last_login_at: null,
      email: null,
      credentials: null,
    })
    // Two nodes starting on an empty database at once: the second finds the first's admin.
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!made) return null;
  return { generatedPassword: password ? null : pw };
}
