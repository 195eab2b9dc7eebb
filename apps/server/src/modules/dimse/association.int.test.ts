import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../platform/db';
import { writeCxr } from '../../testing/dicomFixtures';
import { dimseFixture, freePort, run, storedInstance, type DimseFixture } from './testSupport';

/** Association negotiation (PS3.8 §9.3): who may connect, how, and over what transport. */
let f: DimseFixture;
let dir: string;

beforeAll(async () => {
  f = await dimseFixture();
  dir = path.join(f.dataDir, 'files');
  fs.mkdirSync(dir);
});
afterAll(async () => f?.close());

describe('associations', () => {
  it('answers C-ECHO for a registered clinic AE', async () => {
    const r = await run('echoscu', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(f.port),
    ]);
    expect(r.code, r.out).toBe(0);
  });

  it('rejects an unknown calling AE at association time, and audits it', async () => {
    const r = await run('echoscu', [
      '-aet',
      'NOBODY',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(f.port),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Calling AE Title Not Recognized/i);
    await expect
      .poll(async () =>
        (
          await f.tdb.db
            .selectFrom('audit_events')
            .select(['outcome', 'action'])
            .where('actor_name', '=', 'AE NOBODY')
            .execute()
        ).map((a) => `${a.action}:${a.outcome}`),
      )
      .toEqual(['dimse.associate:denied']);
  });

  it('rejects a wrong called AE', async () => {
    const r = await run('echoscu', ['-aet', 'DEMO1', '-aec', 'OTHER', '127.0.0.1', String(f.port)]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Called AE Title Not Recognized/i);
  });

  it('rejects a clinic AE calling from outside its allowed networks', async () => {
    // DEMO3 may only call from 203.0.113.0/24.
    const r = await run('echoscu', [
      '-aet',
      'DEMO3',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(f.port),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Association Rejected/i);
  });

  it('sets TCP_NODELAY on every accepted socket', async () => {
    const calls: { port: number; on: boolean }[] = [];
    const original = net.Socket.prototype.setNoDelay;
    net.Socket.prototype.setNoDelay = function (this: net.Socket, on?: boolean) {
      calls.push({ port: this.localPort ?? 0, on: on !== false });
      return original.call(this, on);
    };
    try {
      const r = await run('echoscu', [
        '-aet',
        'DEMO1',
        '-aec',
        'TELERAD',
        '127.0.0.1',
        String(f.port),
      ]);
      expect(r.code, r.out).toBe(0);
    } finally {
      net.Socket.prototype.setNoDelay = original;
    }
    expect(calls).toContainEqual({ port: f.port, on: true });
  });

  it('rejects associations transiently while the clinic register is unreachable', async () => {
    const dead = createDb(`postgresql://postgres@127.0.0.1:${await freePort()}/none`, 1);
    const s = await f.extra({ db: dead.db });
    const r = await run('echoscu', [
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(s.port),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Transient|Temporary Congestion/i);
    await dead.db.destroy();
  });
});

describe('DICOM TLS', () => {
  it('accepts storescu over TLS', async () => {
    const key = path.join(dir, 'tls.key');
    const cert = path.join(dir, 'tls.pem');
    const gen = await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ]);
    expect(gen.code, gen.out).toBe(0);
    const s = await f.extra({ tls: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) } });
    const w = await writeCxr(path.join(dir, 'tls.dcm'), 'explicitLE', {
      seed: 500,
      rows: 16,
      columns: 16,
    });
    const r = await run('storescu', [
      '+tla',
      '-ic',
      '-aet',
      'DEMO1',
      '-aec',
      'TELERAD',
      '127.0.0.1',
      String(s.port),
      w.path,
    ]);
    expect(r.code, r.out).toBe(0);
    expect(await storedInstance(f, w.sopInstanceUid)).toBeDefined();
    // Plain TCP to the TLS port gets no association.
    const plain = await run(
      'echoscu',
      ['-aet', 'DEMO1', '-aec', 'TELERAD', '-to', '5', '127.0.0.1', String(s.port)],
      15_000,
    );
    expect(plain.code).not.toBe(0);
  });
});
