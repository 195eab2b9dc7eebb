import net from 'node:net';
import {
  Command,
  IPv4Address,
  IPv4ProxyAddress,
  IPv6Address,
  IPv6ProxyAddress,
  TransportProtocol,
  UnspecProxyAddress,
  V2ProxyProtocol,
} from 'proxy-protocol-js';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptThroughProxy, readProxyHeader, type ProxyProtocolDoor } from './proxyProtocol';

/** A v2 PROXY header as HAProxy's send-proxy-v2 writes it, from the client at `a.b.c.d:port`. */
function header(address: [number, number, number, number], port: number): Buffer {
  return Buffer.from(
    new V2ProxyProtocol(
      Command.PROXY,
      TransportProtocol.STREAM,
      new IPv4ProxyAddress(new IPv4Address(address), port, new IPv4Address([127, 0, 0, 1]), 11112),
    ).build(),
  );
}

const LOCAL = Buffer.from(
  new V2ProxyProtocol(Command.LOCAL, TransportProtocol.UNSPEC, new UnspecProxyAddress()).build(),
);

describe('readProxyHeader', () => {
  it('waits for a header split across chunks, then returns the bytes after it', () => {
    const h = header([10, 1, 2, 3], 40000);
    const pdu = Buffer.from([0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0xaa, 0xbb]);
    for (const cut of [1, 12, 15, 16, h.length - 1])
      expect(readProxyHeader(h.subarray(0, cut))).toEqual({ kind: 'more' });
    expect(readProxyHeader(Buffer.concat([h, pdu]))).toEqual({
      kind: 'proxied',
      address: '10.1.2.3',
      port: 40000,
      family: 'IPv4',
      rest: pdu,
    });
  });

  it('reads IPv6 clients in the form Node reports them', () => {
    const bytes = [0x20, 0x01, 0x0d, 0xb8, ...Array<number>(11).fill(0), 0x07];
    const h = new V2ProxyProtocol(
      Command.PROXY,
      TransportProtocol.STREAM,
      new IPv6ProxyAddress(
        IPv6Address.createFrom(bytes),
        5000,
        IPv6Address.createWithEmptyAddress(),
        11112,
      ),
    ).build();
    expect(readProxyHeader(Buffer.from(h))).toMatchObject({
      kind: 'proxied',
      address: '2001:db8::7',
      family: 'IPv6',
    });
  });

  it('tells a health check (LOCAL) from a client, and refuses what is not a header', () => {
    expect(readProxyHeader(LOCAL)).toEqual({ kind: 'local', rest: Buffer.alloc(0) });
    // An A-ASSOCIATE-RQ from a peer that should have been behind the proxy.
    expect(readProxyHeader(Buffer.from([0x01, 0x00, 0x00, 0x00]))).toMatchObject({
      kind: 'invalid',
    });
    // Version 1 (text) is not what send-proxy-v2 sends.
    expect(readProxyHeader(Buffer.from('PROXY TCP4 10.0.0.1 10.0.0.2 1 2\r\n'))).toMatchObject({
      kind: 'invalid',
    });
  });
});

describe('acceptThroughProxy', () => {
  const closers: (() => void)[] = [];
  afterEach(() => closers.splice(0).forEach((c) => c()));

  /** A door on loopback whose connections report their address and first bytes. */
  async function door(trusted: boolean) {
    const seen: { address: string | undefined; bytes: Buffer }[] = [];
    const refusals: string[] = [];
    const d: ProxyProtocolDoor = {
      trusted: () => trusted,
      headerTimeoutMs: 60_000,
      refused: (_s, reason) => refusals.push(reason),
    };
    const server = net.createServer(
      acceptThroughProxy(d, (socket) => {
        const entry = { address: socket.remoteAddress, bytes: Buffer.alloc(0) };
        seen.push(entry);
        socket.on('data', (b: Buffer) => {
          entry.bytes = Buffer.concat([entry.bytes, b]);
          if (entry.bytes.length >= 8) socket.end('ok');
        });
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => server.close());
    const port = (server.address() as net.AddressInfo).port;
    /** Sends `chunks` one write at a time and resolves with what the door answered. */
    const send = (chunks: Buffer[]) =>
      new Promise<string>((resolve) => {
        const c = net.connect(port, '127.0.0.1');
        let answer = '';
        c.on('data', (b: Buffer) => (answer += b.toString()));
        c.on('error', () => undefined);
        c.on('close', () => resolve(answer));
        c.once('connect', async () => {
          for (const chunk of chunks) {
            c.write(chunk);
            // Separate TCP segments: the next write waits until this one has left.
            await new Promise((r) => setImmediate(r));
          }
        });
      });
    return { seen, refusals, send };
  }

  it('hands on the client address and the PDU bytes behind a header split across writes', async () => {
    const d = await door(true);
    const h = header([127, 0, 0, 5], 1234);
    const pdu = Buffer.from('ABCDEFGH');
    const answer = await d.send([
      h.subarray(0, 7),
      h.subarray(7),
      pdu.subarray(0, 3),
      pdu.subarray(3),
    ]);
    expect(answer).toBe('ok');
    expect(d.seen).toEqual([{ address: '127.0.0.5', bytes: pdu }]);
    // And with the first PDU in the same segment as the header.
    expect(await d.send([Buffer.concat([h, pdu])])).toBe('ok');
    expect(d.seen[1]).toEqual({ address: '127.0.0.5', bytes: pdu });
    expect(d.refusals).toEqual([]);
  });

  it('closes health checks quietly and refuses a trusted peer without a header', async () => {
    const d = await door(true);
    expect(await d.send([LOCAL])).toBe('');
    expect(await d.send([Buffer.from('ABCDEFGH')])).toBe('');
    expect(d.seen).toEqual([]);
    expect(d.refusals).toEqual(['the connection did not start with a PROXY protocol v2 header']);
  });

  it('does not read a header from a peer that is not trusted', async () => {
    const d = await door(false);
    const h = header([10, 9, 9, 9], 1);
    await d.send([h]);
    expect(d.seen).toHaveLength(1);
    expect(d.seen[0]!.address).toBe('127.0.0.1');
    expect(d.seen[0]!.bytes.subarray(0, h.length)).toEqual(h);
  });
});
