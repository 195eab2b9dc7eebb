import { Readable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../demo';
import { forEachPart, parseMediaType } from './multipart';

/** Test helpers for DICOMweb integration tests: Basic auth, STOW bodies, multipart answers. */

/** An HTTP Basic Authorization header for a demo account. */
export function basic(username: string, password = DEMO_PASSWORD): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** A STOW-RS request body of application/dicom parts, and its Content-Type. */
export function stowBody(
  parts: (Buffer | { body: Buffer; type: string })[],
  boundary = 'stow-test-boundary-7d1f',
): { payload: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const body = Buffer.isBuffer(p) ? p : p.body;
    const type = Buffer.isBuffer(p) ? 'application/dicom' : p.type;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Type: ${type}\r\n\r\n`),
      body,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
}

/** One part of a multipart answer. */
export interface ReceivedPart {
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits a multipart/related response into its parts (with the server's own parser). */
export async function partsOf(res: LightMyRequestResponse): Promise<ReceivedPart[]> {
  const ct = parseMediaType(String(res.headers['content-type']));
  if (ct.type !== 'multipart/related' || !ct.params.boundary)
    throw new Error(
      `not multipart: ${res.statusCode} ${String(res.headers['content-type'])} ${res.body.slice(0, 300)}`,
    );
  const out: ReceivedPart[] = [];
  await forEachPart(Readable.from([res.rawPayload]), ct.params.boundary, async (p) => {
    const chunks: Buffer[] = [];
    for await (const c of p.body) chunks.push(c as Buffer);
    out.push({ headers: p.headers, body: Buffer.concat(chunks) });
  });
  return out;
}

/** A request as `username` with HTTP Basic. */
export function as(app: FastifyInstance, username: string) {
  return (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { authorization: basic(username), ...(opts.headers ?? {}) } });
}

/** STOWs `files` as `username`, optionally into one study URL or for a named clinic. */
export function stowAs(
  app: FastifyInstance,
  username: string,
  files: (Buffer | { body: Buffer; type: string })[],
  opts: { studyUid?: string; clinic?: string } = {},
) {
  const { payload, contentType } = stowBody(files);
  const path = opts.studyUid ? `/dicomweb/studies/${opts.studyUid}` : '/dicomweb/studies';
  return as(
    app,
    username,
  )({
    method: 'POST',
    url: opts.clinic ? `${path}?clinic=${opts.clinic}` : path,
    payload,
    headers: { 'content-type': contentType, accept: 'application/dicom+json' },
  });
}

/** The FailedSOPSequence / ReferencedSOPSequence items of a STOW answer. */
export function stowItems(res: LightMyRequestResponse) {
  type Item = Record<string, { Value?: unknown[] }>;
  const body = res.json() as Record<string, { Value?: Item[] }>;
  const val = (i: Item, t: string) => i[t]?.Value?.[0];
  return {
    stored: (body['00081199']?.Value ?? []).map((i) => ({
      sopUid: val(i, '00081155') as string,
      url: val(i, '00081190') as string,
    })),
    failed: (body['00081198']?.Value ?? []).map((i) => ({
      sopUid: val(i, '00081155') as string | undefined,
      reason: val(i, '00081197') as number,
      code: val(i, '00091001') as string,
      message: val(i, '00091002') as string,
    })),
  };
}
