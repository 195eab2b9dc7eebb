import type { Hl7Destination, Hl7DestinationInput, Hl7DestinationUpdate } from '@telerad/contracts';
import { sql, type Selectable } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Database } from '../../db/types';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';

/**
 * A clinic's HL7 result destinations (ADR 0019): where each released report goes as an
 * ORU^R01 over MLLP. Admins manage them; support reads them. Owns `clinic_hl7_destinations`.
 */

type Row = Selectable<Database['clinic_hl7_destinations']>;

function toDestination(r: Row): Hl7Destination {
  return {
    id: r.id,
    clinicId: r.clinic_id,
    host: r.host,
    port: r.port,
    receivingApplication: r.receiving_application,
    receivingFacility: r.receiving_facility,
    enabled: r.enabled,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/** NOT_FOUND unless clinic `clinicId` exists. */
async function assertClinicExists(db: Db, clinicId: string): Promise<void> {
  const clinic = await db
    .selectFrom('clinics')
    .select('id')
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!clinic) throw appError('NOT_FOUND');
}

/** A clinic's HL7 destinations, oldest first. */
export async function listHl7Destinations(
  ctx: ServiceContext,
  clinicId: string,
): Promise<Hl7Destination[]> {
  assertClinicScope(actorOf(ctx), clinicId);
  await assertClinicExists(ctx.db, clinicId);
  const rows = await ctx.db
    .selectFrom('clinic_hl7_destinations')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toDestination);
}

/** Registers an HL7 destination for a clinic, audited in its transaction. */
export async function createHl7Destination(
  ctx: ServiceContext,
  clinicId: string,
  input: Hl7DestinationInput,
): Promise<Hl7Destination> {
  assertClinicScope(actorOf(ctx), clinicId);
  const row = await auditedTransaction(
    ctx,
    async (trx) => {
      await assertClinicExists(trx, clinicId);
      return trx
        .insertInto('clinic_hl7_destinations')
        .values({
          clinic_id: clinicId,
          host: input.host,
          port: input.port,
          receiving_application: input.receivingApplication,
          receiving_facility: input.receivingFacility ?? '',
          enabled: input.enabled ?? true,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    (r) => ({ resourceId: r.id, clinicId, details: describe(r) }),
  );
  return toDestination(row);
}

/** Changes an HL7 destination (only the fields given), audited with before and after. */
export async function updateHl7Destination(
  ctx: ServiceContext,
  id: string,
  patch: Hl7DestinationUpdate,
): Promise<Hl7Destination> {
  actorOf(ctx);
  const out = await auditedTransaction(
    ctx,
    async (trx) => {
      const before = await trx
        .selectFrom('clinic_hl7_destinations')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw appError('NOT_FOUND');
      assertClinicScope(actorOf(ctx), before.clinic_id);
      const after = await trx
        .updateTable('clinic_hl7_destinations')
        .set({
          ...(patch.host !== undefined ? { host: patch.host } : {}),
          ...(patch.port !== undefined ? { port: patch.port } : {}),
          ...(patch.receivingApplication !== undefined
            ? { receiving_application: patch.receivingApplication }
            : {}),
          ...(patch.receivingFacility !== undefined
            ? { receiving_facility: patch.receivingFacility }
            : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { before, after };
    },
    ({ before, after }) => ({
      resourceId: id,
      clinicId: after.clinic_id,
      details: { before: describe(before), after: describe(after) },
    }),
  );
  return toDestination(out.after);
}

/**
 * Removes an HL7 destination, audited. Its deliveries stay on record; their retries fail with
 * "the HL7 destination was removed".
 */
export async function deleteHl7Destination(ctx: ServiceContext, id: string): Promise<void> {
  actorOf(ctx);
  await auditedTransaction(
    ctx,
    async (trx) => {
      const row = await trx
        .deleteFrom('clinic_hl7_destinations')
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw appError('NOT_FOUND');
      assertClinicScope(actorOf(ctx), row.clinic_id);
      return row;
    },
    (r) => ({ resourceId: id, clinicId: r.clinic_id, details: describe(r) }),
  );
}

/** What the audit trail keeps of a destination. */
function describe(r: Row) {
  return {
    host: r.host,
    port: r.port,
    receivingApplication: r.receiving_application,
    receivingFacility: r.receiving_facility,
    enabled: r.enabled,
  };
}
