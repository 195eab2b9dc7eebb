import { OrderCreate, type Order, type OrderSource, type Programme } from '@telerad/contracts';
import { newUid } from '@telerad/dicom';
import { sql } from 'kysely';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { localDate } from '../centres';
import { personName, toOrder } from './rows';

/** The clinic facts an order needs: its programmes (the default is the first) and time zone. */
export interface OrderClinic {
  id: string;
  programmes: string[];
  timeZone: string;
}

/** The clinic an order is for, within the caller's scope (404 otherwise, as for any record). */
export async function loadOrderClinic(ctx: ServiceContext, clinicId: string): Promise<OrderClinic> {
  const c = await ctx.db
    .selectFrom('clinics')
    .select(['id', 'programmes', 'time_zone'])
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!c) throw appError('NOT_FOUND', undefined, 'No such clinic.');
  assertClinicScope(ctx.actor!, c.id);
  return { id: c.id, programmes: c.programmes, timeZone: c.time_zone };
}

/**
 * The accession number made when the clinic leaves it empty: `YYMMDD-NNNN`, the scheduled day
 * and the next of that day's made numbers at the clinic (11 characters, inside DICOM SH's 16).
 * Callers hold the clinic's order lock, so two registrations cannot take the same number.
 */
async function nextAccession(trx: Db, clinicId: string, day: string): Promise<string> {
  const prefix = `${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-`;
  const row = await trx
    .selectFrom('orders')
    .select(sql<number>`coalesce(max(substr(accession_number, 8)::int), 0)`.as('last'))
    .where('clinic_id', '=', clinicId)
    .where(sql<boolean>`accession_number ~ ${`^${prefix}[0-9]{4}$`}`)
    .executeTakeFirstOrThrow();
  return `${prefix}${String(row.last + 1).padStart(4, '0')}`;
}

/**
 * Serialises the order writes of one clinic for the rest of the transaction: the made accession
 * numbers are a per-clinic sequence.
 */
export async function lockClinicOrders(trx: Db, clinicId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`orders:${clinicId}`}, 0))`.execute(
    trx,
  );
}

/**
 * Inserts one order on the caller's transaction (which holds `lockClinicOrders`). The programme
 * must be one the clinic screens for; a taken accession number is refused by the table's unique
 * key (DUPLICATE_ACCESSION_NUMBER), and checked first so an import can report it per row.
 */
export async function insertOrder(
  ctx: ServiceContext,
  trx: Db,
  clinic: OrderClinic,
  input: OrderCreate,
  source: OrderSource,
  now: Date = new Date(),
  /** The order's id in the system it came from (HL7, FHIR, the gateway): a re-send is refused. */
  externalId: string | null = null,
  /**
   * The Study Instance UID the X-ray unit already got (an order registered at the clinic's
   * gateway during an outage); null: a new one is made. Only the gateway path passes it.
   */
  studyInstanceUid: string | null = null,
): Promise<Order> {
  const body = OrderCreate.parse(input);
  const programme = body.programme ?? (clinic.programmes[0] as Programme | undefined);
  if (!programme || !clinic.programmes.includes(programme)) throw appError('PROGRAMME_NOT_SERVED');
  const day = body.scheduledDate ?? localDate(now, clinic.timeZone);
  const accession = body.accessionNumber || (await nextAccession(trx, clinic.id, day));
  if (await accessionTaken(trx, clinic.id, accession)) throw appError('DUPLICATE_ACCESSION_NUMBER');
  if (externalId && (await externalIdTaken(trx, clinic.id, source, externalId)))
    throw appError('ORDER_ALREADY_RECEIVED');
  if (studyInstanceUid && (await studyUidTaken(trx, studyInstanceUid)))
    throw appError('ORDER_STUDY_UID_TAKEN');
  const row = await trx
    .insertInto('orders')
    .values({
      clinic_id: clinic.id,
      accession_number: accession,
      patient_id: body.patientId,
      issuer: body.issuer,
      patient_name: personName(body.familyName, body.givenName),
      birth_date: body.birthDate,
      sex: body.sex,
      programme,
      views: body.views,
      priority: body.priority,
      note: body.note,
      scheduled_date: day,
      scheduled_time: body.scheduledTime,
      source,
      modality: body.modality,
      station_ae_title: body.stationAeTitle,
      study_instance_uid: studyInstanceUid ?? newUid(),
      external_id: externalId,
      created_by: ctx.actor?.userId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrder(row);
}

/** Whether the clinic already has an order with this accession number (any status). */
export async function accessionTaken(trx: Db, clinicId: string, accession: string) {
  const row = await trx
    .selectFrom('orders')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('accession_number', '=', accession)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether any order already carries this Study Instance UID (UIDs are unique worldwide). */
async function studyUidTaken(trx: Db, studyInstanceUid: string): Promise<boolean> {
  const row = await trx
    .selectFrom('orders')
    .select('id')
    .where('study_instance_uid', '=', studyInstanceUid)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the clinic already holds the order `externalId` from `source` (HL7, FHIR, gateway). */
export async function externalIdTaken(
  trx: Db,
  clinicId: string,
  source: OrderSource,
  externalId: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('orders')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Registers one applicant's CXR from the portal's form; the order and its audit event commit together. */
export async function createOrder(
  ctx: ServiceContext,
  clinicId: string,
  input: OrderCreate,
  now: Date = new Date(),
): Promise<Order> {
  const clinic = await loadOrderClinic(ctx, clinicId);
  return auditedTransaction(
    ctx,
    async (trx) => {
      await lockClinicOrders(trx, clinic.id);
      return insertOrder(ctx, trx, clinic, input, 'portal', now);
    },
    (o) => ({
      resourceId: o.id,
      clinicId: o.clinicId,
      details: { accessionNumber: o.accessionNumber, source: 'portal' },
    }),
  );
}
