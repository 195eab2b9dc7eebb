import net from 'node:net';
import Client, { Message } from 'node-hl7-client';
import type { TestClient } from '../../testing/http';

/**
 * Sending HL7 v2 to the MLLP door with an independent client, `node-hl7-client` (not the
 * library the server uses), as a clinic's system would.
 */

/** The acknowledgement a sender got back, read with the client's own parser. */
export interface ReceivedAck {
  /** MSA-1: AA, AE or AR. */
  code: string;
  /** MSA-2: the control id it acknowledges. */
  controlId: string;
  /** MSA-3: the reason in words. */
  text: string;
  /** ERR-2 (location), ERR-3.1 (HL7 table 0357 code), ERR-8 (message); '' without ERR. */
  errLocation: string;
  errCode: string;
  errMessage: string;
  raw: string;
}

/** Sends `segments` (joined with CR) as one message and waits for its acknowledgement. */
export async function sendHl7(port: number, segments: string[]): Promise<ReceivedAck> {
  const client = new Client({ host: '127.0.0.1', version: '2.5', maxConnectionAttempts: 1 });
  let answered: (ack: ReceivedAck) => void = () => undefined;
  const got = new Promise<ReceivedAck>((resolve) => (answered = resolve));
  const connection = client.createConnection({ port, waitAck: true, version: '2.5' }, (res) => {
    const m = res.getMessage();
    const raw = m.toString();
    // ERR's fields whole (the client's `get` answers a field's first component only).
    const err =
      raw
        .split(/\r\n?|\n/)
        .find((line) => line.startsWith('ERR|'))
        ?.split('|') ?? [];
    const v = (path: string) => {
      try {
        return m.get(path).toString();
      } catch {
        return '';
      }
    };
    answered({
      code: v('MSA.1'),
      controlId: v('MSA.2'),
      text: v('MSA.3'),
      errLocation: err[2] ?? '',
      errCode: (err[3] ?? '').split('^')[0]!,
      errMessage: err[8] ?? '',
      raw,
    });
  });
  try {
    await connection.sendMessage(new Message({ text: segments.join('\r') }));
    return await got;
  } finally {
    await connection.close();
  }
}

/** An MSH for `type` (`ORM^O01`) from `app`^`facility` with control id `controlId`. */
export function msh(app: string, facility: string, type: string, controlId: string): string {
  const [code, event] = type.split('^');
  return `MSH|^~\\&|${app}|${facility}|TELERAD|CENTRE|20260304080000||${code}^${event}^${code}_${event}|${controlId}|P|2.5`;
}

/** A segment from its name and fields by number (`{ 2: 'PL-1', 18: 'ACC-1' }`). */
export function seg(name: string, fields: Record<number, string>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  const values = Array.from({ length: last }, (_, i) => fields[i + 1] ?? '');
  return [name, ...values].join('|');
}

/** A PID for an applicant. */
export function pid(id: string, family = 'SANTOS', given = 'MARIA'): string {
  return `PID|1||${id}^^^PASSPORT-PH||${family}^${given}||19910517|F`;
}

/** Writes raw bytes to the door and resolves with what it sent back before closing. */
export function rawExchange(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

/** Replaces a clinic's HL7 senders through the API, as `client`. */
export function putSenders(client: TestClient, clinicId: string, senders: unknown[]) {
  return client.request({
    method: 'PUT',
    url: `/api/clinics/${clinicId}/hl7-senders`,
    payload: { senders },
  });
}
