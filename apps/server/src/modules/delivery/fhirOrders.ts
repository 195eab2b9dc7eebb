import type { Order } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { clinicScope } from '../auth';
import {
  findExternalOrder,
  getOrder,
  insertOrder,
  loadOrderClinic,
  lockClinicOrders,
  ordersByIdentifier,
} from '../orders';
import {
  orderClinic,
  receivedOrder,
  type FhirPatient,
  type FhirServiceRequest,
} from './fhirOrderIn';
import type { OrderClinicInfo } from './fhirOrderOut';

/**
 * Orders over FHIR (docs/adr/0022): a ServiceRequest with its Patient creates an order through
 * the orders module, at most once per sender's order number; an order reads back as a
 * ServiceRequest. Clinic scope as everywhere: another clinic's is refused as missing.
 */

/** An order with the clinic facts its ServiceRequest shows. */
export interface FhirOrder {
  order: Order;
  clinic: OrderClinicInfo;
}

async function clinicInfo(db: Db, clinicId: string): Promise<OrderClinicInfo> {
  const c = await db
    .selectFrom('clinics')
    .select(['code', 'name', 'time_zone'])
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return { code: c.code, name: c.name, timeZone: c.time_zone };
}

/**
 * The clinic a ServiceRequest is for: named by its performer or requester, else the caller's
 * only clinic. A code no clinic has answers 404, as a clinic outside the caller's scope does.
 */
async function targetClinic(ctx: ServiceContext, sr: FhirServiceRequest): Promise<string> {
  const ref = orderClinic(sr);
  if (ref && 'id' in ref) return ref.id;
  if (ref) {
    const c = await ctx.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', ref.code)
      .executeTakeFirst();
    if (!c) throw appError('NOT_FOUND', undefined, 'No such clinic.');
    return c.id;
  }
  const scope = clinicScope(ctx.actor!);
  if (scope !== 'all' && scope.length === 1) return scope[0]!;
  throw appError(
    'FHIR_ORDER_REFUSED',
    {
      issues: [
        {
          expression: 'ServiceRequest.performer',
          message: 'name the clinic: Organization/<clinic id>, or its code as identifier',
        },
      ],
    },
    'Say which clinic takes the CXR: a performer Organization/<clinic id>, or an identifier of system https://telerad.org/fhir/NamingSystem/clinic-code with its code.',
  );
}

/** An `If-None-Exist` condition (R4 http.html#ccreate): only `identifier=[system|]value` is read. */
export function parseIfNoneExist(header: string): { system: string | null; value: string } {
  const params = new URLSearchParams(header.replace(/^\?/, ''));
  const keys = [...params.keys()];
  const token = params.get('identifier');
  if (keys.length !== 1 || !token)
    throw appError(
      'FHIR_RESOURCE_INVALID',
      { issues: [{ expression: 'If-None-Exist', message: 'only identifier=[system|]value' }] },
      'If-None-Exist may only search by identifier: identifier=[system|]value.',
    );
  const bar = token.indexOf('|');
  return bar < 0
    ? { system: null, value: token }
    : { system: token.slice(0, bar) || null, value: token.slice(bar + 1) };
}

/** The orders the condition (or, without one, the sender's order number) names. */
function existing(
  trx: Db,
  clinicId: string,
  externalId: string | null,
  condition: { system: string | null; value: string } | null,
): Promise<Order[]> {
  if (!condition)
    return externalId
      ? findExternalOrder(trx, clinicId, 'fhir', externalId).then((o) => (o ? [o] : []))
      : Promise.resolve([]);
  if (condition.system)
    return ordersByIdentifier(trx, clinicId, {
      source: 'fhir',
      externalIds: [`${condition.system}|${condition.value}`],
    });
  return ordersByIdentifier(trx, clinicId, {
    source: 'fhir',
    externalIds: [condition.value],
    externalValue: condition.value,
    accessionNumber: condition.value,
  });
}

/**
 * Creates the order a ServiceRequest and its Patient ask for, or finds the one already created
 * for the same order number (the condition, when given, names it instead): a re-post changes
 * nothing and answers the existing order, as FHIR's conditional create does. `onClinic` learns
 * the target clinic before the scope check, so a refusal is audited naming it.
 */
export async function receiveServiceRequest(
  ctx: ServiceContext,
  sr: FhirServiceRequest,
  patient: FhirPatient,
  ifNoneExist: string | undefined,
  onClinic: (clinicId: string) => void,
  now: Date = new Date(),
): Promise<FhirOrder & { created: boolean }> {
  const condition = ifNoneExist ? parseIfNoneExist(ifNoneExist) : null;
  const clinicId = await targetClinic(ctx, sr);
  onClinic(clinicId);
  const clinic = await loadOrderClinic(ctx, clinicId);
  const received = receivedOrder(sr, patient, clinic.timeZone, clinic.programmes);
  const result = await auditedTransaction(
    ctx,
    async (trx) => {
      await lockClinicOrders(trx, clinic.id);
      const found = await existing(trx, clinic.id, received.externalId, condition);
      if (found.length > 1) throw appError('FHIR_CONDITION_AMBIGUOUS');
      if (found[0]) return { order: found[0], created: false };
      const order = await insertOrder(
        ctx,
        trx,
        clinic,
        received.order,
        'fhir',
        now,
        received.externalId,
      );
      return { order, created: true };
    },
    (r) => ({
      resourceId: r.order.id,
      clinicId: r.order.clinicId,
      details: {
        accessionNumber: r.order.accessionNumber,
        source: 'fhir',
        externalId: received.externalId,
        created: r.created,
      },
    }),
  );
  return { ...result, clinic: await clinicInfo(ctx.db, clinic.id) };
}

/** One order, through the clinic-scope check, with its clinic's facts. */
export async function fhirOrder(ctx: ServiceContext, id: string): Promise<FhirOrder> {
  const order = await getOrder(ctx, id);
  return { order, clinic: await clinicInfo(ctx.db, order.clinicId) };
}
