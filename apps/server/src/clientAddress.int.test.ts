import http from 'node:http';
import net from 'node:net';
import {
  Command,
  IPv4Address,
  IPv4ProxyAddress,
  TransportProtocol,
  UnspecProxyAddress,
  V2ProxyProtocol,
} from 'proxy-protocol-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associateRq } from './modules/dimse/testPdus';
import { startHaproxy, type HaproxyProcess } from './testing/haproxy';
import { freePort, startServer, type ServerProcess } from './testing/serverProcess';
import { createTestDb, type TestDb } from './testing/testDb';

/**
 * The clinic's own address through HAProxy (docs/adr/0049): a real node that trusts 127.0.0.1
 * behind Debian's HAProxy with `send-proxy-v2`. Clients reach HAProxy from other loopback
 * addresses (Linux routes all of 127.0.0.0/8 to lo), while HAProxy reaches the node from
 * 127.0.0.1: whatever address the node records is the client's only if the header was read.
 */
let tdb: TestDb;
let node: ServerProcess;
let lb: HaproxyProcess;
let hl7Port: number;
const TRUSTED = '127.0.0.1';

/** Waits (bounded) until `cond` holds; assertions come after, never on time. */
async function until<T>(what: string, cond: () => Promise<T | undefined | null | false>) {
  const end = Date.now() + 60_000;
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  tdb = await createTestDb();
  hl7Port = await freePort();
  node = await startServer({
    env: {
      DATABASE_URL: tdb.url,
      TELERAD_DEMO_STUDIES: '0',
      TELERAD_HL7_PORT: String(hl7Port),
      TELERAD_TRUSTED_PROXIES: TRUSTED,
    },
  });
  lb = await startHaproxy(
    [
      {
        name: 'a',
        host: '127.0.0.1',
        httpPort: Number(new URL(node.url).port),
        realtime: true,
        dicomPort: node.dicomPort,
        hl7Port,
      },
    ],
    { proxyProtocol: true, hl7: true },
  );
  // The clinic DEMO1 may send from 127.0.0.5 only; HAProxy's own address is outside it.
  await tdb.db
    .updateTable('clinic_ae_titles')
    .set({ allowed_networks: ['127.0.0.5/32'] })
    .where('ae_title', '=', 'DEMO1')
    .execute();
  const clinic = await tdb.db
    .selectFrom('clinic_ae_titles')
    .select('clinic_id')
    .where('ae_title', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('clinic_hl7_senders')
    .values({
      clinic_id: clinic.clinic_id,
      sending_application: 'PROXYRIS',
      sending_facility: 'DEMO1',
      allowed_networks: ['127.0.0.5/32'],
      position: 0,
    })
    .execute();
}, 240_000);

afterAll(async () => {
  await lb?.stop();
  await node?.stop();
  await tdb?.drop();
});

/** A v2 PROXY header naming `client` (what an attacker would send to pose as a clinic). */
function proxyHeader(client: [number, number, number, number]): Buffer {
  return Buffer.from(
    new V2ProxyProtocol(
      Command.PROXY,
      TransportProtocol.STREAM,
      new IPv4ProxyAddress(new IPv4Address(client), 40000, new IPv4Address([127, 0, 0, 1]), 1),
    ).build(),
  );
}

/**
 * Connects from `from` to `port`, writes `bytes`, and resolves with the PDU types received once
 * the association is answered (A-ASSOCIATE-AC/RJ, A-ABORT) or the connection closes.
 */
function exchange(from: string, port: number, bytes: Buffer): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const types: number[] = [];
    let pending = Buffer.alloc(0);
    const s = net.connect({ port, host: '127.0.0.1', localAddress: from }, () => s.write(bytes));
    s.on('data', (b: Buffer) => {
      pending = Buffer.concat([pending, b]);
      while (pending.length >= 6 && pending.length >= 6 + pending.readUInt32BE(2)) {
        types.push(pending[0]!);
        pending = pending.subarray(6 + pending.readUInt32BE(2));
      }
      if (types.some((t) => t === 2 || t === 3 || t === 7)) s.destroy();
    });
    s.on('error', reject);
    s.on('close', () => resolve(types));
  });
}

/** The network monitor's refusals at `door` from `address`, with `code`: their total count. */
async function refusals(door: string, address: string, code: string): Promise<number> {
  const rows = await tdb.db
    .selectFrom('inbound_refusals')
    .select('count')
    .where('door', '=', door)
    .where('remote_address', '=', address)
    .where('code', '=', code)
    .execute();
  return rows.reduce((n, r) => n + Number(r.count), 0);
}

describe('DICOM through HAProxy', () => {
  it("judges the clinic's address, not the load balancer's", async () => {
    expect(await exchange('127.0.0.5', lb.dicomPort, associateRq('DEMO1'))).toEqual([2]);
    expect(await exchange('127.0.0.6', lb.dicomPort, associateRq('DEMO1'))).toEqual([3]);
    await until('the refusal of 127.0.0.6', () =>
      refusals('dimse', '127.0.0.6', 'DIMSE_ADDRESS_NOT_ALLOWED'),
    );
    expect(await refusals('dimse', TRUSTED, 'DIMSE_ADDRESS_NOT_ALLOWED')).toBe(0);
  });

  it('does not honour a PROXY header from a peer that is not a trusted proxy', async () => {
    // 127.0.0.7 poses as the clinic's 127.0.0.5, straight to the node: the header is read as
    // a PDU, whose declared length is refused with A-ABORT.
    const sent = Buffer.concat([proxyHeader([127, 0, 0, 5]), associateRq('DEMO1')]);
    expect(await exchange('127.0.0.7', node.dicomPort, sent)).toEqual([7]);
  });

  it('refuses a connection from the trusted proxy that brings no header, and records why', async () => {
    expect(await exchange(TRUSTED, node.dicomPort, associateRq('DEMO1'))).toEqual([]);
    await until('the refusal', () => refusals('dimse', TRUSTED, 'PROXY_HEADER_MISSING'));
  });

  it("lets HAProxy's health checks (LOCAL) pass without a refusal", async () => {
    // HAProxy 2.6's TCP checks with check-send-proxy open, send a v2 LOCAL header (16 bytes:
    // 0x20, UNSPEC, length 0) and close, every 2 s per backend since before the node was up;
    // a LOCAL header sent here goes the same way.
    await until('both TCP backends checked and up', async () => {
      const stats = await lb.stats();
      return ['telerad_dicom/a', 'telerad_hl7/a'].every(
        (k) => stats.get(k)?.status === 'UP' && stats.get(k)?.check_status === 'L4OK',
      );
    });
    const local = Buffer.from(
      new V2ProxyProtocol(
        Command.LOCAL,
        TransportProtocol.UNSPEC,
        new UnspecProxyAddress(),
      ).build(),
    );
    expect(await exchange(TRUSTED, node.dicomPort, local)).toEqual([]);
    // A refusal written after the checks and the LOCAL connection: once it is in, theirs
    // would be too.
    await exchange(TRUSTED, hl7Port, Buffer.from('not a header'));
    await until('the HL7 refusal', () => refusals('hl7', TRUSTED, 'PROXY_HEADER_MISSING'));
    expect(await refusals('hl7', TRUSTED, 'PROXY_HEADER_MISSING')).toBe(1);
    expect(await refusals('dimse', TRUSTED, 'PROXY_HEADER_MISSING')).toBe(1);
  });
});

/** Sends one MLLP-framed message from `from` through HAProxy and resolves with the answer. */
function mllp(from: string, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const s = net.connect({ port: lb.hl7Port!, host: '127.0.0.1', localAddress: from }, () =>
      s.write(
        Buffer.concat([Buffer.from([0x0b]), Buffer.from(message), Buffer.from([0x1c, 0x0d])]),
      ),
    );
    s.on('data', (b: Buffer) => {
      answer += b.toString();
      if (answer.includes('\x1c')) s.end();
    });
    s.on('error', reject);
    s.on('close', () => resolve(answer));
  });
}

describe('HL7 through HAProxy', () => {
  it("checks the sender's allowed networks against the sender's own address", async () => {
    const message = (id: string) =>
      [
        `MSH|^~\\&|PROXYRIS|DEMO1|TELERAD|CENTRE|20260304080000||ORM^O01^ORM_O01|${id}|P|2.5`,
        'PID|1||P-77^^^PASSPORT-PH||SANTOS^MARIA||19910517|F',
      ].join('\r');
    const refused = await mllp('127.0.0.6', message('C-6'));
    expect(refused).toContain('MSA|AR|C-6');
    expect(refused).toContain('may not connect from 127.0.0.6');
    await until('the HL7 refusal of 127.0.0.6', () =>
      refusals('hl7', '127.0.0.6', 'HL7_ADDRESS_NOT_ALLOWED'),
    );
    // From the allowed address the network check passes (whatever the order's own fate).
    const allowed = await mllp('127.0.0.5', message('C-5'));
    expect(allowed).toContain('|C-5');
    expect(allowed).not.toContain('may not connect from');
    expect(await refusals('hl7', TRUSTED, 'HL7_ADDRESS_NOT_ALLOWED')).toBe(0);
  });
});

/** A failed sign-in from `from` to `url` (optionally claiming `forwardedFor`). */
function failedSignIn(url: string, from: string, username: string, forwardedFor?: string) {
  const body = JSON.stringify({ username, password: 'not-the-password' });
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${url}/api/auth/login`,
      {
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The addresses the audit trail gives `username`'s failed sign-ins. */
async function signInAddresses(username: string): Promise<string[]> {
  const rows = await tdb.db
    .selectFrom('audit_events')
    .select('ip')
    .where('action', '=', 'auth.login')
    .where('actor_name', '=', username)
    .execute();
  return rows.map((r) => String(r.ip));
}

describe('HTTP through HAProxy', () => {
  it("audits the client's address from X-Forwarded-For, only when HAProxy sent it", async () => {
    // A client's own X-Forwarded-For is kept by HAProxy and followed by the real address.
    expect(await failedSignIn(lb.httpUrl, '127.0.0.5', 'proxied-user', '10.9.9.9')).toBe(401);
    // Straight to the node from an untrusted peer: its header is not believed.
    expect(await failedSignIn(node.url, '127.0.0.7', 'direct-user', '10.9.9.9')).toBe(401);
    expect(await signInAddresses('proxied-user')).toEqual(['127.0.0.5']);
    expect(await signInAddresses('direct-user')).toEqual(['127.0.0.7']);
  });
});
