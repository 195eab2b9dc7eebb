import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendOverMllp } from './hl7Send';

/**
 * The acknowledgement rules of an HL7 send against MLLP peers on loopback that answer with
 * exactly the bytes given: a refusal's reason is kept, and silence is a failure.
 */
const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

const ORU =
  'MSH|^~\\&|TELERAD|C|RIS|F|20260304050607+0000||ORU^R01^ORU_R01|CTRL1|P|2.5.1\rPID|1||ID1';

/** A peer that answers each frame with `answer` (framed), or never when it is null. */
async function peer(answer: string | null): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('data', (b) => {
      if (answer !== null && b.includes(0x1c)) socket.write(`\x0b${answer}\x1c\r`);
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

const ack = (code: string, extra = '') =>
  `MSH|^~\\&|RIS|F|TELERAD|C|20260304050608+0000||ACK^R01^ACK|A1|P|2.5.1\rMSA|${code}|CTRL1${extra}`;

describe('sending over MLLP', () => {
  it('is delivered on AA and on a commit accept (CA)', async () => {
    await sendOverMllp({ host: '127.0.0.1', port: await peer(ack('AA')) }, ORU);
    await sendOverMllp({ host: '127.0.0.1', port: await peer(ack('CA')) }, ORU);
  });

  it('fails with the code and the reason of a refusal (MSA-3, else ERR-8)', async () => {
    const ar = await peer(ack('AR', '|Unknown patient identifier'));
    await expect(sendOverMllp({ host: '127.0.0.1', port: ar }, ORU)).rejects.toThrow(
      /^HL7 to 127\.0\.0\.1:\d+ answered AR: Unknown patient identifier$/,
    );
    const ae = await peer(
      `${ack('AE')}\rERR|||207^Application internal error^HL70357|E||||Database offline`,
    );
    await expect(sendOverMllp({ host: '127.0.0.1', port: ae }, ORU)).rejects.toThrow(
      /answered AE: Database offline$/,
    );
  });

  it('fails when no acknowledgement comes within the timeout', async () => {
    const silent = await peer(null);
    await expect(
      sendOverMllp({ host: '127.0.0.1', port: silent }, ORU, { ackMs: 300 }),
    ).rejects.toThrow(/^HL7 to 127\.0\.0\.1:\d+: no acknowledgement within 300 ms$/);
  });
});
