import type { ClinicWebhook } from '@telerad/contracts';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { actorOf } from './service';
import { newWebhookSecret } from './webhook';

/** A clinic's webhook settings (admin); never the secret. */
export async function getClinicWebhook(
  ctx: ServiceContext,
  clinicId: string,
): Promise<ClinicWebhook> {
  assertClinicScope(actorOf(ctx), clinicId);
  const c = await ctx.db
    .selectFrom('clinics')
    .select(['webhook_url', 'webhook_secret', 'webhook_secret_set_at'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!c) throw appError('NOT_FOUND');
  return {
    url: c.webhook_url,
    secretSet: c.webhook_secret !== null,
    secretSetAt: c.webhook_secret_set_at?.toISOString() ?? null,
  };
}

/**
 * Sets or clears a clinic's webhook URL, audited. The first URL gets a secret generated here,
 * returned this once; clearing the URL keeps the secret for when a URL is set again.
 */
export async function setClinicWebhook(
  ctx: ServiceContext,
  clinicId: string,
  url: string | null,
): Promise<ClinicWebhook> {
  const before = await getClinicWebhook(ctx, clinicId);
  const secret = url && !before.secretSet ? newWebhookSecret() : undefined;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('clinics')
      .set({
        webhook_url: url,
        ...(secret ? { webhook_secret: secret, webhook_secret_set_at: sql<Date>`now()` } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', clinicId)
      .execute();
    await writeAudit(
      { ...ctx, db: tx },
      {
        action: 'clinic.webhook.update',
        outcome: 'success',
        resourceType: 'clinic',
        resourceId: clinicId,
        clinicId,
        details: { url, secretGenerated: Boolean(secret) },
      },
    );
  });
  return { ...(await getClinicWebhook(ctx, clinicId)), ...(secret ? { secret } : {}) };
}

/** Generates a new webhook secret (the old one stops working at once), shown this once. */
export async function rotateWebhookSecret(
  ctx: ServiceContext,
  clinicId: string,
): Promise<ClinicWebhook> {
  await getClinicWebhook(ctx, clinicId);
  const secret = newWebhookSecret();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('clinics')
      .set({ webhook_secret: secret, webhook_secret_set_at: sql<Date>`now()` })
      .where('id', '=', clinicId)
      .execute();
    await writeAudit(
      { ...ctx, db: tx },
      {
        action: 'clinic.webhook.rotate',
        outcome: 'success',
        resourceType: 'clinic',
        resourceId: clinicId,
        clinicId,
      },
    );
  });
  return { ...(await getClinicWebhook(ctx, clinicId)), secret };
}
