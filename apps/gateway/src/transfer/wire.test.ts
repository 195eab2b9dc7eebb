import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBucket } from './throttle';
import { LinkDown } from './types';
import { send } from './wire';

/**
 * How answers of the centre are classed, over a real local HTTP server: statuses that say the
 * link or the centre failed (408 after a cut, 429, 5xx) pause the loop instead of refusing the
 * objects, which would park them for a day.
 */
let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(Number(req.url!.slice(1))).end('answer'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const meter = { bucket: new TokenBucket(0), onBytes: () => undefined };
const post = (status: number) =>
  send({ method: 'POST', url: `${url}/${status}`, headers: {}, body: Buffer.from('x') }, meter);

describe('centre answers', () => {
  it.each([
    [408, 'GATEWAY_LINK_STALLED'],
    [429, 'GATEWAY_CENTRE_BUSY'],
    [503, 'GATEWAY_CENTRE_ERROR'],
  ])('%i is the link, not the objects (%s)', async (status, code) => {
    const e = await post(status).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LinkDown);
    expect((e as LinkDown).code).toBe(code);
  });

  it('hands other statuses to the caller to read', async () => {
    expect((await post(409)).status).toBe(409);
    expect((await post(200)).status).toBe(200);
  });
});
