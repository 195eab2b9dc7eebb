import type { Socket } from 'node:net';

/**
 * How long and how many DIMSE connections may wait on the peer. Every connection is either in
 * an association, or has its ARTIM timer running (PS3.8 §9.1.5): waiting for the A-ASSOCIATE-RQ
 * after the transport connection was accepted (state Sta2), or for the peer to close after an
 * A-ASSOCIATE-RJ, A-RELEASE-RP or A-ABORT (Sta13). A connection with ARTIM running has proved
 * nothing about who it is, so it holds no association slot, and only a few may wait per address.
 */
export interface DimseConnectionLimits {
  /** The ARTIM timeout (ms): the transport connection is closed when it expires. */
  artimMs: number;
  /**
   * An association that sends no PDU for this long (ms), while it is owed no response and its
   * reads are not paused for backpressure, is aborted (A-ABORT).
   */
  idleMs: number;
  /**
   * Connections from one remote address with ARTIM running at once. When another arrives, the
   * one that has waited longest is closed: a live peer sends its A-ASSOCIATE-RQ within
   * milliseconds, so the newest is the likeliest to be a clinic rather than a held-open socket.
   */
  pendingPerAddress: number;
}

/** Defaults: ARTIM 30 s, idle 300 s, 20 connections waiting per address. */
export const DEFAULT_CONNECTION_LIMITS: DimseConnectionLimits = {
  artimMs: 30_000,
  idleMs: 300_000,
  pendingPerAddress: 20,
};

/** The connections of each remote address that have ARTIM running, oldest first. */
export class WaitingConnections {
  private readonly byAddress = new Map<string, Set<() => void>>();

  constructor(private readonly perAddress: number) {}

  /**
   * Counts a connection from `address` as waiting until the returned function is called;
   * `close` ends it when it must make room. The oldest waiting connections of the address are
   * closed first so that at most `perAddress` wait at once.
   */
  wait(address: string, close: () => void): () => void {
    const key = addressKey(address);
    let waiting = this.byAddress.get(key);
    if (!waiting) this.byAddress.set(key, (waiting = new Set()));
    for (const oldest of waiting) {
      if (waiting.size < this.perAddress) break;
      waiting.delete(oldest);
      oldest();
    }
    const entry = () => close();
    waiting.add(entry);
    return () => {
      waiting.delete(entry);
      if (waiting.size === 0 && this.byAddress.get(key) === waiting) this.byAddress.delete(key);
    };
  }

  /** Connections waiting from `address` now. */
  count(address: string): number {
    return this.byAddress.get(addressKey(address))?.size ?? 0;
  }
}

/**
 * The key an address is counted under: an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, as a
 * dual-stack listener reports IPv4 peers) counts as its IPv4 address, and an IPv6 address by its
 * /64, the prefix one host is commonly given, so one host cannot escape the cap by address.
 */
export function addressKey(address: string): string {
  const a = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(':')) return a;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** What a connection's clock does when a time runs out. */
export interface ClockExpiry {
  /** ARTIM expired: close the transport connection (PS3.8 §9.2, action AA-2). */
  artim(): void;
  /** The association was idle for `idleMs`: abort it. */
  idle(): void;
}

/**
 * The timers of one DIMSE connection: ARTIM while it waits on the peer outside an association,
 * and the idle timeout inside one. The idle timer is not reset per PDU (a timer per PDU would
 * cost more than the PDU): each PDU notes the time, and the timer, when it fires, re-arms itself
 * for what is left.
 */
export class ConnectionClock {
  private timer: NodeJS.Timeout | undefined;
  private stopWaiting: (() => void) | undefined;
  private lastPdu = 0;
  private owed = 0;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly limits: DimseConnectionLimits,
    private readonly waiting: WaitingConnections,
    private readonly expiry: ClockExpiry,
  ) {
    socket.once('close', () => {
      this.closed = true;
      this.clear();
    });
  }

  /** Starts ARTIM: the peer must send an A-ASSOCIATE-RQ, or close, before it expires. */
  awaitPeer(): void {
    if (this.closed) return;
    this.clear();
    this.stopWaiting = this.waiting.wait(this.socket.remoteAddress ?? '', () =>
      this.socket.destroy(),
    );
    this.timer = setTimeout(() => this.expiry.artim(), this.limits.artimMs);
  }

  /** The A-ASSOCIATE-RQ arrived: ARTIM stops (PS3.8 §9.2, action AE-6). */
  associationRequested(): void {
    this.clear();
  }

  /** The association is accepted: from now on it is aborted when idle. */
  associated(): void {
    if (this.closed) return;
    this.clear();
    this.lastPdu = Date.now();
    this.armIdle(this.limits.idleMs);
  }

  /** A whole PDU arrived from the peer. */
  pdu(): void {
    this.lastPdu = Date.now();
  }

  /**
   * The peer waits on us until `work` settles (a response is owed): the association is not idle
   * meanwhile, and its idle time counts from when the work ended.
   */
  owe(work: Promise<unknown>): void {
    this.owed++;
    const done = () => {
      this.owed--;
      this.lastPdu = Date.now();
    };
    // Both ways: a failed piece of work is the caller's to report, not an unhandled rejection here.
    work.then(done, done);
  }

  private armIdle(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = Date.now();
      // A paused socket is our backpressure (ingest is slower than the peer), not the peer's
      // silence; likewise while the peer waits for a response of ours.
      if (this.owed > 0 || this.socket.isPaused()) this.lastPdu = now;
      const left = this.lastPdu + this.limits.idleMs - now;
      if (left > 0) this.armIdle(left);
      else this.expiry.idle();
    }, ms);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopWaiting?.();
    this.stopWaiting = undefined;
  }
}
