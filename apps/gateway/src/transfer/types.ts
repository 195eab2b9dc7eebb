import type { GatewayQueue } from '../queue/types';

/**
 * What the transfer loop needs from the rest of the gateway (`run.ts` hands these over): the
 * queue it drains, the counters the heartbeat reports, the error list support sees, the token
 * from enrolment and a logger.
 */

/** Counters for the heartbeat (contracts `GatewayHeartbeat`). */
export interface TransferStats {
  /** One instance left: its bytes on the wire and as received (the compression saving). */
  recordSent(bytesOnWire: number, originalBytes: number): void;
  /** The centre accepted one instance. */
  recordSuccess(): void;
  /** Measured upload rate over recent transfers (kbit/s), when the stats keep it. */
  recordLinkKbps?(kbps: number): void;
}

/** The error list of the heartbeat. */
export interface TransferErrors {
  push(e: { code: string; message: string }): void;
}

/** A pino-like logger: only what transfer calls. */
export interface TransferLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The arguments of `startTransfer`. */
export interface TransferDeps {
  /** The raw `transfer` object of the gateway config (validated by `TransferConfig`). */
  config: unknown;
  queue: GatewayQueue;
  stats: TransferStats;
  errors: TransferErrors;
  /**
   * The API token from enrolment, sent as `Authorization: Bearer`; a function is asked at each
   * request, so a token replaced by re-enrolment is used without restarting the loop.
   */
  token: string | (() => string);
  log: TransferLog;
  /** The centre's base URL when the gateway config keeps it outside `transfer`. */
  centreUrl?: string;
  /** The gateway's data directory; transfer keeps its state in `<dataDir>/transfer/`. */
  dataDir?: string;
}

/** The running loop. */
export interface TransferHandle {
  /** Stops taking new work, lets requests in flight end (or aborts them), and resolves. */
  stop(): Promise<void>;
}

/** What became of one instance sent. */
export type SendOutcome =
  | { kind: 'stored' }
  /** Worth another try soon (changed on the way, centre busy): backoff. */
  | { kind: 'retry'; code: string; message: string }
  /** The object itself is refused: keep it, try again much later, tell support. */
  | { kind: 'refused'; code: string; message: string };

/** The link or the centre as a whole failed: pause everything, spend no item's attempts. */
export class LinkDown extends Error {
  constructor(
    message: string,
    readonly code: string = 'GATEWAY_LINK_DOWN',
  ) {
    super(message);
    this.name = 'LinkDown';
  }
}
