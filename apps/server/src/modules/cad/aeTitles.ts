import type { CadAeTitles, CadObject } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';

/** Every CAD integration's calling AE titles, sorted, by integration id. */
export async function cadAeTitlesByIntegration(db: Db): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('cad_integration_ae_titles')
    .select(['integration_id', 'ae_title'])
    .orderBy('ae_title')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows)
    out.set(r.integration_id, [...(out.get(r.integration_id) ?? []), r.ae_title]);
  return out;
}

/**
 * Sets the calling AE titles a CAD integration sends DICOM objects from (docs/adr/0041),
 * replacing the ones it had; audited in its transaction with the titles before and after. An AE
 * title that a clinic or another integration uses answers CAD_AE_TITLE_TAKEN and changes
 * nothing: an arriving object must name exactly one sender.
 */
export async function setCadAeTitles(
  ctx: ServiceContext,
  integrationId: string,
  aeTitles: readonly string[],
): Promise<CadAeTitles> {
  const integration = await ctx.db
    .selectFrom('cad_integrations')
    .select('id')
    .where('id', '=', integrationId)
    .executeTakeFirst();
  if (!integration) throw appError('NOT_FOUND');
  return auditedTransaction(
    ctx,
    async (trx) => {
      const before = await trx
        .selectFrom('cad_integration_ae_titles')
        .select('ae_title')
        .where('integration_id', '=', integrationId)
        .execute();
      if (aeTitles.length) {
        const clinic = await trx
          .selectFrom('clinic_ae_titles')
          .select('ae_title')
          .where('ae_title', 'in', aeTitles)
          .executeTakeFirst();
        const other = await trx
          .selectFrom('cad_integration_ae_titles')
          .select('ae_title')
          .where('ae_title', 'in', aeTitles)
          .where('integration_id', '<>', integrationId)
          .executeTakeFirst();
        const taken = clinic?.ae_title ?? other?.ae_title;
        if (taken) throw appError('CAD_AE_TITLE_TAKEN', { aeTitle: taken });
      }
      await trx
        .deleteFrom('cad_integration_ae_titles')
        .where('integration_id', '=', integrationId)
        .execute();
      if (aeTitles.length)
        await trx
          .insertInto('cad_integration_ae_titles')
          .values(aeTitles.map((ae) => ({ ae_title: ae, integration_id: integrationId })))
          .execute();
      return { id: integrationId, aeTitles: [...aeTitles], before: before.map((b) => b.ae_title) };
    },
    (r) => ({ resourceId: r.id, details: { aeTitles: r.aeTitles, before: r.before } }),
  ).then(({ id, aeTitles: titles }) => ({ id, aeTitles: titles }));
}

/** A study's CAD objects, newest first, with what reading each gave. */
export async function listCadObjects(db: Db, studyId: string): Promise<CadObject[]> {
  const rows = await db
    .selectFrom('cad_objects as o')
    .innerJoin('cad_integrations as i', 'i.id', 'o.integration_id')
    .select([
      'o.sop_instance_uid',
      'o.sop_class_uid',
      'o.kind',
      'i.name',
      'o.outcome',
      'o.reason',
      'o.result_id',
      'o.received_at',
    ])
    .where('o.study_id', '=', studyId)
    .orderBy('o.received_at', 'desc')
    .execute();
  return rows.map((r) => ({
    sopInstanceUid: r.sop_instance_uid,
    sopClassUid: r.sop_class_uid,
    kind: r.kind,
    integration: r.name,
    outcome: r.outcome,
    reason: r.reason,
    resultId: r.result_id,
    receivedAt: r.received_at.toISOString(),
  }));
}
