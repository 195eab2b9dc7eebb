import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { ERRORS, toAppError, type AppError } from '../../platform/errors';
import { storeInstance, type IngestDeps, type IngestOrigin, type StoreResult } from '../ingest';
import dimse from './dimse';
import { buildPart10Meta, type MetaFields } from './meta';
import type { StoreSink } from './storeRouter';

/** How one C-STORE ended: stored (or a duplicate), or refused with a catalogue error. */
export type StoreOutcome = { ok: true; result: StoreResult } | { ok: false; error: AppError };

/** Bytes buffered towards ingest before the socket is paused (backpressure to the sender). */
export const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * One C-STORE dataset being received (PS3.7 §9.1.1, PS3.4 Annex B). It writes the Part 10 meta
 * into a stream, hands that stream to `storeInstance` at once, and then passes every PDV value
 * through unchanged, so ingest stages the object to disk while it arrives; nothing is held in
 * memory beyond one buffer. When ingest cannot keep up, the TCP socket is paused until it drains.
 *
 * Must stay true: `result` settles exactly once and never rejects; a failure of ingest or of the
 * association never leaves the socket paused.
 */
export class StoreReception implements StoreSink {
  /** Settles when ingest has committed (or refused) the object. */
  readonly result: Promise<StoreOutcome>;
  private readonly pass: PassThrough;
  private readonly resume: () => void;
  private failed = false;
  private paused = false;

  constructor(
    deps: IngestDeps,
    private readonly socket: Socket,
    meta: MetaFields,
    origin: IngestOrigin,
    bufferBytes: number,
  ) {
    this.pass = new PassThrough({ highWaterMark: bufferBytes });
    // Errors reach ingest through its pipeline; this listener keeps an early one from crashing.
    this.pass.on('error', () => undefined);
    this.pass.write(buildPart10Meta(meta));
    this.resume = () => {
      if (this.paused) {
        this.paused = false;
        socket.resume();
      }
    };
    this.result = storeInstance(deps, this.pass, origin).then(
      (result): StoreOutcome => ({ ok: true, result }),
      (err: unknown): StoreOutcome => {
        this.failed = true;
        this.pass.destroy();
        this.resume();
        return { ok: false, error: toAppError(err) };
      },
    );
  }

  /** One dataset fragment, forwarded at once; a full buffer pauses the socket. */
  write(fragment: Buffer): void {
    if (this.failed || this.pass.destroyed) return; // refused: the rest is dropped
    if (!this.pass.write(fragment) && !this.paused) {
      this.paused = true;
      this.socket.pause();
      this.pass.once('drain', this.resume);
    }
  }

  /** The dataset is complete. */
  end(): void {
    if (!this.failed && !this.pass.destroyed) this.pass.end();
    // Whatever the socket holds next is the next message. A write that filled the buffer last
    // paused the socket, and an ended stream never emits 'drain', so it is resumed here.
    this.resume();
  }

  /** The association ended before the dataset was complete: ingest discards what it staged. */
  abort(reason: string): void {
    if (!this.pass.writableEnded) this.pass.destroy(new Error(reason));
    this.resume();
  }
}

/** The longest Error Comment (0000,0902), an LO value (PS3.7 §C.4). */
const COMMENT_MAX = 64;

/** Error Comment text: printable ASCII without backslash, at most 64 characters. */
export function errorComment(text: string): string {
  const clean = text
    .replace(/[^\x20-\x5b\x5d-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= COMMENT_MAX ? clean : `${clean.slice(0, COMMENT_MAX - 3)}...`;
}

/**
 * The C-STORE response status for an outcome (PS3.4 §B.2.3): 0x0000 when stored or a duplicate;
 * otherwise the catalogue's DIMSE status (A7xx out of resources, A900 dataset does not match
 * SOP class, Cxxx cannot understand, 0124 refused), falling back to 0x0110 processing failure.
 */
export function storeStatus(outcome: StoreOutcome): { status: number; comment?: string } {
  if (outcome.ok) return { status: dimse.constants.Status.Success };
  const entry = ERRORS[outcome.error.code];
  return {
    status: 'dimseStatus' in entry ? entry.dimseStatus : dimse.constants.Status.ProcessingFailure,
    comment: errorComment(outcome.error.message),
  };
}

/** C-FIND/C-MOVE/C-GET failure status for a catalogue error (PS3.4 §C.4.1.1.4, §C.4.2.1.5). */
export function queryStatus(e: AppError, retrieve: boolean): number {
  if (e.code === 'VALIDATION_FAILED') return 0xa900; // Identifier does not match SOP Class
  if (e.code === 'SERVICE_UNAVAILABLE' || e.code === 'AUDIT_UNAVAILABLE')
    return retrieve ? 0xa701 : 0xa700; // out of resources
  return 0xc000; // unable to process
}
