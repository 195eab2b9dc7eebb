import {
  ClinicContact,
  type Clinic,
  type ClinicCreate,
  type ClinicUpdate,
} from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope, clinicScope } from '../auth';
import { forgetClinicStatus } from '../ingest';
import { changeRoutingInputs } from '../worklist';
import { adminStatusChange, clinicCreated } from './lifecycle';
import { loadClinics, replaceAeTitles, replaceAssistants, replaceContacts } from './repo';

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

async function checkReferences(db: Db, body: ClinicUpdate): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  if (body.aeTitles) {
    const dup = duplicates(body.aeTitles.map((a) => a.aeTitle));
    if (dup.length) problems.push({ path: 'aeTitles', message: `lists ${dup.join(', ')} twice` });
  }
  if (body.assistantIds?.length) {
    const found = await db
      .selectFrom('users')
      .select(['id', 'roles'])
      .where('id', 'in', body.assistantIds)
      .execute();
    const bad = body.assistantIds.filter(
      (id) => !found.some((f) => f.id === id && f.roles.includes('assistant')),
    );
    if (bad.length)
      problems.push({ path: 'assistantIds', message: 'must name users with the assistant role' });
  }
  if (body.homeCentreId) {
    const c = await db
      .selectFrom('centres')
      .select('id')
      .where('id', '=', body.homeCentreId)
      .executeTakeFirst();
    if (!c) problems.push({ path: 'homeCentreId', message: 'no such centre' });
  }
  if (problems.length) throw appError('VALIDATION_FAILED', problems);
}

/** The clinics the caller may see (a clinic user: only their own). */
export async function listClinics(ctx: ServiceContext): Promise<Clinic[]> {
  return loadClinics(ctx.db, clinicScope(actorOf(ctx)));
}

/** One clinic, through the clinic-scope check (404 outside the caller's clinics). */
export async function getClinic(ctx: ServiceContext, id: string): Promise<Clinic> {
  assertClinicScope(actorOf(ctx), id);
  const [clinic] = await loadClinics(ctx.db, [id]);
  if (!clinic) throw appError('NOT_FOUND');
  return clinic;
}

/**
 * Creates a clinic with its AE titles and assistants, and what its creation sets going (the
 * installed `onClinicCreated` work), in one transaction.
 */
export async function createClinic(ctx: ServiceContext, body: ClinicCreate): Promise<Clinic> {
  await checkReferences(ctx.db, body as ClinicUpdate);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('clinics')
      .values({
        code: body.code,
        name: body.name,
        country: body.country,
        time_zone: body.timeZone,
        home_centre_id: body.homeCentreId,
        programmes: [...new Set(body.programmes)],
        status: body.status ?? 'onboarding',
        language: body.language ?? 'en',
        order_policy: body.orderPolicy ?? 'none',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceAeTitles(
      trx,
      row.id,
      (body.aeTitles ?? []).map((a) => ({
        aeTitle: a.aeTitle,
        allowedNetworks: a.allowedNetworks ?? [],
      })),
    );
    await replaceAssistants(trx, row.id, body.assistantIds ?? []);
    await replaceContacts(trx, row.id, ClinicContact.array().parse(body.contacts ?? []));
    // What follows a new clinic (its onboarding checklist) commits with it.
    await clinicCreated(trx, { id: row.id });
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'clinic.create',
        outcome: 'success',
        resourceType: 'clinic',
        resourceId: row.id,
        clinicId: row.id,
        details: { code: body.code },
      },
    );
    const [clinic] = await loadClinics(trx, [row.id]);
    return clinic!;
  });
}

/**
 * Changes a clinic; lists given in the body replace the stored ones. Its home centre and
 * programmes route its waiting tasks, so they are routed again in the same transaction.
 */
export async function updateClinic(
  ctx: ServiceContext,
  id: string,
  body: ClinicUpdate,
): Promise<Clinic> {
  await checkReferences(ctx.db, body);
  const updated = await changeRoutingInputs(ctx.db, async (trx) => {
    const move = body.status !== undefined ? await adminStatusChange(trx, id, body.status) : null;
    const row = await trx
      .updateTable('clinics')
      .set({
        ...(body.code !== undefined ? { code: body.code } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.country !== undefined ? { country: body.country } : {}),
        ...(body.timeZone !== undefined ? { time_zone: body.timeZone } : {}),
        ...(body.homeCentreId !== undefined ? { home_centre_id: body.homeCentreId } : {}),
        ...(body.programmes !== undefined ? { programmes: [...new Set(body.programmes)] } : {}),
        ...(move?.set ?? {}),
        ...(body.language !== undefined ? { language: body.language } : {}),
        ...(body.orderPolicy !== undefined ? { order_policy: body.orderPolicy } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw appError('NOT_FOUND');
    if (body.aeTitles) await replaceAeTitles(trx, id, body.aeTitles);
    if (body.assistantIds) await replaceAssistants(trx, id, body.assistantIds);
    if (body.contacts) await replaceContacts(trx, id, body.contacts);
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: 'clinic.update',
        outcome: 'success',
        resourceType: 'clinic',
        resourceId: id,
        clinicId: id,
        details: {
          fields: Object.keys(body),
          status: body.status,
          ...(move?.set ? { from: move.from, to: move.set.status } : {}),
        },
      },
    );
    const [clinic] = await loadClinics(trx, [id]);
    return clinic!;
  });
  // Ingest caches clinic statuses briefly; a suspension here applies at once in this process.
  forgetClinicStatus(id);
  return updated;
}
