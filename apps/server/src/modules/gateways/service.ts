import type { GatewayEnrolmentCode, GatewaySummary } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { clinicScope, revokeServiceTokens } from '../auth';
import { ENROL_CODE_TTL_MS, enrolCodeHash, newEnrolCode } from './codes';
import { listGatewayRows, loadGatewayRow, toSummary } from './repo';

/** Why a change to gateway `id` took no row: it is revoked, or there is no such gateway. */
async function refusal(db: Db, id: string): Promise<never> {
  throw (await loadGatewayRow(db, id)) ? appError('GATEWAY_REVOKED') : appError('NOT_FOUND');
}

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** The gateways of the caller's clinics, or of one of them, newest first. */
export async function listGateways(
  ctx: ServiceContext,
  clinicId?: string,
): Promise<GatewaySummary[]> {
  const rows = await listGatewayRows(ctx.db, clinicScope(actorOf(ctx)), clinicId);
  const now = new Date();
  return rows.map((r) => toSummary(r, now));
}

/**
 * Adds a gateway to a clinic with a one-time enrolment code, answered once: only its hash is
 * kept. Audited in the write's transaction.
 */
export async function createGateway(
  ctx: ServiceContext,
  clinicId: string,
  name: string,
): Promise<GatewayEnrolmentCode> {
  const actor = actorOf(ctx);
  const clinic = await ctx.db
    .selectFrom('clinics')
    .select('id')
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!clinic) throw appError('NOT_FOUND');
  const code = newEnrolCode();
  const expiresAt = new Date(Date.now() + ENROL_CODE_TTL_MS);
  const row = await auditedTransaction(
    ctx,
    async (trx) => {
      const { id } = await trx
        .insertInto('gateways')
        .values({
          clinic_id: clinicId,
          name,
          enrol_code_hash: enrolCodeHash(code),
          enrol_code_expires_at: expiresAt,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await loadGatewayRow(trx, id))!;
    },
    (r) => ({ resourceId: r.id, clinicId, details: { name, codeExpiresAt: expiresAt } }),
  );
  return { gateway: toSummary(row), code, expiresAt: expiresAt.toISOString() };
}

/**
 * Rotates a gateway's credential by a new one-time enrolment code (docs/adr/0033): the gateway
 * re-enrols with it (`telerad-gateway enrol --force --code`), which replaces its token, so the
 * old token works until the new one is issued and not a moment after. An unused earlier code
 * stops working at once.
 */
export async function rotateGateway(
  ctx: ServiceContext,
  id: string,
): Promise<GatewayEnrolmentCode> {
  actorOf(ctx);
  const code = newEnrolCode();
  const expiresAt = new Date(Date.now() + ENROL_CODE_TTL_MS);
  const row = await auditedTransaction(
    ctx,
    async (trx) => {
      const updated = await trx
        .updateTable('gateways')
        .set({
          enrol_code_hash: enrolCodeHash(code),
          enrol_code_expires_at: expiresAt,
          enrol_code_used_at: null,
        })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!updated) return refusal(trx, id);
      return (await loadGatewayRow(trx, id))!;
    },
    (r) => ({ resourceId: r.id, clinicId: r.clinic_id, details: { codeExpiresAt: expiresAt } }),
  );
  return { gateway: toSummary(row), code, expiresAt: expiresAt.toISOString() };
}

/**
 * Revokes a gateway: its tokens stop working at once (the next request is refused with
 * TOKEN_REVOKED), a waiting enrolment code is voided, and it can never be enrolled again.
 */
export async function revokeGateway(ctx: ServiceContext, id: string): Promise<GatewaySummary> {
  actorOf(ctx);
  const row = await auditedTransaction(
    ctx,
    async (trx) => {
      const revoked = await trx
        .updateTable('gateways')
        .set({ revoked_at: new Date(), enrol_code_hash: null, enrol_code_expires_at: null })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning(['id', 'service_user_id'])
        .executeTakeFirst();
      if (!revoked) return refusal(trx, id);
      const tokens = revoked.service_user_id
        ? await revokeServiceTokens(trx, revoked.service_user_id)
        : 0;
      return { row: (await loadGatewayRow(trx, id))!, tokens };
    },
    (r) => ({ resourceId: r.row.id, clinicId: r.row.clinic_id, details: { tokens: r.tokens } }),
  );
  return toSummary(row.row);
}

/** The gateway a service account acts for, when it is live (not revoked). */
export async function gatewayOfAccount(
  db: Db,
  userId: string,
): Promise<{ id: string; clinic_id: string } | undefined> {
  return db
    .selectFrom('gateways as g')
    .select(['g.id', 'g.clinic_id'])
    .where('g.service_user_id', '=', userId)
    .where('g.revoked_at', 'is', null)
    .executeTakeFirst();
}
