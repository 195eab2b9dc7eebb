import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import type { TestClient } from '../../testing/http';

/** The tus protocol version header every upload request carries. */
export const TUS = { 'tus-resumable': '1.0.0' };

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A small (64×64) Explicit VR Little Endian CXR written under `dir`, with its bytes. */
export async function smallCxr(dir: string, n: number, seed = n) {
  const f = await writeCxr(path.join(dir, `cxr-${n}.dcm`), 'explicitLE', {
    rows: 64,
    columns: 64,
    seed,
  });
  return { ...f, data: fs.readFileSync(f.path) };
}

/** Starts an upload of `size` bytes (tus creation, optionally naming the file); answers its id. */
export async function createUpload(
  client: TestClient,
  size: number,
  name?: string,
): Promise<string> {
  const res = await client.request({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      ...TUS,
      'upload-length': String(size),
      ...(name ? { 'upload-metadata': `filename ${b64(name)}` } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return String(res.headers.location).split('/').pop()!;
}

/**
 * Sends `bytes` at `offset` of upload `id` (a tus PATCH) as `client`; through `app` when given
 * (another app on the same database), else through the client's own app.
 */
export function patchUpload(
  client: TestClient,
  id: string,
  offset: number,
  bytes: Buffer,
  app?: FastifyInstance,
) {
  const opts = {
    method: 'PATCH' as const,
    url: `/api/uploads/${id}`,
    headers: {
      ...TUS,
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    payload: bytes,
  };
  if (!app) return client.request(opts);
  return app.inject({
    ...opts,
    headers: { ...opts.headers, cookie: client.cookie, 'x-csrf-token': client.csrf },
  });
}
