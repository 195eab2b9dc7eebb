import net from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { refusalsSettled } from '../monitor';
import { startHl7Listener, type Hl7Listener } from './listener';
import { rawExchange } from './testSupport';

/**
 * The MLLP door's own limits against a real database (docs/connection-limits.md): bytes that are
 * not an HL7 message, a message past the size limit, connections past the per-address cap and
 * idle connections are closed, and the refusals recorded.
 */
let fx: AppFixture;
let door: Hl7Listener;

beforeAll(async () => {
  fx = await appWithDemo();
  door = await startHl7Listener({
    db: fx.tdb.db,
    logger: pino({ level: 'silent' }),
    port: 0,
    host: '127.0.0.1',
  });
});
afterAll(async () => {
  await door?.close();
  await fx?.close();
});

describe('the door itself', () => {
  it('closes a connection that sends something other than an HL7 message, and records it', async () => {
    const back = await rawExchange(
      door.port,
      Buffer.concat([
        Buffer.from([0x0b]),
        Buffer.from('GET / HTTP/1.1'),
        Buffer.from([0x1c, 0x0d]),
      ]),
    );
    expect(back.length).toBe(0);
    await refusalsSettled();
    const r = await fx.tdb.db
      .selectFrom('inbound_refusals')
      .select('code')
      .where('door', '=', 'hl7')
      .where('code', '=', 'HL7_UNREADABLE')
      .execute();
    expect(r).toHaveLength(1);
  });

  it('holds at most the per-address connections open, closes the next, and closes idle ones', async () => {
    const tight = await startHl7Listener({
      db: fx.tdb.db,
      logger: pino({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
      limits: { connectionsPerAddress: 2, idleMs: 2000 },
    });
    const connect = () =>
      new Promise<net.Socket>((resolve) => {
        const s = net.connect(tight.port, '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      });
    const closed = (s: net.Socket) =>
      new Promise<void>((resolve) => s.once('close', () => resolve()));
    try {
      const [a, b] = [await connect(), await connect()];
      const aClosed = closed(a);
      const bClosed = closed(b);
      const third = await connect();
      // The third is closed at once; the first two only when idle.
      await closed(third);
      await Promise.all([aClosed, bClosed]);
      await refusalsSettled();
      const r = await fx.tdb.db
        .selectFrom('inbound_refusals')
        .select(['count', 'kind'])
        .where('door', '=', 'hl7')
        .where('code', '=', 'HL7_CONNECTION_LIMIT')
        .execute();
      expect(r).toEqual([{ count: 1, kind: 'association' }]);
    } finally {
      await tight.close();
    }
  });

  it('closes a connection whose message passes the size limit', async () => {
    const small = await startHl7Listener({
      db: fx.tdb.db,
      logger: pino({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
      limits: { maxMessageBytes: 1024 },
    });
    try {
      const back = await rawExchange(
        small.port,
        Buffer.concat([Buffer.from([0x0b]), Buffer.alloc(4096, 0x41)]),
      );
      expect(back.length).toBe(0);
    } finally {
      await small.close();
    }
  });
});
