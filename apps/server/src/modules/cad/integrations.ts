import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { replaceServiceToken } from '../auth';
import { createCadAccount } from '../users';

/** A new CAD integration and its API token (shown once). */
export interface CadIntegrationCreated {
  id: string;
  name: string;
  clinicIds: string[];
  token: string;
}

/**
 * Sets up a CAD's integration (docs/adr/0027): its own service account, holding only
 * `cad:results:write` and scoped to `clinicIds` (the clinics whose studies it may post results
 * for), and one API token for the webhook, answered once. Audited in its transaction; unknown
 * clinics answer VALIDATION_FAILED and create nothing.
 */
export async function createCadIntegration(
  ctx: ServiceContext,
  body: { name: string; clinicIds: readonly string[] },
): Promise<CadIntegrationCreated> {
  const clinicIds = [...new Set(body.clinicIds)];
  const known = await ctx.db
    .selectFrom('clinics')
    .select('id')
    .where('id', 'in', clinicIds)
    .execute();
  const knownIds = new Set(known.map((c) => c.id));
  const unknown = clinicIds.filter((id) => !knownIds.has(id));
  if (unknown.length)
    throw appError(
      'VALIDATION_FAILED',
      unknown.map((id) => ({
        path: `clinicIds.${clinicIds.indexOf(id)}`,
        message: 'no such clinic',
      })),
    );
  return auditedTransaction(
    ctx,
    async (trx) => {
      const id = crypto.randomUUID();
      const userId = await createCadAccount(trx, {
        integrationId: id,
        displayName: body.name,
        clinicIds,
      });
      await trx
        .insertInto('cad_integrations')
        .values({
          id,
          name: body.name,
          service_user_id: userId,
          created_by: ctx.actor?.userId ?? null,
        })
        .execute();
      const { token } = await replaceServiceToken(trx, userId, `CAD integration ${body.name}`);
      return { id, name: body.name, clinicIds, token };
    },
    (r) => ({ resourceId: r.id, details: { name: r.name, clinicIds: r.clinicIds } }),
  );
}
