/**
 * The gateway's on-disk queue as the transfer side sees it. Reception (the DICOM receiver and the
 * folder watch) writes each instance durably before it is acknowledged; transfer takes items in
 * priority order, sends them, and completes or fails them. Both halves meet only here.
 */

/** How soon an instance must reach the centre. Urgent items are always sent first. */
export type Priority = 'urgent' | 'routine';

/** One instance waiting to be sent, as stored on disk. */
export interface QueueItem {
  /** Stable id of the queue entry (the SOP Instance UID plus a content hash, say). */
  id: string;
  /** Absolute path of the fsynced Part 10 file, exactly as received. */
  path: string;
  /** Size of that file in bytes. */
  bytes: number;
  /** SHA-256 (hex) of the file as received. */
  sha256: string;
  sopInstanceUid: string;
  sopClassUid: string;
  studyInstanceUid: string;
  transferSyntaxUid: string;
  priority: Priority;
  /** Epoch ms of the local acknowledgement. */
  enqueuedAt: number;
  /** Failed send attempts so far, and when the next may start (epoch ms, 0 = now). */
  attempts: number;
  notBefore: number;
  lastError: string | null;
}

/** Depth, bytes and age of the queue, for the heartbeat and the status page. */
export interface QueueStats {
  depth: number;
  bytes: number;
  urgent: number;
  /** Epoch ms of the oldest waiting item, or null when empty. */
  oldestAt: number | null;
}

/** The queue's surface for the transfer loop. Every mutation is durable when its promise settles. */
export interface GatewayQueue {
  /**
   * Up to `limit` items ready to send now (`notBefore <= now`): urgent first, then oldest first.
   */
  ready(limit: number, now?: number): Promise<QueueItem[]>;
  /** The centre accepted the item: remove it for good. */
  complete(id: string): Promise<void>;
  /** A send failed: count the attempt, keep the item, and do not offer it before `notBefore`. */
  fail(id: string, error: string, notBefore: number): Promise<void>;
  stats(): Promise<QueueStats>;
  /** Resolves when a new item is enqueued (or at once if one is ready), so transfer can wait. */
  whenReady(signal?: AbortSignal): Promise<void>;
}
