import { Hl7SendersUpdate, type Hl7Sender, type Hl7SenderList } from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';

/**
 * The registry of HL7 v2 senders (`clinic_hl7_senders`, migration 0048): which sending
 * application and facility (MSH-3, MSH-4) send each clinic's orders, and from which networks.
 * A sender belongs to one clinic, so a message names its clinic by its header alone.
 */

/** A registered sender with its clinic, as the MLLP door looks it up. */
export interface RegisteredSender {
  clinicId: string;
  clinicCode: string;
  programmes: string[];
  timeZone: string;
  allowedNetworks: string[];
}

/** The clinic's senders, in the order the administrator listed them. */
export async function listSenders(ctx: ServiceContext, clinicId: string): Promise<Hl7SenderList> {
  assertClinicScope(ctx.actor!, clinicId);
  const rows = await ctx.db
    .selectFrom('clinic_hl7_senders')
    .select(['sending_application', 'sending_facility', 'allowed_networks'])
    .where('clinic_id', '=', clinicId)
    .orderBy('position')
    .execute();
  return {
    senders: rows.map((r): Hl7Sender => ({
      sendingApplication: r.sending_application,
      sendingFacility: r.sending_facility,
      allowedNetworks: r.allowed_networks,
    })),
  };
}

/**
 * Replaces the clinic's senders with `body`'s list, audited in the same transaction. A sender
 * listed twice, or already another clinic's, is refused: a message must name one clinic.
 */
export async function replaceSenders(
  ctx: ServiceContext,
  clinicId: string,
  input: Hl7SendersUpdate,
): Promise<Hl7SenderList> {
  assertClinicScope(ctx.actor!, clinicId);
  const body = Hl7SendersUpdate.parse(input);
  const key = (s: Hl7Sender) => `${s.sendingApplication}\u0000${s.sendingFacility}`;
  const keys = body.senders.map(key);
  const twice = body.senders.filter((s, i) => keys.indexOf(key(s)) !== i);
  if (twice.length)
    throw appError('VALIDATION_FAILED', [
      {
        path: 'senders',
        message: `lists ${twice[0]!.sendingApplication}^${twice[0]!.sendingFacility} twice`,
      },
    ]);
  return auditedTransaction(
    ctx,
    async (trx) => {
      const clinic = await trx
        .selectFrom('clinics')
        .select('id')
        .where('id', '=', clinicId)
        .forUpdate()
        .executeTakeFirst();
      if (!clinic) throw appError('NOT_FOUND', undefined, 'No such clinic.');
      await trx.deleteFrom('clinic_hl7_senders').where('clinic_id', '=', clinicId).execute();
      if (body.senders.length) {
        const taken = await trx
          .selectFrom('clinic_hl7_senders')
          .select(['sending_application', 'sending_facility'])
          .where((eb) =>
            eb.or(
              body.senders.map((s) =>
                eb.and([
                  eb('sending_application', '=', s.sendingApplication),
                  eb('sending_facility', '=', s.sendingFacility),
                ]),
              ),
            ),
          )
          .executeTakeFirst();
        if (taken)
          throw appError('HL7_SENDER_TAKEN', [
            { path: 'senders', message: `${taken.sending_application}^${taken.sending_facility}` },
          ]);
        await trx
          .insertInto('clinic_hl7_senders')
          .values(
            body.senders.map((s, position) => ({
              clinic_id: clinicId,
              sending_application: s.sendingApplication,
              sending_facility: s.sendingFacility,
              allowed_networks: s.allowedNetworks,
              position,
            })),
          )
          .execute();
      }
      return { senders: body.senders };
    },
    (r) => ({
      resourceId: clinicId,
      clinicId,
      details: {
        senders: r.senders.map((s) => `${s.sendingApplication}^${s.sendingFacility}`),
      },
    }),
  );
}

/** The clinic of the sender MSH-3/MSH-4 name, or null when no clinic registered it. */
export async function findSender(
  db: Db,
  application: string,
  facility: string,
): Promise<RegisteredSender | null> {
  const r = await db
    .selectFrom('clinic_hl7_senders as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .select(['c.id', 'c.code', 'c.programmes', 'c.time_zone', 's.allowed_networks'])
    .where('s.sending_application', '=', application)
    .where('s.sending_facility', '=', facility)
    .executeTakeFirst();
  return r
    ? {
        clinicId: r.id,
        clinicCode: r.code,
        programmes: r.programmes,
        timeZone: r.time_zone,
        allowedNetworks: r.allowed_networks,
      }
    : null;
}
