import type {
  CadForwardTarget,
  CadForwardTargetSet,
  CadIntegrationSummary,
} from '@telerad/contracts';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/types';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { ClinicScope } from '../auth';
import { cadAeTitlesByIntegration } from './aeTitles';

/**
 * Where a CAD integration's CAD takes images (docs/adr/0040): one target per integration, by
 * C-STORE to its AE or STOW-RS to its URL. Administrators set and clear it; the credential is
 * stored to be sent and never answered. Owns `cad_forward_targets`.
 */

type TargetRow = Selectable<Database['cad_forward_targets']>;

/** A target row as the API shows it: whether a credential is set, never the credential. */
export function toForwardTarget(r: TargetRow): CadForwardTarget {
  return {
    protocol: r.protocol,
    aeTitle: r.ae_title,
    host: r.host,
    port: r.port,
    url: r.url,
    auth: r.auth,
    credentialSet: r.credential !== null,
    enabled: r.enabled,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** CAD_INTEGRATION_UNKNOWN unless integration `id` exists; answers its name. */
async function integrationName(db: Db, id: string): Promise<string> {
  const row = await db
    .selectFrom('cad_integrations')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw appError('CAD_INTEGRATION_UNKNOWN');
  return row.name;
}

/** The forward target of integration `id`, or undefined when it has none. */
export function loadForwardTarget(db: Db, id: string): Promise<TargetRow | undefined> {
  return db
    .selectFrom('cad_forward_targets')
    .selectAll()
    .where('integration_id', '=', id)
    .executeTakeFirst();
}

/**
 * The CAD integrations whose clinics all lie in `scope`, each with its clinics (its service
 * account's clinic scope), its forward target and its forwarded images counted by state; oldest
 * first.
 */
export async function listCadIntegrations(
  db: Db,
  scope: ClinicScope,
): Promise<CadIntegrationSummary[]> {
  const [integrations, clinics, targets, counts, aeTitles] = await Promise.all([
    db
      .selectFrom('cad_integrations')
      .select(['id', 'name', 'service_user_id', 'created_at'])
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('user_clinics as uc')
      .innerJoin('cad_integrations as i', 'i.service_user_id', 'uc.user_id')
      .innerJoin('clinics as c', 'c.id', 'uc.clinic_id')
      .select(['i.id', 'uc.clinic_id', 'c.code'])
      .orderBy('c.code')
      .execute(),
    db.selectFrom('cad_forward_targets').selectAll().execute(),
    db
      .selectFrom('cad_forwards')
      .select(['integration_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['integration_id', 'state'])
      .execute(),
    cadAeTitlesByIntegration(db),
  ]);
  const clinicsOf = (id: string) => clinics.filter((c) => c.id === id).map((c) => c.clinic_id);
  // An integration is listed to those who hold all its clinics (as its scope resolver says).
  const visible = integrations.filter(
    (i) => scope === 'all' || clinicsOf(i.id).every((c) => scope.includes(c)),
  );
  return visible.map((i) => {
    const target = targets.find((t) => t.integration_id === i.id);
    const count = (state: string) =>
      Number(counts.find((c) => c.integration_id === i.id && c.state === state)?.n ?? 0);
    return {
      id: i.id,
      name: i.name,
      clinicIds: clinicsOf(i.id),
      clinicCodes: clinics.filter((c) => c.id === i.id).map((c) => c.code),
      createdAt: i.created_at.toISOString(),
      forward: target ? toForwardTarget(target) : null,
      forwards: { pending: count('pending'), sent: count('sent'), failed: count('failed') },
      aeTitles: aeTitles.get(i.id) ?? [],
    };
  });
}

/**
 * Sets (or replaces) integration `id`'s forward target, audited in its transaction with what
 * was set, never the credential. From then on its clinics' stable chest X-rays are forwarded
 * there while it is enabled; images already sent are not sent again.
 */
export async function setCadForwardTarget(
  ctx: ServiceContext,
  id: string,
  body: CadForwardTargetSet,
): Promise<CadForwardTarget> {
  const name = await integrationName(ctx.db, id);
  const values =
    body.protocol === 'dimse'
      ? {
          protocol: 'dimse' as const,
          ae_title: body.aeTitle,
          host: body.host,
          port: body.port,
          url: null,
          auth: 'none' as const,
          credential: null,
          enabled: body.enabled ?? true,
        }
      : {
          protocol: 'stow' as const,
          ae_title: null,
          host: null,
          port: null,
          url: body.url,
          auth: body.auth ?? 'none',
          credential: body.credential ?? null,
          enabled: body.enabled ?? true,
        };
  return auditedTransaction(
    ctx,
    async (trx) => {
      const row = await trx
        .insertInto('cad_forward_targets')
        .values({ integration_id: id, ...values, set_by: ctx.actor?.userId ?? null })
        .onConflict((oc) =>
          oc
            .column('integration_id')
            .doUpdateSet({ ...values, set_by: ctx.actor?.userId ?? null, updated_at: new Date() }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toForwardTarget(row);
    },
    (t) => ({
      resourceId: id,
      details: {
        integration: name,
        protocol: t.protocol,
        aeTitle: t.aeTitle,
        host: t.host,
        port: t.port,
        url: t.url,
        auth: t.auth,
        enabled: t.enabled,
      },
    }),
  );
}

/**
 * Clears integration `id`'s forward target: nothing more is sent to its CAD; images waiting to
 * be sent stay recorded and fail on their next attempt, telling support. Audited; clearing an
 * integration that has no target changes nothing and answers `cleared: false`.
 */
export async function clearCadForwardTarget(
  ctx: ServiceContext,
  id: string,
): Promise<{ cleared: boolean }> {
  const name = await integrationName(ctx.db, id);
  return auditedTransaction(
    ctx,
    async (trx) => {
      const gone = await trx
        .deleteFrom('cad_forward_targets')
        .where('integration_id', '=', id)
        .returning('integration_id')
        .executeTakeFirst();
      return { cleared: gone !== undefined };
    },
    (r) => ({ resourceId: id, details: { integration: name, cleared: r.cleared } }),
  );
}

/** Integration `id`'s target, or CAD_INTEGRATION_UNKNOWN / CAD_FORWARD_NOT_SET. */
export async function requireForwardTarget(db: Db, id: string): Promise<TargetRow> {
  await integrationName(db, id);
  const target = await loadForwardTarget(db, id);
  if (!target) throw appError('CAD_FORWARD_NOT_SET');
  return target;
}
