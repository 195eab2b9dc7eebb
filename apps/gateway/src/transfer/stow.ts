import { createHash, randomBytes } from 'node:crypto';
import type { QueueItem } from '../queue/types';
import { gzipBody, type Prepared } from './compress';
import { parseStowResponse } from './stowResponse';
import { LinkDown, type SendOutcome } from './types';
import { send, type WireMeter } from './wire';

/**
 * STOW-RS of a batch of small instances (PS3.18 §10.5): one multipart/related request of
 * application/dicom parts to `<centre>/dicomweb/studies` with the gateway's bearer token. Each
 * part carries the SHA-256 of exactly its bytes as an RFC 9530 `Content-Digest`, which the
 * centre checks before storing. A batch of objects the pixel codecs could not shrink is sent
 * with `Content-Encoding: gzip` as a whole.
 */

/** One instance of a batch, prepared for the wire. */
export interface BatchEntry {
  item: QueueItem;
  prepared: Prepared;
}

/** The RFC 9530 Content-Digest field of `body`. */
export function contentDigest(body: Buffer): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/** The multipart/related body of `entries` (RFC 2387) and its boundary. */
export function multipartBody(entries: BatchEntry[]): { body: Buffer; boundary: string } {
  const boundary = `telerad-gw-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const e of entries) {
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: application/dicom\r\n` +
          `Content-Length: ${e.prepared.body.length}\r\n` +
          `Content-Digest: ${contentDigest(e.prepared.body)}\r\n\r\n`,
        'latin1',
      ),
      e.prepared.body,
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'));
  return { body: Buffer.concat(chunks), boundary };
}

/** What a STOW request answered: per-instance outcomes and the bytes it put on the wire. */
export interface StowResult {
  outcomes: Map<string, SendOutcome>;
  wireBytes: number;
}

/**
 * Sends `entries` in one STOW-RS request. Outcomes are per queue item id. Throws LinkDown when
 * the centre cannot be reached or answers 5xx/429, and when it refuses the token (401/403:
 * nothing will go until support fixes it, so no item should pay for it).
 */
export async function stowBatch(
  centreUrl: string,
  token: string,
  entries: BatchEntry[],
  gzip: boolean,
  meter: WireMeter,
  opts: { signal?: AbortSignal; idleMs?: number } = {},
): Promise<StowResult> {
  const { body: raw, boundary } = multipartBody(entries);
  const body = gzip ? gzipBody(raw) : raw;
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: 'application/dicom+json',
    'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
  if (gzip) headers['content-encoding'] = 'gzip';
  const res = await send(
    { method: 'POST', url: `${centreUrl}/dicomweb/studies`, headers, body, ...opts },
    meter,
  );
  const byItem = new Map<string, SendOutcome>();
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    throw new LinkDown(
      `The centre refused the gateway's token (${res.status}): re-enrol the gateway or ask support.`,
      'GATEWAY_TOKEN_REFUSED',
    );
  }
  const text = await res.text();
  if (res.status === 200 || res.status === 202 || res.status === 409) {
    const bySop = parseStowResponse(
      JSON.parse(text) as unknown,
      entries.map((e) => e.item.sopInstanceUid),
    );
    for (const e of entries) byItem.set(e.item.id, bySop.get(e.item.sopInstanceUid)!);
  } else {
    // The request as a whole was refused (415, 400, 413): the same request would be again.
    const message = `The centre refused the upload request (${res.status}): ${text.slice(0, 300)}`;
    for (const e of entries)
      byItem.set(e.item.id, { kind: 'refused', code: `STOW_HTTP_${res.status}`, message });
  }
  return { outcomes: byItem, wireBytes: body.length };
}
