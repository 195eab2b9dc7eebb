import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeCxr } from '../../testing/dicomFixtures';
import { associateRq } from './testPdus';
import { dimseFixture, run, storedInstance, type DimseFixture } from './testSupport';

/**
 * Doors that cannot be held open (PS3.8 §9.1.5): ARTIM, the idle abort, and the cap on
 * connections per address that have not asked for an association. DCMTK is the clinic; the
 * sockets that hold doors open are plain TCP from this process.
 */
let f: DimseFixture;
let dir: string;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'files');
  fs.mkdirSync(dir);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});
afterAll(async () => f?.close());

/** File descriptors this process may open: both ends of every idle connection live here. */
const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()) || Infinity;
const IDLE = 600;

/** A TCP connection that sends nothing unless told; `closed` settles when the server closes it. */
interface Held {
  socket: net.Socket;
  isClosed(): boolean;
  closed: Promise<void>;
  /** The PDU types received, in order (PS3.8 §9.3.1). */
  types: number[];
}

function hold(port: number, opts: { allowHalfOpen?: boolean } = {}): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: opts.allowHalfOpen });
    sockets.push(socket);
    let done = false;
    const types: number[] = [];
    let pending = Buffer.alloc(0);
    socket.on('data', (b: Buffer) => {
      pending = Buffer.concat([pending, b]);
      while (pending.length >= 6 && pending.length >= 6 + pending.readUInt32BE(2)) {
        types.push(pending[0]!);
        pending = pending.subarray(6 + pending.readUInt32BE(2));
      }
    });
    socket.on('error', () => undefined);
    const closed = new Promise<void>((r) =>
      socket.once('close', () => {
        done = true;
        r();
      }),
    );
    socket.once('connect', () => resolve({ socket, isClosed: () => done, closed, types }));
    socket.once('error', reject);
  });
}

/** `n` idle connections, opened a few dozen at a time (the listen backlog is finite). */
async function holdMany(port: number, n: number): Promise<Held[]> {
  const held: Held[] = [];
  while (held.length < n)
    held.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, n - held.length) }, () => hold(port)),
      )),
    );
  return held;
}

async function storeOne(port: number, seed: number) {
  const w = await writeCxr(path.join(dir, `${seed}.dcm`), 'explicitLE', {
    seed,
    rows: 16,
    columns: 16,
  });
  const r = await run('storescu', [
    '-aet',
    'DEMO1',
    '-aec',
    'TELERAD',
    '127.0.0.1',
    String(port),
    w.path,
  ]);
  return { r, sopUid: w.sopInstanceUid };
}

describe('DIMSE connections that ask for no association', () => {
  it.skipIf(fdLimit < 3 * IDLE)(
    `${IDLE} idle connections from the clinic's own address do not stop its C-STORE`,
    async () => {
      const idle = await holdMany(f.port, IDLE);
      // 20 may wait per address: the server closes the oldest as each new one comes.
      await expect
        .poll(() => idle.filter((h) => h.isClosed()).length, { timeout: 30_000 })
        .toBe(IDLE - 20);
      expect(idle.slice(-20).every((h) => !h.isClosed())).toBe(true);

      const { r, sopUid } = await storeOne(f.port, 700);
      expect(r.code, r.out).toBe(0);
      expect(await storedInstance(f, sopUid)).toBeDefined();
      // storescu's connection took the place of the oldest; the others are still held open.
      expect(idle.filter((h) => !h.isClosed()).length).toBeGreaterThanOrEqual(19);
    },
    60_000,
  );

  it('does not count them towards the association limit', async () => {
    const s = await f.extra({ maxAssociations: 2, limits: { pendingPerAddress: 1000 } });
    const idle = await holdMany(s.port, 50);
    const { r, sopUid } = await storeOne(s.port, 701);
    expect(r.code, r.out).toBe(0);
    expect(await storedInstance(f, sopUid)).toBeDefined();
    expect(idle.every((h) => !h.isClosed())).toBe(true);
  });

  it('closes a connection that sends no A-ASSOCIATE-RQ, or only part of one, when ARTIM expires', async () => {
    const s = await f.extra({ limits: { artimMs: 1000 } });
    const silent = await hold(s.port);
    const partial = await hold(s.port);
    partial.socket.write(associateRq('DEMO1').subarray(0, 40));
    await Promise.all([silent.closed, partial.closed]);
    expect([silent.types, partial.types]).toEqual([[], []]);
  });

  it('closes a rejected connection the peer keeps open when ARTIM expires', async () => {
    const s = await f.extra({ limits: { artimMs: 1000 } });
    // Half-open: the peer does not close its side when the server ends the connection.
    const peer = await hold(s.port, { allowHalfOpen: true });
    peer.socket.write(associateRq('NOBODY'));
    await expect.poll(() => peer.types).toEqual([0x03]); // A-ASSOCIATE-RJ
    await expect.poll(() => s.connections(), { timeout: 10_000 }).toBe(0);
    expect(peer.isClosed()).toBe(false);
  });
});

describe('DIMSE associations', () => {
  it('aborts an association idle past its timeout (A-ABORT), not when ARTIM would expire', async () => {
    const s = await f.extra({ limits: { artimMs: 500, idleMs: 1500 } });
    const peer = await hold(s.port);
    peer.socket.write(associateRq('DEMO1'));
    await peer.closed;
    expect(peer.types).toEqual([0x02, 0x07]); // A-ASSOCIATE-AC, A-ABORT
    await expect.poll(() => s.connections()).toBe(0);
  });

  it('serves C-STOREs over an association of its own as before', async () => {
    const s = await f.extra({ limits: { artimMs: 1000, idleMs: 1000 } });
    const { r, sopUid } = await storeOne(s.port, 702);
    expect(r.code, r.out).toBe(0);
    expect(await storedInstance(f, sopUid)).toBeDefined();
  });
});
