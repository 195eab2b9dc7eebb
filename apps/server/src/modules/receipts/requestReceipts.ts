import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordReceipts, type Receipt } from './service';

declare module 'fastify' {
  interface FastifyRequest {
    /** Report versions this answer gives the clinic, recorded once the answer may leave. */
    clinicReceipts?: Receipt[];
  }
}

/**
 * Notes that this request's answer gives the caller report versions (a handler calls it with
 * what it is about to send). Nothing is written yet: `recordClinicReceipts` does, once the answer
 * is known to leave. Staff callers are ignored there.
 */
export function noteClinicReceipts(req: FastifyRequest, receipts: readonly Receipt[]): void {
  req.clinicReceipts = [...(req.clinicReceipts ?? []), ...receipts];
}

/**
 * onSend hook, registered after the audit hook: records the receipts a handler noted, but only
 * for an answer that is leaving with its data (status below 400). An answer the audit withheld
 * (AUDIT_UNAVAILABLE) or any error gave the clinic nothing, so it marks nothing as seen; nor
 * does a HEAD request (Fastify answers HEAD on every GET route), which carries no body.
 *
 * A receipt that cannot be written does not withhold the report from the clinic: the access is
 * in the audit trail already, and the worst outcome is that staff see "not yet opened" and ask.
 */
export async function recordClinicReceipts<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  payload: T,
): Promise<T> {
  const receipts = req.clinicReceipts;
  if (!receipts?.length || req.method !== 'GET' || reply.statusCode >= 400) return payload;
  try {
    await recordReceipts(req.ctx.db, req.ctx.actor, receipts);
  } catch (err) {
    req.log.error({ err }, 'could not record that the clinic received a report');
  }
  return payload;
}
