import { toAppError, type AppError } from '../../platform/errors';
import { modelOf, type Peer } from './association';
import { auditDimse, type DimseContext } from './context';
import { errorComment, queryStatus } from './cstore';
import dimse, {
  type Association,
  type CGetRequest,
  type CGetResponse,
  type CMoveRequest,
  type CMoveResponse,
  type CStoreRequest,
} from './dimse';
import { identifierOf, levelOf } from './identifier';
import { findMoveDestination } from '../clinics';
import {
  finalStatus,
  moveToDestination,
  prepareToSend,
  resolveRetrieve,
  storeRequestFor,
  tally,
  type RetrieveItem,
  type SubOperations,
} from './retrieve';

const { Status } = dimse.constants;

type RetrieveResponse = CMoveResponse | CGetResponse;

/** Builds pending and final C-MOVE/C-GET responses with sub-operation counts (PS3.4 §C.4.2.1). */
function responder<R extends RetrieveResponse>(
  make: () => R,
  sopClassUid: string,
): (status: number, ops?: SubOperations, comment?: string) => R {
  return (status, ops, comment) => {
    const r = make();
    r.setAffectedSopClassUid(sopClassUid);
    r.setStatus(status);
    if (ops) {
      if (status === Status.Pending) r.setRemaining(ops.remaining);
      r.setCompleted(ops.completed);
      r.setFailures(ops.failed);
      r.setWarnings(ops.warning);
      if (status !== Status.Pending && ops.failedUids.length)
        r.setDataset(
          new dimse.Dataset(
            { FailedSOPInstanceUIDList: ops.failedUids.slice(0, 1000) },
            dimse.constants.TransferSyntax.ImplicitVRLittleEndian,
          ),
        );
    }
    if (comment) r.setErrorComment(errorComment(comment));
    return r;
  };
}

/**
 * Audits a retrieve before its first object leaves (fail closed, DESIGN.md §2): it rejects with
 * AUDIT_UNAVAILABLE when the event cannot be written, and the retrieve then fails as a whole.
 */
function auditRetrieveStart(
  ctx: DimseContext,
  peer: Peer,
  action: 'dimse.move' | 'dimse.get',
  details: Record<string, unknown>,
  items: RetrieveItem[],
): Promise<void> {
  return auditDimse(ctx, peer, {
    action: `${action}.start`,
    outcome: 'success',
    details: { ...details, instances: items.length, sopInstanceUids: items.map((i) => i.sopUid) },
  });
}

/** Audits how a retrieve went, then sends its final response. */
async function finish(
  ctx: DimseContext,
  peer: Peer,
  action: 'dimse.move' | 'dimse.get',
  details: Record<string, unknown>,
  instances: number,
  ops: SubOperations,
  sendFinal: () => void,
): Promise<void> {
  // The objects are out already: a failed write is logged (by auditDimse), not answered.
  await auditDimse(ctx, peer, {
    action,
    outcome: ops.failed ? 'failure' : 'success',
    details: { ...details, instances, completed: ops.completed, failed: ops.failed },
  }).catch(() => undefined);
  sendFinal();
}

/** Answers a retrieve that failed as a whole, and audits it. */
async function fail(
  ctx: DimseContext,
  peer: Peer,
  action: 'dimse.move' | 'dimse.get',
  details: Record<string, unknown>,
  err: unknown,
  sendFailure: (e: AppError) => void,
): Promise<void> {
  const e = toAppError(err);
  sendFailure(e);
  await auditDimse(ctx, peer, {
    action,
    outcome: 'failure',
    details: { ...details, error: e.code },
  }).catch(() => undefined);
}

const emptyOps = (n: number): SubOperations => ({
  remaining: n,
  completed: 0,
  failed: 0,
  warning: 0,
  failedUids: [],
});

/**
 * C-MOVE (PS3.4 §C.4.2): resolves the identifier within the calling clinic, checks that the
 * Move Destination is an AE of that same clinic with an address (else 0xA801), and sends the
 * objects there on a new association, with a pending response after each sub-operation.
 */
export async function retrieveMove(
  ctx: DimseContext,
  peer: Peer,
  channel: ResponseChannel,
  request: CMoveRequest,
  isCancelled: () => boolean,
): Promise<void> {
  const callback = (rs: CMoveResponse[]) => rs.forEach((r) => channel.sendResponse(request, r));
  const respond = responder(
    () => dimse.responses.CMoveResponse.fromRequest(request),
    request.getAffectedSopClassUid(),
  );
  const id = identifierOf(request.getDataset());
  const destinationAe = String(
    request.getCommandDataset().getElement('MoveDestination') ?? '',
  ).trim();
  const details: Record<string, unknown> = { level: levelOf(id), destination: destinationAe };
  try {
    const destination = await findMoveDestination(ctx.db, peer.clinicId, destinationAe);
    if (!destination) {
      callback([respond(Status.MoveDestinationUnknown, undefined, 'Move Destination unknown')]);
      await auditDimse(ctx, peer, { action: 'dimse.move', outcome: 'denied', details }).catch(
        () => undefined,
      );
      return;
    }
    const items = await resolveRetrieve(
      ctx.db,
      peer.clinicId,
      modelOf(request.getAffectedSopClassUid()),
      id,
    );
    await auditRetrieveStart(ctx, peer, 'dimse.move', details, items);
    const ops = items.length
      ? await moveToDestination({
          items,
          storage: ctx.storage,
          ourAe: ctx.aeTitle,
          destination,
          originatorAe: peer.callingAe,
          originatorMessageId: request.getMessageId(),
          onProgress: (o) => o.remaining > 0 && callback([respond(Status.Pending, o)]),
          isCancelled,
        })
      : emptyOps(0);
    await finish(ctx, peer, 'dimse.move', details, items.length, ops, () =>
      callback([respond(finalStatus(ops, isCancelled()), ops)]),
    );
  } catch (err) {
    await fail(ctx, peer, 'dimse.move', details, err, (e) =>
      callback([respond(queryStatus(e, true), undefined, e.message)]),
    );
  }
}

/**
 * How a retrieve answers: through the SCP's `sendResponse`, because dcmjs-dimse's request
 * callback may be called only once and a retrieve sends a pending response per sub-operation.
 */
export interface ResponseChannel {
  sendResponse(request: CMoveRequest | CGetRequest, response: CMoveResponse | CGetResponse): void;
}

/** The part of the SCP a C-GET sends its sub-operations through. */
export interface SubOperationChannel extends ResponseChannel {
  readonly association: Association;
  sendRequests(requests: CStoreRequest): void;
}

/**
 * Whether the SCU accepted a context for this SOP class and took the SCP role for it (PS3.7
 * §D.3.3.4), so it can receive C-STOREs. dcmjs-dimse records the role on the first context of
 * an abstract syntax only, so any context of the class counts.
 */
function canReceive(association: Association, sopClassUid: string): boolean {
  const contexts = association
    .getPresentationContexts()
    .map(({ id }) => association.getPresentationContext(id))
    .filter((pc) => pc.getAbstractSyntaxUid() === sopClassUid);
  return (
    contexts.some((pc) => pc.getProviderRole() === true) &&
    contexts.some((pc) => pc.getResult() === dimse.constants.PresentationContextResult.Accept)
  );
}

/**
 * Whether a C-GET sub-operation can go out: the SCU can receive its SOP class, and the object is
 * in (or was transcoded without loss to) a syntax the SCU accepted for it. A transcoding failure
 * is known here, before anything is sent, and the sub-operation counts as failed.
 */
async function readyToSend(
  association: Association,
  item: RetrieveItem,
  req: CStoreRequest,
): Promise<boolean> {
  return canReceive(association, item.sopClassUid) && prepareToSend(association, item, req);
}

/** Sends one C-STORE sub-operation on the C-GET's association and waits for its response. */
function sendOne(channel: SubOperationChannel, item: RetrieveItem, req: CStoreRequest) {
  return new Promise<number | undefined>((resolve) => {
    let status: number | undefined;
    req.on('response', (rsp: { getStatus(): number }) => {
      status = rsp.getStatus();
    });
    req.on('done', () => resolve(status));
    channel.sendRequests(req);
  });
}

/**
 * C-GET (PS3.4 §C.4.3): the objects go back on the same association, each as a C-STORE
 * sub-operation on a presentation context the SCU proposed (the stored transfer syntax when it
 * was accepted, so bytes go out as stored, else one transcoded to without loss), with a pending
 * response after each. Failed sub-operations are counted and listed in the final response.
 */
export async function retrieveGet(
  ctx: DimseContext,
  peer: Peer,
  channel: SubOperationChannel,
  request: CGetRequest,
  isCancelled: () => boolean,
): Promise<void> {
  const callback = (rs: CGetResponse[]) => rs.forEach((r) => channel.sendResponse(request, r));
  const respond = responder(
    () => dimse.responses.CGetResponse.fromRequest(request),
    request.getAffectedSopClassUid(),
  );
  const id = identifierOf(request.getDataset());
  const details: Record<string, unknown> = { level: levelOf(id) };
  try {
    const items = await resolveRetrieve(
      ctx.db,
      peer.clinicId,
      modelOf(request.getAffectedSopClassUid()),
      id,
    );
    await auditRetrieveStart(ctx, peer, 'dimse.get', details, items);
    const ops = emptyOps(items.length);
    await ctx.storage.withFiles(async (files) => {
      for (const item of items) {
        if (isCancelled()) break;
        const req = await storeRequestFor(files, item);
        const status = (await readyToSend(channel.association, item, req))
          ? await sendOne(channel, item, req)
          : undefined;
        tally(ops, item, status);
        if (ops.remaining > 0) callback([respond(Status.Pending, ops)]);
      }
    });
    await finish(ctx, peer, 'dimse.get', details, items.length, ops, () =>
      callback([respond(finalStatus(ops, isCancelled()), ops)]),
    );
  } catch (err) {
    await fail(ctx, peer, 'dimse.get', details, err, (e) =>
      callback([respond(queryStatus(e, true), undefined, e.message)]),
    );
  }
}
