import net from 'node:net';
import dimse, { type Association, type CStoreRequest } from './dimse';

/**
 * The part of dcmjs-dimse's association machinery (its `Network`, which `Scp` extends and
 * `Client` drives) that an outgoing association uses. The library does not export the class:
 * it is reached as `Scp`'s base class, a shape `checkDimseShape` (libraryShape.ts) verifies.
 */
export interface DimseNetwork {
  sendAssociationRequest(association: Association): void;
  sendRequests(request: CStoreRequest): void;
  sendAssociationReleaseRequest(): void;
  sendAbort(): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

type NetworkClass = new (
  socket: net.Socket,
  opts: { connectTimeout?: number; associationTimeout?: number; pduTimeout?: number },
) => DimseNetwork;

/** dcmjs-dimse's `Network` class (`lib` is the library; tests pass a doctored copy). */
export const networkClassOf = (lib: typeof dimse = dimse): NetworkClass =>
  Object.getPrototypeOf(lib.Scp) as NetworkClass;

/** Timeouts of an outgoing association, in milliseconds. */
export interface OutgoingTimeouts {
  connectTimeout: number;
  associationTimeout: number;
  pduTimeout: number;
}

/**
 * An association Telerad opens to a peer (a C-MOVE destination, PS3.4 §C.4.2.3) and sends
 * C-STOREs on one at a time, each once its caller has it ready. Unlike dcmjs-dimse's `Client`,
 * which sends every request it was given as soon as the peer accepts, this leaves the time
 * between acceptance and each send to the caller: objects are transcoded then, on the
 * transcoding thread, for the presentation contexts the peer accepted, and the library only
 * writes bytes already in the accepted syntax.
 */
export class OutgoingAssociation {
  private closed = false;
  private readonly closing: Promise<void>;

  private constructor(
    private readonly network: DimseNetwork,
    /** The association as the peer accepted it (results of every presentation context). */
    readonly association: Association,
    socket: net.Socket,
  ) {
    this.closing = new Promise((resolve) => {
      network.on('close', () => {
        this.closed = true;
        resolve();
      });
    });
    network.on('associationReleaseResponse', () => socket.end());
    network.on('networkError', () => socket.destroy());
  }

  /**
   * Connects to `host:port` and requests `association`. Resolves once the peer accepted it;
   * rejects with the reason when the peer rejects it or cannot be reached.
   */
  static open(
    host: string,
    port: number,
    association: Association,
    timeouts: OutgoingTimeouts,
  ): Promise<OutgoingAssociation> {
    const Network = networkClassOf();
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    const network = new Network(socket, timeouts);
    return new Promise((resolve, reject) => {
      network.on('connect', () => network.sendAssociationRequest(association));
      network.on('associationAccepted', (accepted: Association) =>
        resolve(new OutgoingAssociation(network, accepted, socket)),
      );
      network.on('associationRejected', (r: { result: number; reason: number }) => {
        socket.end();
        reject(new Error(`association rejected (result ${r.result}, reason ${r.reason})`));
      });
      network.on('networkError', (e: Error) => {
        socket.destroy();
        reject(e);
      });
      network.on('close', () => reject(new Error('the connection closed')));
    });
  }

  /**
   * Sends one C-STORE and resolves with the peer's status, or undefined when it was not sent
   * (no accepted presentation context carries its dataset's syntax, or the association is gone).
   * The dataset must already be in the syntax of an accepted context for its SOP class.
   */
  send(request: CStoreRequest): Promise<number | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const pc = this.association.getAcceptedPresentationContextFromRequest(request);
    const ts = request.getDataset()?.getTransferSyntaxUid();
    if (!pc || pc.getAcceptedTransferSyntaxUid() !== ts) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      let status: number | undefined;
      const done = () => resolve(status);
      request.on('response', (rsp: { getStatus(): number }) => {
        status = rsp.getStatus();
      });
      request.on('done', done);
      void this.closing.then(done);
      this.network.sendRequests(request);
    });
  }

  /** Releases the association (PS3.8 §7.2) and resolves once the connection is closed. */
  release(): Promise<void> {
    if (!this.closed) this.network.sendAssociationReleaseRequest();
    return this.closing;
  }

  /** Aborts the association (A-ABORT) and resolves once the connection is closed. */
  abort(): Promise<void> {
    if (!this.closed) this.network.sendAbort();
    return this.closing;
  }
}
