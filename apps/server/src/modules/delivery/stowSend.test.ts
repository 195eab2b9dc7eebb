import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stowStore } from './stowSend';

/**
 * The STOW-RS client against a small HTTP origin that answers as the test says: what counts as
 * stored (PS3.18 §10.5.3) and what the request carries.
 */
let server: http.Server;
let url = '';
let answer: { status: number; body: string } = { status: 200, body: '{}' };
const seen: { url: string; type: string; auth: string; body: Buffer }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        url: req.url ?? '',
        type: req.headers['content-type'] ?? '',
        auth: req.headers.authorization ?? '',
        body: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, { 'content-type': 'application/dicom+json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const file = Buffer.from('DICM-bytes-of-one-instance');

describe('stowStore', () => {
  it('posts one multipart/related part to <root>/studies with the credential', async () => {
    answer = { status: 200, body: '{}' };
    await stowStore({ url, auth: 'basic', credential: 'cad:pw' }, file);
    const req = seen.at(-1)!;
    expect(req.url).toBe('/dicom-web/studies');
    expect(req.type).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    expect(req.auth).toBe(`Basic ${Buffer.from('cad:pw').toString('base64')}`);
    expect(req.body.includes(file)).toBe(true);
  });

  it('takes a 202 without a Failed SOP Sequence as stored, and refuses one with it', async () => {
    answer = { status: 202, body: JSON.stringify({ '00081199': { vr: 'SQ', Value: [{}] } }) };
    await expect(stowStore({ url, auth: 'none', credential: null }, file)).resolves.toBeUndefined();
    answer = { status: 202, body: JSON.stringify({ '00081198': { vr: 'SQ', Value: [{}] } }) };
    await expect(stowStore({ url, auth: 'none', credential: null }, file)).rejects.toThrow(
      /answered 202/,
    );
  });

  it('throws with the status and what the origin said', async () => {
    answer = { status: 409, body: 'conflict: study exists' };
    await expect(stowStore({ url, auth: 'bearer', credential: 'tok' }, file)).rejects.toThrow(
      /answered 409: conflict: study exists/,
    );
    expect(seen.at(-1)!.auth).toBe('Bearer tok');
  });
});
