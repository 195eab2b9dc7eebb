import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import dcmjs from 'dcmjs';
import { toAppError } from '../../platform/errors';
import { admit, modelOf, negotiateContexts, type Peer, type Rejection } from './association';
import { runFind } from './cfind';
import { auditDimse, type DimseContext } from './context';
import {
  StoreReception,
  errorComment,
  queryStatus,
  storeStatus,
  type StoreOutcome,
} from './cstore';
import dimse, {
  type Association,
  type CCancelRequest,
  type CEchoRequest,
  type CEchoResponse,
  type CFindRequest,
  type CFindResponse,
  type CGetRequest,
  type CMoveRequest,
} from './dimse';
import { identifierOf, levelOf, type Identifier } from './identifier';
import { commandPdus, cStoreResponse, type CStoreRequestFields } from './pdata';
import { framePdus } from './pdu';
import { PDataRouter, type StoreHandler, type StoreSink } from './storeRouter';
import { retrieveGet, retrieveMove } from './qr';
import { StoreAuditBatch } from './storeAudit';

const { Status, PresentationContextResult } = dimse.constants;

/**
 * The SCP class for a context: one instance per TCP connection (PS3.8 §9). It admits or rejects
 * the association, then serves C-ECHO, C-STORE (streamed into ingest), C-FIND, C-MOVE and C-GET
 * within the calling clinic's scope. Every socket gets TCP_NODELAY: without it a sender waiting
 * for each small C-STORE response stalls on delayed ACKs (~40 ms per instance).
 */
export function scpClass(ctx: DimseContext, open: Set<{ close(): void }>) {
  return class TeleradScp extends dimse.Scp {
    declare readonly socket: Socket;
    declare readonly association: Association;
    private peer: Peer | undefined;
    private router: PDataRouter | undefined;
    /** This association's C-STORE arrivals, audited in batches (storeAudit.ts). */
    private storeAudit: StoreAuditBatch | undefined;
    private readonly cancelled = new Set<number>();
    private readonly inflight = new Set<Promise<unknown>>();
    private readonly id = randomUUID();
    private readonly log = ctx.logger.child({ association: this.id });

    constructor(socket: Socket, opts?: ConstructorParameters<typeof dimse.Scp>[1]) {
      super(socket, opts);
      socket.setNoDelay(true);
      framePdus(socket, (deliver) => (this.router = new PDataRouter(deliver, this.storeHandler())));
      const self = { close: () => socket.destroy() };
      open.add(self);
      this.on('close', () => {
        open.delete(self);
        this.router?.close('the connection closed during the C-STORE');
        // An association that ends without a release still gets its arrivals audited; a failure
        // is logged by auditDimse, and there is no one left to answer.
        void this.settled()
          .then(() => this.storeAudit?.flush())
          .catch(() => undefined);
      });
      this.on('networkError', (err: Error) => {
        this.log.debug({ err: err.message }, 'DIMSE connection error');
        this.router?.close('the connection failed during the C-STORE');
        socket.destroy();
      });
    }

    /** Resolves when the operations in flight (stores, queries, retrieves) have answered. */
    settled(): Promise<unknown> {
      return Promise.allSettled([...this.inflight]);
    }

    private track<T>(p: Promise<T>): void {
      this.inflight.add(p);
      void p.finally(() => this.inflight.delete(p));
    }

    override associationRequested(association: Association): void {
      this.track(this.admitAssociation(association));
    }

    private async admitAssociation(association: Association): Promise<void> {
      const remote = this.socket.remoteAddress ?? null;
      const calling = association.getCallingAeTitle().trim();
      const admission =
        open.size > ctx.maxAssociations
          ? { ok: false as const, rejection: overloadedRejection(ctx.maxAssociations) }
          : await admit(ctx.db, ctx.aeTitle, association, remote);
      if (!admission.ok) {
        await this.reject(admission.rejection, calling, remote);
        return;
      }
      this.peer = admission.peer;
      this.storeAudit = new StoreAuditBatch(ctx, this.peer, this.id);
      const { accepted } = negotiateContexts(association);
      this.sendAssociationAccept();
      this.log.info(
        { callingAe: calling, clinic: this.peer.clinicCode, remote, contexts: accepted },
        'DIMSE association accepted',
      );
    }

    private async reject(r: Rejection, calling: string, remote: string | null): Promise<void> {
      this.sendAssociationReject(r.result, r.source, r.reason);
      this.socket.end();
      this.log.warn({ callingAe: calling, remote, reason: r.why }, 'DIMSE association rejected');
      // The refusal carries no data, so a failed write is only logged (by auditDimse).
      await auditDimse(
        ctx,
        { callingAe: calling, remoteAddress: remote, clinicId: null },
        {
          action: 'dimse.associate',
          outcome: 'denied',
          details: {
            callingAe: calling,
            calledAe: this.association.getCalledAeTitle(),
            reason: r.why,
          },
        },
      ).catch(() => undefined);
    }

    /**
     * A-RELEASE-RQ (PS3.8 §7.2): the reply waits until every C-STORE has answered and the
     * arrivals are in the audit trail. When they cannot be written the association is aborted
     * instead, so the sender does not take a clean release for an audited one.
     */
    override associationReleaseRequested(): void {
      const answered = this.settled();
      this.track(
        answered
          .then(() => this.storeAudit?.flush())
          .then(
            () => this.sendAssociationReleaseResponse(),
            () => this.abortUnaudited(),
          ),
      );
    }

    private abortUnaudited(): void {
      this.log.error('DIMSE arrivals could not be audited: aborting the association');
      this.sendAbort();
      this.socket.destroy();
    }

    override abort(): void {
      this.router?.close('the association was aborted during the C-STORE');
      this.socket.end();
    }

    override cCancelRequest(request: CCancelRequest): void {
      this.cancelled.add(request.getMessageIdBeingRespondedTo());
    }

    override cEchoRequest(request: CEchoRequest, callback: (r: CEchoResponse) => void): void {
      const response = dimse.responses.CEchoResponse.fromRequest(request);
      response.setStatus(Status.Success);
      callback(response);
    }

    /** C-STORE requests are taken off the wire by the router (storeRouter.ts, ADR 0006). */
    private storeHandler(): StoreHandler {
      return {
        ready: () => this.peer !== undefined,
        begin: (pcId, request) => this.beginStore(pcId, request),
        protocolError: (why) => {
          this.log.warn({ why }, 'DIMSE protocol error: aborting the association');
          this.sendAbort();
          this.socket.destroy();
        },
        touched: () => {
          // dcmjs-dimse aborts an association that sends no PDU for its PDU timeout; the PDUs
          // of a long C-STORE come here instead, so they count as well.
          (this as unknown as { lastPduTime?: number }).lastPduTime = Date.now();
        },
      };
    }

    /** Starts ingest on one C-STORE request; its response is sent once the dataset is in. */
    private beginStore(pcId: number, request: CStoreRequestFields): StoreSink | null {
      const peer = this.peer!;
      const context = this.association.getPresentationContext(pcId);
      const syntax = context?.getAcceptedTransferSyntaxUid();
      if (!context || context.getResult() !== PresentationContextResult.Accept || !syntax)
        return null;
      const reception = new StoreReception(
        ctx.ingest,
        this.socket,
        {
          sopClassUid: request.sopClassUid,
          sopInstanceUid: request.sopInstanceUid,
          transferSyntaxUid: syntax,
          sourceAeTitle: peer.callingAe,
        },
        {
          door: 'dimse',
          clinicId: peer.clinicId,
          callingAe: peer.callingAe,
          remoteAddress: peer.remoteAddress,
          requestId: this.id,
        },
        ctx.receiveBufferBytes,
      );
      this.track(reception.result);
      return {
        write: (fragment) => reception.write(fragment),
        abort: (reason) => reception.abort(reason),
        end: () => {
          reception.end();
          this.track(reception.result.then((o) => this.answerStore(pcId, request, o)));
        },
      };
    }

    /** The C-STORE response (PS3.7 §9.3.1.2), written straight to the socket. */
    private answerStore(pcId: number, request: CStoreRequestFields, o: StoreOutcome): void {
      const { status, comment } = storeStatus(o);
      if (!o.ok)
        this.log.warn(
          { sopUid: request.sopInstanceUid, code: o.error.code, status },
          'C-STORE refused',
        );
      // Recorded before the response is written, so a release that follows finds it batched.
      if (this.storeAudit?.add(request.sopInstanceUid, o))
        this.track(this.storeAudit.flush().catch(() => this.abortUnaudited()));
      if (this.socket.destroyed) return;
      const rsp = cStoreResponse(request, status, comment);
      for (const pdu of commandPdus(pcId, rsp, this.association.getMaxPduLength()))
        this.socket.write(pdu);
    }

    override cFindRequest(request: CFindRequest, callback: (r: CFindResponse[]) => void): void {
      this.track(this.find(request, callback));
    }

    private async find(request: CFindRequest, callback: (r: CFindResponse[]) => void) {
      const peer = this.peer!;
      const model = modelOf(request.getAffectedSopClassUid());
      const id = identifierOf(request.getDataset());
      const ts = request.getDataset()?.getTransferSyntaxUid();
      const respond = (status: number, dataset?: Identifier, comment?: string) => {
        const r = dimse.responses.CFindResponse.fromRequest(request);
        r.setAffectedSopClassUid(request.getAffectedSopClassUid());
        if (dataset)
          r.setDataset(
            new dimse.Dataset(
              dcmjs.data.DicomMetaDictionary.naturalizeDataset(
                dataset as Parameters<typeof dcmjs.data.DicomMetaDictionary.naturalizeDataset>[0],
              ),
              ts,
            ),
          );
        r.setStatus(status);
        if (comment) r.setErrorComment(errorComment(comment));
        return r;
      };
      const details = { model, level: levelOf(id), keys: Object.keys(id).length };
      try {
        const { matches } = await runFind(ctx.db, peer.clinicId, model, id, ctx.aeTitle);
        // Fail closed: no match leaves before its audit event is written.
        await auditDimse(ctx, peer, {
          action: 'dimse.find',
          outcome: 'success',
          details: { ...details, matches: matches.length },
        });
        const cancelled = this.cancelled.has(request.getMessageId());
        callback(
          cancelled
            ? [respond(Status.Cancel)]
            : [...matches.map((m) => respond(Status.Pending, m)), respond(Status.Success)],
        );
      } catch (err) {
        const e = toAppError(err);
        callback([respond(queryStatus(e, false), undefined, e.message)]);
        await auditDimse(ctx, peer, {
          action: 'dimse.find',
          outcome: 'failure',
          details: { ...details, error: e.code },
        }).catch(() => undefined);
      }
    }

    // Retrieves answer through sendResponse (many responses); the callback is left unused.
    override cMoveRequest(request: CMoveRequest): void {
      this.track(
        retrieveMove(ctx, this.peer!, this, request, () =>
          this.cancelled.has(request.getMessageId()),
        ),
      );
    }

    override cGetRequest(request: CGetRequest): void {
      this.track(
        retrieveGet(ctx, this.peer!, this, request, () =>
          this.cancelled.has(request.getMessageId()),
        ),
      );
    }
  };
}

/** A transient rejection for too many open associations (PS3.8 §9.3.4). */
function overloadedRejection(limit: number): Rejection {
  return {
    result: dimse.constants.RejectResult.Transient,
    source: dimse.constants.RejectSource.ServiceProviderPresentation,
    reason: dimse.constants.RejectReason.LocalLimitExceeded,
    why: `more than ${limit} associations are open`,
  };
}
