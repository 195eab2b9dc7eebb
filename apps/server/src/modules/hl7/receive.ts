import { randomUUID } from 'node:crypto';
import type { Hl7Message } from '@medplum/core';
import type { Order } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { networkMatcher } from '../dimse';
import { cancelExternalOrder, findExternalOrder, insertOrder, lockClinicOrders } from '../orders';
import { buildAck } from './ack';
import { text } from './fields';
import { ORDER_MESSAGE_TYPES, readOrderMessage, type Hl7OrderRequest } from './orderMessage';
import {
  contentError,
  HL7_ERROR_CODES as E,
  Hl7ProblemError,
  refusal,
  type Hl7Problem,
} from './problems';
import { findSender, type RegisteredSender } from './senders';

/** Who sent a message: the connection's remote address. */
export interface Hl7Peer {
  remoteAddress: string | null;
}

/** How one message ended, for the door's log and refusal record. */
export type Hl7Outcome =
  | { ok: true; orders: { order: Order; outcome: 'created' | 'existing' | 'cancelled' }[] }
  | {
      ok: false;
      problem: Hl7Problem;
      clinicId: string | null;
      sender: string;
      /** An unexpected failure (the database, a bug): logged by the door. */
      error?: unknown;
    };

/** The answer to one message: its acknowledgement and what happened. */
export interface Hl7Answer {
  ack: Hl7Message;
  outcome: Hl7Outcome;
}

/**
 * Takes one order message from the MLLP door (docs/adr/0039). The sender (MSH-3, MSH-4) names
 * the clinic; an unknown sender, an address outside its networks or another message type is
 * refused (AR). The orders it carries are read (a missing or malformed field: AE) and kept in one
 * transaction with their audit events, the actor being the sender: any error keeps nothing. A
 * re-sent order (the same placer order number) is answered AA with the order already kept.
 */
export async function receiveMessage(
  db: Db,
  message: Hl7Message,
  peer: Hl7Peer,
  now: Date = new Date(),
): Promise<Hl7Answer> {
  const msh = message.getSegment('MSH');
  const sender = `${text(message, msh, 3)}^${text(message, msh, 4)}`;
  let clinicId: string | null = null;
  try {
    const registered = await senderOf(db, message, peer);
    clinicId = registered.clinicId;
    const type = `${text(message, msh, 9, 1)}^${text(message, msh, 9, 2)}`;
    if (!(ORDER_MESSAGE_TYPES as readonly string[]).includes(type))
      throw refusal(
        ['ORM', 'OMI'].includes(text(message, msh, 9, 1))
          ? E.unsupportedEventCode
          : E.unsupportedMessageType,
        { segment: 'MSH', sequence: 1, field: 9 },
        `MSH-9 is ${type}: only orders are taken here (${ORDER_MESSAGE_TYPES.join(', ')}).`,
        'HL7_UNSUPPORTED_MESSAGE',
      );
    const requests = readOrderMessage(message, registered.timeZone);
    const orders = await keepOrders(db, message, registered, sender, requests, peer, now);
    const summary = orders
      .map((o) =>
        o.outcome === 'existing'
          ? `order ${o.order.accessionNumber} already received`
          : `order ${o.order.accessionNumber} ${o.outcome}`,
      )
      .join('; ');
    return {
      ack: buildAck(message, 'AA', undefined, `Accepted: ${summary}.`),
      outcome: { ok: true, orders },
    };
  } catch (e) {
    const problem: Hl7Problem =
      e instanceof Hl7ProblemError
        ? e.problem
        : {
            ack: 'AR',
            code: E.applicationError,
            location: null,
            message:
              'The order could not be kept because of a problem at the reading centre; nothing was changed. Send it again later.',
            refusal: 'SERVICE_UNAVAILABLE',
          };
    return {
      ack: buildAck(message, problem.ack, problem),
      outcome: {
        ok: false,
        problem,
        clinicId,
        sender,
        ...(e instanceof Hl7ProblemError ? {} : { error: e }),
      },
    };
  }
}

/** The registered sender of `message`, checked against its allowed networks. */
async function senderOf(db: Db, message: Hl7Message, peer: Hl7Peer): Promise<RegisteredSender> {
  const msh = message.getSegment('MSH');
  const application = text(message, msh, 3);
  const facility = text(message, msh, 4);
  const registered = application ? await findSender(db, application, facility) : null;
  if (!registered)
    throw refusal(
      E.unknownKey,
      { segment: 'MSH', sequence: 1, field: 3 },
      `No clinic registered the sender ${application || '(empty MSH-3)'}^${facility} (MSH-3, MSH-4): ask the reading centre to add it to the clinic.`,
      'HL7_UNKNOWN_SENDER',
    );
  if (
    registered.allowedNetworks.length &&
    !networkMatcher(registered.allowedNetworks)(peer.remoteAddress ?? '')
  )
    throw refusal(
      E.applicationError,
      { segment: 'MSH', sequence: 1, field: 3 },
      `The sender ${application}^${facility} may not connect from ${peer.remoteAddress ?? 'this address'}: it is outside the clinic's allowed networks.`,
      'HL7_ADDRESS_NOT_ALLOWED',
    );
  return registered;
}

/** Keeps the message's orders and their audit events in one transaction (all or none). */
async function keepOrders(
  db: Db,
  message: Hl7Message,
  sender: RegisteredSender,
  senderName: string,
  requests: Hl7OrderRequest[],
  peer: Hl7Peer,
  now: Date,
): Promise<{ order: Order; outcome: 'created' | 'existing' | 'cancelled' }[]> {
  const controlId = text(message, message.getSegment('MSH'), 10);
  return db.transaction().execute(async (trx) => {
    const ctx: ServiceContext = {
      actor: null,
      requestId: randomUUID(),
      ip: peer.remoteAddress,
      db: trx,
    };
    await lockClinicOrders(trx, sender.clinicId);
    const kept: { order: Order; outcome: 'created' | 'existing' | 'cancelled' }[] = [];
    for (const r of requests) {
      const existing = await findExternalOrder(trx, sender.clinicId, 'hl7', r.placerNumber);
      let order: Order;
      let outcome: 'created' | 'existing' | 'cancelled';
      if (r.control === 'CA') {
        if (!existing)
          throw contentError(
            E.unknownKey,
            { ...r.orc, field: 2 },
            `No order with placer number ${r.placerNumber} was received from this sender: there is nothing to cancel.`,
          );
        order = await storing(r, () =>
          cancelExternalOrder(trx, existing, `Cancelled by ${senderName} (HL7 ORC-1 CA)`, now),
        );
        outcome = existing.status === 'cancelled' ? 'existing' : 'cancelled';
      } else if (existing) {
        order = existing;
        outcome = 'existing';
      } else {
        order = await storing(r, () =>
          insertOrder(
            ctx,
            trx,
            {
              id: sender.clinicId,
              programmes: sender.programmes,
              timeZone: sender.timeZone,
            },
            r.order!,
            'hl7',
            now,
            r.placerNumber,
          ),
        );
        outcome = 'created';
      }
      if (outcome !== 'existing')
        await writeAudit(ctx, {
          action: outcome === 'created' ? 'order.create' : 'order.cancel',
          outcome: 'success',
          resourceType: 'order',
          resourceId: order.id,
          clinicId: sender.clinicId,
          actorName: `HL7 ${senderName}`,
          details: {
            source: 'hl7',
            accessionNumber: order.accessionNumber,
            placerNumber: r.placerNumber,
            messageControlId: controlId,
          },
        });
      kept.push({ order, outcome });
    }
    return kept;
  });
}

/** Runs an order write, turning the order rules it breaks into the field at fault (AE). */
async function storing<T>(r: Hl7OrderRequest, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'DUPLICATE_ACCESSION_NUMBER')
      throw contentError(
        E.duplicateKey,
        r.accessionAt ?? (r.obr ? { ...r.obr, field: 18 } : null),
        `${e.message} (placer order ${r.placerNumber})`,
        e.code,
      );
    if (e.code === 'PROGRAMME_NOT_SERVED')
      throw contentError(
        E.tableValueNotFound,
        r.obr ? { ...r.obr, field: 4, component: 1 } : null,
        `${e.message} Name one of the clinic's programmes in OBR-4 as CXR-<programme>, or leave it out for the clinic's first.`,
        e.code,
      );
    if (e.code === 'ORDER_NOT_SCHEDULED')
      throw contentError(E.applicationError, { ...r.orc, field: 1 }, e.message, e.code);
    throw e;
  }
}
