import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msh, sendHl7 } from './modules/hl7/testSupport';
import { freePort, startServer, type ServerProcess } from './testing/serverProcess';

/**
 * The real server process, as `npm start` runs it, holds both doors to the limits its
 * environment sets (docs/connection-limits.md): the variables reach the DIMSE listener, the
 * HL7 v2 (MLLP) listener and the HTTP server. The limits themselves are tested in depth beside each door.
 */
let server: ServerProcess;
let hl7Port: number;

beforeAll(async () => {
  hl7Port = await freePort();
  server = await startServer({
    env: {
      TELERAD_HL7_PORT: String(hl7Port),
      TELERAD_HL7_IDLE_SECONDS: '1',
      TELERAD_DEMO_STUDIES: '0',
      TELERAD_DICOM_ARTIM_SECONDS: '1',
      TELERAD_HTTP_UNAUTHENTICATED_SECONDS: '2',
      TELERAD_HTTP_BODY_IDLE_SECONDS: '1',
    },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** Connects, writes `first`, then nothing; resolves with what came back once the server closes. */
function silentAfter(port: number, first: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let got = '';
    socket.on('data', (b: Buffer) => (got += b.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(got));
    socket.on('connect', () => socket.write(first));
  });
}

describe('the server process', () => {
  it('closes a DICOM connection that sends no A-ASSOCIATE-RQ when TELERAD_DICOM_ARTIM_SECONDS expires', async () => {
    expect(await silentAfter(server.dicomPort, '')).toBe('');
  });

  it('opens the MLLP door on TELERAD_HL7_PORT and closes a connection silent for TELERAD_HL7_IDLE_SECONDS', async () => {
    // The door answers: a sender no clinic registered is refused (AR).
    const ack = await sendHl7(hl7Port, [msh('NOBODY', 'NOWHERE', 'ORM^O01', 'LIMITS-1')]);
    expect(ack.code).toBe('AR');
    const connected = await new Promise<boolean>((resolve) => {
      let open = false;
      const socket = net.connect({ port: hl7Port, host: '127.0.0.1' }, () => (open = true));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(open));
    });
    expect(connected).toBe(true);
  });

  it('answers 408 to a sign-in whose body stops for TELERAD_HTTP_BODY_IDLE_SECONDS', async () => {
    const port = new URL(server.url).port;
    const got = await silentAfter(
      Number(port),
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"username":"adm',
    );
    expect(got).toMatch(/^HTTP\/1\.1 408 /);
    expect(got).toContain('"code":"REQUEST_TIMEOUT"');
  });
});
