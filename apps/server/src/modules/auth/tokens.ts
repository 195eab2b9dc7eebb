import type { ApiToken } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { randomSecret, safeEqual, sha256 } from './secrets';

/**
 * API tokens for machines (gateways, integrations): `trd_<id>_<secret>`. Only a SHA-256 of the
 * secret is stored; the id locates the row so verification is one indexed read.
 */
const FORMAT = /^trd_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

type Row = {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
};
const toApi = (r: Row): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});
const COLUMNS = [
  'id',
  'name',
  'prefix',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;

function me(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** Inserts a token row for `userId` (only the secret's hash); the token is in the answer only. */
async function insertToken(db: Db, userId: string, name: string, expiresAt: Date | null) {
  const secret = randomSecret(32);
  const id = crypto.randomUUID();
  const token = `trd_${id}_${secret}`;
  const row = await db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: userId,
      name,
      prefix: token.slice(0, 12),
      secret_hash: sha256(secret),
      expires_at: expiresAt,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { row, token, id };
}

/** Creates a token for the caller; the secret is in the answer only. */
export async function createToken(
  ctx: ServiceContext,
  name: string,
  expiresInDays: number | null,
): Promise<ApiToken & { token: string }> {
  const actor = me(ctx);
  const { row, token, id } = await insertToken(
    ctx.db,
    actor.userId,
    name,
    expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
  );
  await writeAudit(ctx, {
    action: 'auth.token.create',
    outcome: 'success',
    resourceType: 'token',
    resourceId: id,
    details: { name },
  });
  return { ...toApi(row), token };
}

/** The caller's tokens, newest first. */
export async function listTokens(ctx: ServiceContext): Promise<ApiToken[]> {
  const actor = me(ctx);
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(COLUMNS)
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toApi);
}

/** Revokes one of the caller's tokens (404 for anyone else's). */
export async function revokeToken(ctx: ServiceContext, id: string): Promise<void> {
  const actor = me(ctx);
  const r = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const exists = await ctx.db
      .selectFrom('api_tokens')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (!exists) throw appError('NOT_FOUND');
    return; // already revoked: idempotent
  }
  await writeAudit(ctx, {
    action: 'auth.token.revoke',
    outcome: 'success',
    resourceType: 'token',
    resourceId: id,
  });
}

/**
 * Replaces every token of a machine's service account with one new token, on the caller's
 * transaction (`db`): the gateway's previous credential stops working when the new one is
 * issued (docs/adr/0033). The caller audits the change it belongs to.
 */
export async function replaceServiceToken(
  db: Db,
  userId: string,
  name: string,
): Promise<{ tokenId: string; token: string }> {
  await revokeServiceTokens(db, userId);
  const { id, token } = await insertToken(db, userId, name, null);
  return { tokenId: id, token };
}

/** Revokes every live token of a machine's service account at once (the caller audits it). */
export async function revokeServiceTokens(db: Db, userId: string): Promise<number> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Resolves a bearer token to its user id; throws the precise reason it is refused. */
export async function verifyToken(
  db: Db,
  token: string,
): Promise<{ userId: string; tokenId: string }> {
  const m = FORMAT.exec(token);
  if (!m) throw appError('TOKEN_INVALID');
  const [, id, secret] = m as unknown as [string, string, string];
  const row = await db
    .selectFrom('api_tokens')
    .select(['user_id', 'secret_hash', 'revoked_at', 'expires_at', 'last_used_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !safeEqual(row.secret_hash, sha256(secret))) throw appError('TOKEN_INVALID');
  if (row.revoked_at) throw appError('TOKEN_REVOKED');
  if (row.expires_at && row.expires_at <= new Date()) throw appError('TOKEN_EXPIRED');
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date() })
      .where('id', '=', id)
      .execute();
  }
  return { userId: row.user_id, tokenId: id };
}
