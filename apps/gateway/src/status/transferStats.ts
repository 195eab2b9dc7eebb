/** What the upload side has done, as the heartbeat and status page report it. */
export interface TransferSnapshot {
  /** Epoch ms of the last instance the centre accepted, or null. */
  lastSuccessAt: number | null;
  /** Instances and bytes on the wire since start. */
  sentInstances: number;
  sentBytes: number;
  /** Recent upload rate in kbit/s, or null before any timed transfer. */
  linkKbps: number | null;
  /** Original bytes minus bytes on the wire, since start. */
  compressionSavedBytes: number;
}

/** Anything that can report transfer counters (the transfer loop updates a `TransferStats`). */
export interface TransferStatsSource {
  snapshot(): TransferSnapshot;
}

/** Weight of the newest measurement in the link rate's moving average. */
const RATE_WEIGHT = 0.3;

/** Counters the transfer side updates; cumulative since start (the heartbeat sends deltas). */
export class TransferStats implements TransferStatsSource {
  private lastSuccessAt: number | null = null;
  private sentInstances = 0;
  private sentBytes = 0;
  private savedBytes = 0;
  private kbps: number | null = null;

  /**
   * One instance sent: `bytesOnWire` after compression, `originalBytes` as queued, and, when
   * known, how long the upload took (for the link rate).
   */
  recordSent(bytesOnWire: number, originalBytes: number, durationMs?: number): void {
    this.sentInstances++;
    this.sentBytes += bytesOnWire;
    this.savedBytes += Math.max(0, originalBytes - bytesOnWire);
    if (durationMs && durationMs > 0) {
      const kbps = (bytesOnWire * 8) / durationMs; // bits per ms = kbit/s
      this.kbps = this.kbps === null ? kbps : this.kbps + RATE_WEIGHT * (kbps - this.kbps);
    }
  }

  /** The upload side's own measure of the link (kbit/s over its recent transfers). */
  recordLinkKbps(kbps: number): void {
    this.kbps = kbps;
  }

  /** The centre accepted an instance. */
  recordSuccess(at = Date.now()): void {
    this.lastSuccessAt = at;
  }

  snapshot(): TransferSnapshot {
    return {
      lastSuccessAt: this.lastSuccessAt,
      sentInstances: this.sentInstances,
      sentBytes: this.sentBytes,
      linkKbps: this.kbps === null ? null : Math.round(this.kbps * 10) / 10,
      compressionSavedBytes: this.savedBytes,
    };
  }
}
