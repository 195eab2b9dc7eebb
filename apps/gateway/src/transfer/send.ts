import fs from 'node:fs/promises';
import type { QueueItem } from '../queue/types';
import type { CompressThread } from './compressThread';
import type { TransferConfig } from './config';
import { stowBatch, type BatchEntry } from './stow';
import { tusUpload } from './tus';
import type { TusState } from './tusState';
import type { SendOutcome, TransferStats } from './types';
import type { WireMeter } from './wire';

/**
 * One unit of work of the transfer loop: a batch of small instances by STOW-RS, or one large
 * instance by tus. Reads the received files, prepares them (compression thread), sends, and
 * answers an outcome per queue item id; a LinkDown thrown from here pauses the loop.
 */

/** What a job needs from the loop. */
export interface JobContext {
  cfg: TransferConfig;
  centreUrl: string;
  token: string;
  compressor: CompressThread;
  tus: TusState;
  meter: WireMeter;
  stats: TransferStats;
  signal: AbortSignal;
}

/** Reads and prepares `item`; a file that is gone is a refusal for good. */
async function prepare(ctx: JobContext, item: QueueItem): Promise<BatchEntry | SendOutcome> {
  let file: Buffer;
  try {
    file = await fs.readFile(item.path);
  } catch (e) {
    return {
      kind: 'refused',
      code: 'GATEWAY_FILE_MISSING',
      message: `The received file ${item.path} cannot be read: ${(e as Error).message}.`,
    };
  }
  const prepared = await ctx.compressor.prepare(file, ctx.cfg.compression, ctx.cfg.gzipFallback);
  return { item, prepared };
}

const isEntry = (x: BatchEntry | SendOutcome): x is BatchEntry => 'prepared' in x;

/** Sends one large item by tus. */
export async function sendLarge(
  ctx: JobContext,
  item: QueueItem,
): Promise<Map<string, SendOutcome>> {
  const p = await prepare(ctx, item);
  if (!isEntry(p)) return new Map([[item.id, p]]);
  const outcome = await tusUpload({
    centreUrl: ctx.centreUrl,
    token: ctx.token,
    item,
    prepared: p.prepared,
    chunkBytes: ctx.cfg.tusChunkBytes,
    state: ctx.tus,
    meter: ctx.meter,
    idleMs: ctx.cfg.requestTimeoutMs,
    signal: ctx.signal,
  });
  ctx.stats.recordSent(p.prepared.body.length, p.prepared.originalBytes);
  return new Map([[item.id, outcome]]);
}

/**
 * Sends a batch of small items by STOW-RS: pixel-compressed ones in one request, the ones to
 * gzip in another (Content-Encoding covers a whole request).
 */
export async function sendBatch(
  ctx: JobContext,
  items: QueueItem[],
): Promise<Map<string, SendOutcome>> {
  const out = new Map<string, SendOutcome>();
  const entries: BatchEntry[] = [];
  for (const item of items) {
    const p = await prepare(ctx, item);
    if (isEntry(p)) entries.push(p);
    else out.set(item.id, p);
  }
  for (const gzip of [false, true]) {
    const group = entries.filter((e) => e.prepared.gzip === gzip);
    if (!group.length) continue;
    const r = await stowBatch(ctx.centreUrl, ctx.token, group, gzip, ctx.meter, {
      signal: ctx.signal,
      idleMs: ctx.cfg.requestTimeoutMs,
    });
    // The request's bytes are shared out by each part's size (exact without gzip but for the
    // few hundred bytes of part headers).
    const total = group.reduce((n, e) => n + e.prepared.body.length, 0);
    for (const e of group) {
      ctx.stats.recordSent(
        Math.round((r.wireBytes * e.prepared.body.length) / total),
        e.prepared.originalBytes,
      );
      out.set(e.item.id, r.outcomes.get(e.item.id)!);
    }
  }
  return out;
}
