import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rng, type Rng } from '../../testing/dicom/rng';
import { ABORT_INVALID_PDU, FRAME_MAX, framePdus } from './pdu';

/** A PDU of `type` whose body is `body` (PS3.8 §9.3.1: type, reserved, 32-bit length). */
function pduOf(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(6);
  h[0] = type;
  h.writeUInt32BE(body.length, 2);
  return Buffer.concat([h, body]);
}

/** A random PDU: any of the seven types, a body of 0 to `max` bytes of a random pattern. */
function randomPdu(r: Rng, max: number): Buffer {
  const body = Buffer.alloc(r.int(0, max));
  const [a, b] = [r.int(1, 255), r.int(0, 255)];
  for (let i = 0; i < body.length; i++) body[i] = (i * a + b) & 0xff;
  return pduOf(r.int(1, 7), body);
}

/** `bytes` cut at random places into reads of 1 byte to `max` bytes (small ones often). */
function randomReads(r: Rng, bytes: Buffer, max: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = Math.min(r.next() < 0.3 ? r.int(1, 8) : r.int(1, max), bytes.length - at);
    const read = Buffer.alloc(n); // each read its own memory, as a socket's
    bytes.copy(read, 0, at, at + n);
    out.push(read);
    at += n;
  }
  return out;
}

/**
 * A socket read by a stand-in for dcmjs-dimse's listener, framed: what the route got (each PDU
 * as its parts), what went to the library's listener, and the route's close reasons.
 */
function framed(opts: { route?: boolean } = {}) {
  const socket = new net.Socket();
  const library: Buffer[] = [];
  socket.on('data', (b: Buffer) => library.push(b));
  const pdus: Buffer[][] = [];
  const closed: string[] = [];
  framePdus(
    socket,
    opts.route === false
      ? undefined
      : () => ({ onPdu: (parts) => pdus.push(parts), close: (why) => closed.push(why) }),
  );
  return { socket, library, pdus, closed, read: (b: Buffer) => socket.emit('data', b) };
}

describe('framePdus', () => {
  it('frames the same PDUs, in order, however the reads cut them (100 seeded runs)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const r = rng(seed);
      const sent = Array.from({ length: r.int(1, 12) }, () =>
        randomPdu(r, r.next() < 0.2 ? 70_000 : 300),
      );
      const reads = randomReads(r, Buffer.concat(sent), r.pick([16, 1024, 65_536]));
      const f = framed();
      for (const b of reads) f.read(b);
      expect(f.pdus.length, `seed ${seed}`).toBe(sent.length);
      f.pdus.forEach((p, i) => {
        if (!Buffer.concat(p).equals(sent[i]!)) expect.fail(`seed ${seed}: PDU ${i} differs`);
      });
      expect(f.library, `seed ${seed}`).toEqual([]);
      expect(f.closed, `seed ${seed}`).toEqual([]);
      // Views of the reads, never copies: the parts, in order, are the reads' own memory.
      let j = 0;
      let off = 0;
      for (const part of f.pdus.flat()) {
        const read = reads[j]!;
        if (part.buffer !== read.buffer || part.byteOffset !== read.byteOffset + off)
          expect.fail(`seed ${seed}: a PDU part is not a view of read ${j}`);
        off += part.length;
        if (off === read.length) [j, off] = [j + 1, 0];
      }
      expect(j, `seed ${seed}`).toBe(reads.length);
    }
  });

  it('waits for a header split across reads at every byte, the length field included', () => {
    // A length over 64 KiB, so every byte of the 32-bit length field matters.
    const body = Buffer.alloc(0x01_02_03, 0xab);
    const whole = pduOf(4, body);
    for (let cut = 1; cut < 6; cut++) {
      const f = framed();
      f.read(whole.subarray(0, cut));
      expect(f.pdus).toEqual([]);
      f.read(whole.subarray(cut, 7));
      expect(f.pdus).toEqual([]);
      f.read(whole.subarray(7, whole.length - 1));
      expect(f.pdus).toEqual([]);
      f.read(whole.subarray(whole.length - 1));
      expect(f.pdus.map((p) => Buffer.concat(p))).toEqual([whole]);
    }
  });

  it('gives the library a PDU that arrived in one read as that very buffer, else joined once', () => {
    const f = framed({ route: false });
    const one = pduOf(5, Buffer.alloc(4));
    f.read(one);
    expect(f.library[0]).toBe(one);
    const two = pduOf(1, Buffer.alloc(300, 1));
    f.read(two.subarray(0, 100));
    f.read(two.subarray(100));
    expect(f.library.slice(1)).toEqual([two]);
  });

  it('passes an unknown PDU type and everything after it to the library unchanged', () => {
    const f = framed();
    const good = pduOf(4, Buffer.from('ok'));
    const bad = pduOf(9, Buffer.from('not a PDU'));
    f.read(Buffer.concat([good, bad.subarray(0, 4)]));
    f.read(bad.subarray(4));
    const later = pduOf(4, Buffer.from('later'));
    f.read(later);
    expect(f.pdus.map((p) => Buffer.concat(p))).toEqual([good]);
    expect(f.closed).toEqual(['the peer sent a malformed PDU']);
    expect(Buffer.concat(f.library)).toEqual(Buffer.concat([bad, later]));
  });

  it('refuses the framer a socket the library reads with more than one listener', () => {
    const socket = new net.Socket();
    socket.on('data', () => undefined);
    socket.on('data', () => undefined);
    expect(() => framePdus(socket)).toThrow(/no longer reads the socket/);
  });
});

describe('framePdus, a PDU longer than FRAME_MAX', () => {
  let server: net.Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('is answered with A-ABORT and the connection closed, nothing buffered or passed on', async () => {
    const seen = { library: 0, pdus: 0, closed: [] as string[] };
    server = net.createServer((socket) => {
      socket.on('data', (b: Buffer) => (seen.library += b.length));
      framePdus(socket, () => ({
        onPdu: () => seen.pdus++,
        close: (why) => seen.closed.push(why),
      }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const peer = net.connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    peer.on('data', (b: Buffer) => got.push(b));
    const closed = new Promise<void>((r) => peer.once('close', () => r()));
    peer.on('error', () => undefined); // the server may reset while we still write
    // A P-DATA-TF declaring 4 GiB − 1, then its first bytes.
    const header = Buffer.from([4, 0, 0xff, 0xff, 0xff, 0xff]);
    peer.write(Buffer.concat([pduOf(5, Buffer.alloc(4)), header, Buffer.alloc(1024)]));
    await closed;
    expect(Buffer.concat(got)).toEqual(ABORT_INVALID_PDU);
    expect(seen.pdus).toBe(1); // the A-RELEASE-RQ before it
    expect(seen.library).toBe(0);
    expect(seen.closed).toEqual([
      `the peer sent a PDU of ${0xffffffff} bytes, over the ${FRAME_MAX} accepted`,
    ]);
  });
});
