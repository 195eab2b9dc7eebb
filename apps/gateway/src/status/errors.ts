import type { GatewayErrorReport } from '@telerad/contracts';

/** One error the gateway met, numbered so the heartbeat can send only the new ones. */
export interface RecordedError extends GatewayErrorReport {
  seq: number;
}

/**
 * The gateway's recent errors (reception, queue, heartbeat, transfer): the last `capacity` for
 * the status page, and a running count. The heartbeat sends those after its last accepted one.
 */
export class ErrorRing {
  private readonly ring: RecordedError[] = [];
  private seq = 0;

  constructor(private readonly capacity = 50) {}

  /** Records an error: a stable `code` (e.g. `DISK_FULL`) and a message without patient data. */
  push(code: string, message: string, at = new Date()): void {
    this.ring.push({
      seq: ++this.seq,
      at: at.toISOString(),
      code: code.slice(0, 60),
      message: message.slice(0, 500),
    });
    if (this.ring.length > this.capacity) this.ring.shift();
  }

  /** Errors recorded so far since start. */
  get count(): number {
    return this.seq;
  }

  /** The most recent errors, newest last. */
  recent(limit = this.capacity): RecordedError[] {
    return this.ring.slice(-limit);
  }

  /** Errors numbered after `seq` still in the ring, newest last, at most `limit`. */
  since(seq: number, limit: number): RecordedError[] {
    return this.ring.filter((e) => e.seq > seq).slice(-limit);
  }
}
