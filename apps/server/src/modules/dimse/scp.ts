import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { ERRORS } from '../../platform/errors';
import { cadSender } from '../cad';
import { recordRefusal } from '../monitor';
import { admit, negotiateContexts, type Peer, type Rejection } from './association';
import { ConnectionClock, type WaitingConnections } from './connectionLimits';
import { auditDimse, type DimseContext } from './context';
import { StoreReception, storeStatus, type StoreOutcome } from './cstore';
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
import { answerFind } from './findAnswer';
import { commandPdus, cStoreResponse, type CStoreRequestFields } from './pdata';
import { framePdus } from './pdu';
import { PDataRouter, type StoreHandler, type StoreSink } from './storeRouter';
import { retrieveGet, retrieveMove } from './qr';
import { StoreAuditBatch } from './storeAudit';

const { Status, PresentationContextResult, AbortSource, AbortReason } = dimse.constants;

/**
 * The SCP class for a context: one instance per TCP connection (PS3.8 §9). It admits or rejects
 * the association, then serves C-ECHO, C-STORE (streamed into ingest), C-FIND, C-MOVE and C-GET
 * within the calling clinic's scope. Every socket gets TCP_NODELAY: without it a sender waiting
 * for each small C-STORE response stalls on delayed ACKs (~40 ms per instance).
 *
 * `open` holds every connection (to close them at shutdown); `waiting` counts those with ARTIM
 * running per address. Only connections past their A-ASSOCIATE-RQ count towards
 * `maxAssociations`, so sockets that never ask for an association cannot fill it.
 */
export function scpClass(
  ctx: DimseContext,
  open: Set<{ close(): void }>,
  waiting: WaitingConnections,
) {
  const associations = new Set<object>();

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
    private readonly clock: ConnectionClock;

    constructor(socket: Socket) {
      super(socket);
      socket.setNoDelay(true);
      // dcmjs-dimse's own timers never run on a socket it did not accept but for one: the
      // socket's inactivity timeout, which would also close an association waiting on a long
      // C-MOVE of ours. The clock below keeps the time instead.
      socket.setTimeout(0);
      this.clock = new ConnectionClock(socket, ctx.limits, waiting, {
        artim: () => {
          this.log.debug({ remote: socket.remoteAddress }, 'DIMSE ARTIM expired: closing');
          socket.destroy();
        },
        idle: () => this.abortIdle(),
      });
      this.clock.awaitPeer();
      framePdus(socket, (deliver) => {
        const router = (this.router = new PDataRouter(deliver, this.storeHandler()));
        return {
          onPdu: (pdu) => {
            this.clock.pdu();
            router.onPdu(pdu);
          },
          close: (reason) => router.close(reason),
        };
      });
      const self = { close: () => socket.destroy() };
      open.add(self);
      this.on('close', () => {
        open.delete(self);
        associations.delete(this);
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

    /** Work whose response the peer waits for: tracked, and the association is not idle. */
    private serve<T>(p: Promise<T>): void {
      this.track(p);
      this.clock.owe(p);
    }

    /** The association is over on our side: ARTIM runs until the peer closes (Sta13). */
    private leave(): void {
      associations.delete(this);
      this.clock.awaitPeer();
    }

    override associationRequested(association: Association): void {
      this.clock.associationRequested();
      associations.add(this);
      this.track(this.admitAssociation(association));
    }

    private async admitAssociation(association: Association): Promise<void> {
      const remote = this.socket.remoteAddress ?? null;
      const calling = association.getCallingAeTitle().trim();
      const admission =
        associations.size > ctx.maxAssociations
          ? { ok: false as const, rejection: overloadedRejection(ctx.maxAssociations) }
          : await admit(ctx.db, ctx.aeTitle, association, remote);
      if (!admission.ok) {
        await this.reject(admission.rejection, calling, remote);
        return;
      }
      if (this.socket.destroyed) return;
      this.peer = admission.peer;
      // A CAD's AE has no clinic of its own: its arrivals are audited under its AE title alone.
      this.storeAudit = new StoreAuditBatch(
        ctx,
        { ...this.peer, clinicId: this.peer.clinicId || null },
        this.id,
      );
      const { accepted } = negotiateContexts(association, this.peer);
      this.sendAssociationAccept();
      this.clock.associated();
      this.log.info(
        { callingAe: calling, clinic: this.peer.clinicCode, remote, contexts: accepted },
        'DIMSE association accepted',
      );
    }

    private async reject(r: Rejection, calling: string, remote: string | null): Promise<void> {
      this.sendAssociationReject(r.result, r.source, r.reason);
      this.socket.end();
      this.leave();
      this.log.warn({ callingAe: calling, remote, reason: r.why }, 'DIMSE association rejected');
      recordRefusal(ctx.db, {
        door: 'dimse',
        kind: 'association',
        clinicId: r.clinicId ?? null,
        callingAe: calling,
        remoteAddress: remote,
        error: { code: r.code, message: `${ERRORS[r.code].message} (${r.why})` },
      });
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
      this.serve(
        answered
          .then(() => this.storeAudit?.flush())
          .then(
            () => {
              this.sendAssociationReleaseResponse();
              this.leave();
            },
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
      this.leave();
    }

    /** No PDU for the idle timeout while nothing of ours was owed: A-ABORT (PS3.8 §7.3). */
    private abortIdle(): void {
      this.log.info(
        { callingAe: this.peer?.callingAe, idleMs: ctx.limits.idleMs },
        'DIMSE association idle: aborting',
      );
      this.router?.close('the association was idle during the C-STORE');
      this.sendAbort(AbortSource.ServiceUser, AbortReason.NotSpecified);
      this.socket.end();
      this.leave();
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
          // A CAD's object names its clinic through the study it describes.
          ...(peer.cad ? { cad: cadSender(ctx.db, peer.cad) } : {}),
        },
        ctx.receiveBufferBytes,
      );
      this.track(reception.result);
      return {
        write: (fragment) => reception.write(fragment),
        abort: (reason) => reception.abort(reason),
        end: () => {
          reception.end();
          this.serve(reception.result.then((o) => this.answerStore(pcId, request, o)));
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
      const cancelled = () => this.cancelled.has(request.getMessageId());
      this.serve(answerFind(ctx, this.peer!, request, cancelled).then(callback));
    }

    // Retrieves answer through sendResponse (many responses); the callback is left unused.
    override cMoveRequest(request: CMoveRequest): void {
      this.serve(
        retrieveMove(ctx, this.peer!, this, request, () =>
          this.cancelled.has(request.getMessageId()),
        ),
      );
    }

    override cGetRequest(request: CGetRequest): void {
      this.serve(
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
    code: 'DIMSE_BUSY',
  };
}
