import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';

/** An HL7 result destination's MLLP listener. */
export interface MllpDestination {
  host: string;
  port: number;
}

/** Longest wait for the connection, then for the acknowledgement. */
export const HL7_CONNECT_TIMEOUT_MS = 10_000;
export const HL7_ACK_TIMEOUT_MS = 30_000;

/**
 * The acknowledgement's code and, for a refusal, its reason: MSA-3 (text message, kept in
 * v2.5.1 for backward compatibility), else the ERR segment's user message (ERR-8), diagnostic
 * information (ERR-7) or error code (ERR-3).
 */
export function ackOutcome(ack: Hl7Message): { code: string; text: string } {
  const msa = ack.getSegment('MSA');
  const code = (msa?.getField(1)?.toString() ?? '').trim().toUpperCase();
  const err = ack.getSegment('ERR');
  const text = [
    msa?.getField(3)?.toString(),
    err?.getField(8)?.toString(),
    err?.getField(7)?.toString(),
    err?.getComponent(3, 2) || err?.getComponent(3, 1),
  ]
    .map((t) => (t ?? '').trim())
    .find(Boolean);
  return { code, text: text ?? '' };
}

/**
 * Sends one message over MLLP (HL7 v2.5.1 Appendix C, framed by @medplum/hl7) on a connection
 * of its own and waits for the first acknowledgement of its control id (ADR 0019): AA, or CA
 * from a receiver in enhanced mode, is a success; AE, AR, CE or CR throws with the code and the
 * receiver's reason, as does no acknowledgement within the timeout or a network error.
 */
export async function sendOverMllp(
  dest: MllpDestination,
  message: string,
  timeouts: { connectMs?: number; ackMs?: number } = {},
): Promise<void> {
  const client = new Hl7Client({
    host: dest.host,
    port: dest.port,
    connectTimeout: timeouts.connectMs ?? HL7_CONNECT_TIMEOUT_MS,
    keepAlive: false,
  });
  const where = `${dest.host}:${dest.port}`;
  let ack: Hl7Message;
  try {
    ack = await client.sendAndWait(Hl7Message.parse(message), {
      returnAck: 'first',
      timeoutMs: timeouts.ackMs ?? HL7_ACK_TIMEOUT_MS,
    });
  } catch (e) {
    throw new Error(`HL7 to ${where}: ${failureText(e, timeouts.ackMs ?? HL7_ACK_TIMEOUT_MS)}`);
  } finally {
    await client.close().catch(() => undefined);
  }
  const { code, text } = ackOutcome(ack);
  if (code === 'AA' || code === 'CA') return;
  throw new Error(
    `HL7 to ${where} answered ${code || 'an acknowledgement without MSA-1'}${text ? `: ${text}` : ''}`,
  );
}

/** Why a send failed, in words support can act on. */
function failureText(e: unknown, ackMs: number): string {
  const err = e as { code?: string; message?: string; outcome?: { issue?: { code?: string }[] } };
  if (err.outcome?.issue?.[0]?.code === 'timeout')
    return `no acknowledgement within ${ackMs >= 1000 ? `${Math.round(ackMs / 1000)} s` : `${ackMs} ms`}`;
  if (err.code) return `network error: ${err.code}`;
  return err.message || String(e);
}
