import type { GatewayEnrolment, GatewayEnrolRequest } from '@telerad/contracts';
import { auditWrite } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { replaceServiceToken } from '../auth';
import { createGatewayAccount, renameGatewayAccount } from '../users';
import { enrolCodeHash } from './codes';

/** Why a code that took no gateway was refused: used, expired, or unknown (revoked voids it). */
async function refusalOf(db: Db, hash: string): Promise<never> {
  const row = await db
    .selectFrom('gateways')
    .select(['enrol_code_used_at', 'enrol_code_expires_at'])
    .where('enrol_code_hash', '=', hash)
    .executeTakeFirst();
  if (!row) throw appError('GATEWAY_CODE_INVALID');
  if (row.enrol_code_used_at) throw appError('GATEWAY_CODE_USED');
  throw appError('GATEWAY_CODE_EXPIRED');
}

/**
 * Exchanges a one-time enrolment code for the gateway's API token (docs/adr/0033). One UPDATE
 * takes the code (unused, unexpired, gateway not revoked), so of two concurrent uses exactly one
 * wins. In the same transaction: the gateway's service account is created on first enrolment,
 * every earlier token of it is revoked and one new token issued, and the enrolment is audited.
 */
export async function enrolGateway(
  ctx: ServiceContext,
  body: GatewayEnrolRequest,
): Promise<GatewayEnrolment> {
  const hash = enrolCodeHash(body.code);
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const g = await trx
      .updateTable('gateways')
      .set({
        enrol_code_used_at: now,
        enrolled_at: now,
        host_name: body.hostName,
        version: body.version,
      })
      .where('enrol_code_hash', '=', hash)
      .where('enrol_code_used_at', 'is', null)
      .where('enrol_code_expires_at', '>', now)
      .where('revoked_at', 'is', null)
      .returning(['id', 'clinic_id', 'service_user_id'])
      .executeTakeFirst();
    if (!g) return refusalOf(trx, hash);
    const clinic = await trx
      .selectFrom('clinics')
      .select('code')
      .where('id', '=', g.clinic_id)
      .executeTakeFirstOrThrow();
    const displayName = `Gateway ${body.hostName} (${clinic.code})`;
    let userId = g.service_user_id;
    if (userId) await renameGatewayAccount(trx, userId, displayName);
    else {
      userId = await createGatewayAccount(trx, {
        clinicId: g.clinic_id,
        gatewayId: g.id,
        displayName,
      });
      await trx
        .updateTable('gateways')
        .set({ service_user_id: userId })
        .where('id', '=', g.id)
        .execute();
    }
    const { token, tokenId } = await replaceServiceToken(trx, userId, `gateway ${body.hostName}`);
    await auditWrite(ctx, trx, {
      resourceId: g.id,
      clinicId: g.clinic_id,
      details: { hostName: body.hostName, version: body.version, tokenId, serviceUserId: userId },
    });
    return { gatewayId: g.id, clinicId: g.clinic_id, clinicCode: clinic.code, token };
  });
}
