import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { buildPart10Meta } from '@telerad/dicom';
import type { GatewayConfig } from '../config';
import type { Logger } from '../log';
import type { DiskQueue } from '../queue/diskQueue';
import type { StagingWriter } from '../queue/staging';
import type { ErrorRing } from '../status/errors';
import { acceptInstance } from './accept';
import dimse, {
  checkStoreHooks,
  type Association,
  type CEchoRequest,
  type CEchoResponse,
  type CFindRequest,
  type CFindResponse,
  type CStoreRequest,
  type CStoreResponse,
  type PresentationContext,
} from './dimseLib';
import { NotDicomError } from './header';
import {
  chooseTransferSyntax,
  MODALITY_WORKLIST_FIND,
  refusal,
  servesAbstractSyntax,
} from './negotiation';
import { answerWorklistFind, type WorklistProvider } from './worklist';

export type { WorklistProvider } from './worklist';

const { Status, PresentationContextResult, RejectResult, RejectSource, RejectReason } =
  dimse.constants;

/** The gateway's Implementation Class UID and Version Name (PS3.7 §D.3.3.2), in its Part 10 files. */
export const GATEWAY_IMPLEMENTATION = {
  classUid: '2.25.160574934961296381755431316046823217425',
  versionName: 'TELERAD_GW_1',
};

/** What the receiver needs. */
export interface DimseDeps {
  config: GatewayConfig;
  queue: DiskQueue;
  log: Logger;
  errors: ErrorRing;
  /**
   * The clinic's scheduled CXRs for the local Modality Worklist (PS3.4 Annex K). Without it the
   * Modality Worklist FIND SOP class is not offered.
   */
  worklist?: WorklistProvider;
}

/** A running DICOM receiver. */
export interface DimseReceiver {
  /** Refuses new associations, waits for durable writes in flight, then closes every socket. */
  close(): Promise<void>;
}

/**
 * The C-STORE status for a failed durable write (PS3.4 §B.2.3): A700 out of resources when the
 * disk or quota is full, C000 cannot understand when the dataset is not DICOM, 0110 otherwise.
 */
export function failureStatus(e: unknown): { status: number; code: string } {
  const errno = (e as NodeJS.ErrnoException).code;
  if (errno === 'ENOSPC' || errno === 'EDQUOT') return { status: 0xa700, code: 'DISK_FULL' };
  if (e instanceof NotDicomError) return { status: 0xc000, code: 'NOT_DICOM' };
  return { status: Status.ProcessingFailure, code: 'QUEUE_WRITE_FAILED' };
}

/** SOP Class not supported (PS3.7 §C.4: 0x0122) for a C-FIND outside the worklist. */
function notSupported(request: CFindRequest): CFindResponse {
  const r = dimse.responses.CFindResponse.fromRequest(request);
  r.setStatus(0x0122);
  return r;
}

/**
 * Starts the C-STORE/C-ECHO SCP (PS3.4 Annexes A and B, PS3.7 §9.1) on `config.port`, and the
 * Modality Worklist C-FIND SCP (Annex K) when given a worklist provider. Each
 * dataset streams into the queue's staging area through dcmjs-dimse's store hooks (never the
 * library's in-memory default), and the C-STORE response goes out only once the queue has made
 * the instance durable; a failed write answers with a failure status instead.
 */
export async function startDimse(deps: DimseDeps): Promise<DimseReceiver> {
  checkStoreHooks();
  const { config, queue, log, errors, worklist } = deps;
  const inflight = new Set<Promise<unknown>>();
  let closing = false;

  class GatewayScp extends dimse.Scp {
    declare readonly socket: Socket;
    declare readonly association: Association;
    private readonly id = randomUUID();
    private readonly staging = new Map<CStoreRequest, StagingWriter>();
    private readonly alog = log.child({ association: this.id });

    constructor(socket: Socket, opts: Record<string, unknown>) {
      super(socket, opts);
      // Without it a sender waiting for each small C-STORE response stalls on delayed ACKs.
      socket.setNoDelay(true);
      socket.once('close', () => {
        for (const w of this.staging.values()) if (!w.writableFinished) void w.discard();
      });
    }

    override associationRequested(association: Association): void {
      const calling = association.getCallingAeTitle();
      const remote = this.socket.remoteAddress;
      const called = association.getCalledAeTitle().trim();
      const why = closing
        ? 'the gateway is shutting down'
        : called !== config.aeTitle
          ? `called AE title "${called}" is not this gateway's (${config.aeTitle})`
          : refusal(config.allowedSenders, calling, remote);
      if (why) {
        this.alog.warn(
          { event: 'dimse.refused', callingAe: calling, remote, reason: why },
          'association refused',
        );
        errors.push('ASSOCIATION_REFUSED', why);
        this.sendAssociationReject(
          closing ? RejectResult.Transient : RejectResult.Permanent,
          RejectSource.ServiceUser,
          closing
            ? RejectReason.TemporaryCongestion
            : called !== config.aeTitle
              ? RejectReason.CalledAeNotRecognized
              : RejectReason.CallingAeNotRecognized,
        );
        return;
      }
      for (const { context } of association.getPresentationContexts()) {
        const abstract = context.getAbstractSyntaxUid();
        const ts = chooseTransferSyntax(context.getTransferSyntaxUids(), abstract);
        if (!servesAbstractSyntax(abstract, worklist !== undefined))
          context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
        else if (!ts)
          context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
        else context.setResult(PresentationContextResult.Accept, ts);
      }
      this.alog.info(
        { event: 'dimse.associated', callingAe: calling, remote },
        'association accepted',
      );
      this.sendAssociationAccept();
    }

    override associationReleaseRequested(): void {
      this.sendAssociationReleaseResponse();
    }

    override cEchoRequest(request: CEchoRequest, callback: (r: CEchoResponse) => void): void {
      const response = dimse.responses.CEchoResponse.fromRequest(request);
      response.setStatus(Status.Success);
      callback(response);
    }

    /** Only the Modality Worklist is queried here; no other FIND context is ever accepted. */
    override cFindRequest(request: CFindRequest, callback: (r: CFindResponse[]) => void): void {
      const work =
        worklist && request.getAffectedSopClassUid() === MODALITY_WORKLIST_FIND
          ? answerWorklistFind(request, worklist, this.alog).then(callback)
          : Promise.resolve(callback([notSupported(request)]));
      inflight.add(work);
      void work.finally(() => inflight.delete(work));
    }

    override createStoreWritableStream(context: PresentationContext, request: CStoreRequest) {
      const writer = queue.stage(
        buildPart10Meta(
          {
            sopClassUid: request.getAffectedSopClassUid(),
            sopInstanceUid: request.getAffectedSopInstanceUid(),
            transferSyntaxUid: context.getAcceptedTransferSyntaxUid() ?? '',
            sourceAeTitle: this.association.getCallingAeTitle(),
          },
          GATEWAY_IMPLEMENTATION,
        ),
        { pause: () => this.socket.pause(), resume: () => this.socket.resume() },
      );
      this.staging.set(request, writer);
      return writer;
    }

    override createDatasetFromStoreWritableStream(
      _writable: unknown,
      context: PresentationContext,
      callback: (dataset: InstanceType<typeof dimse.Dataset>) => void,
    ): void {
      // The dataset stays on disk; cStoreRequest waits for the staged file, not for this object.
      callback(new dimse.Dataset({}, context.getAcceptedTransferSyntaxUid()));
    }

    override cStoreRequest(request: CStoreRequest, callback: (r: CStoreResponse) => void): void {
      const writer = this.staging.get(request);
      this.staging.delete(request);
      const work = this.store(request, writer).then(callback);
      inflight.add(work);
      void work.finally(() => inflight.delete(work));
    }

    private async store(request: CStoreRequest, writer: StagingWriter | undefined) {
      const response = dimse.responses.CStoreResponse.fromRequest(request);
      const sopInstanceUid = request.getAffectedSopInstanceUid();
      try {
        if (!writer) throw new Error('no dataset was staged for this C-STORE');
        const staged = await writer.staged;
        const { item, duplicate } = await acceptInstance(queue, config.priority, staged, {
          callingAeTitle: this.association.getCallingAeTitle(),
        });
        response.setStatus(Status.Success);
        this.alog.info(
          {
            event: 'dimse.stored',
            sopInstanceUid,
            id: item.id,
            bytes: item.bytes,
            priority: item.priority,
            duplicate,
          },
          'instance queued',
        );
      } catch (e) {
        await writer?.discard();
        const { status, code } = failureStatus(e);
        const message = (e as Error).message;
        response.setStatus(status);
        response.setErrorComment(message.replace(/[^\x20-\x5b\x5d-\x7e]/g, ' ').slice(0, 64));
        errors.push(code, `C-STORE of ${sopInstanceUid} failed: ${message}`);
        this.alog.error(
          { event: 'dimse.storeFailed', sopInstanceUid, code, err: message },
          'instance not queued',
        );
      }
      return response;
    }

    override abort(): void {
      this.alog.info({ event: 'dimse.aborted' }, 'association aborted by the sender');
    }
  }

  const server = new dimse.Server(GatewayScp);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('networkError', (e: Error) => reject(e));
    server.listen(config.port);
  });
  server.on('networkError', (e: Error) =>
    log.warn({ event: 'dimse.networkError', err: e.message }, 'DICOM network error'),
  );
  log.info(
    { event: 'dimse.listening', port: config.port, aeTitle: config.aeTitle },
    'DICOM receiver listening',
  );

  return {
    async close() {
      closing = true;
      await Promise.allSettled([...inflight]);
      server.close();
    },
  };
}
