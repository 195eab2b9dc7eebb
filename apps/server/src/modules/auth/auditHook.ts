import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditOutcome } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import { appError } from '../../platform/errors';
import { SESSION_COOKIE } from './sessions';

function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'success';
  if (status === 401 || status === 403 || status === 404) return 'denied';
  return 'failure';
}

const requestPath = (req: FastifyRequest) => req.url.split('?')[0];

/**
 * preHandler hook: a route that declares `auditInTransaction` hands its service the event to
 * write on the write's own transaction (`auditWrite` in platform/audit).
 */
export async function prepareAudit(req: FastifyRequest): Promise<void> {
  const access = req.routeOptions.config.access;
  if (!access?.audit || !access.auditInTransaction) return;
  req.ctx.audit = {
    action: access.audit,
    resourceType: access.resource ?? null,
    details: { method: req.method, path: requestPath(req) },
    written: false,
  };
}

/** Headers that describe the withheld body; they must not describe the error that replaces it. */
const BODY_HEADERS = [
  'content-length',
  'content-disposition',
  'content-encoding',
  'content-range',
  'etag',
  'last-modified',
  'warning',
];

/**
 * Replaces an answer whose audit event could not be written by AUDIT_UNAVAILABLE (503): not one
 * byte of the withheld body leaves, and a streamed body is destroyed unread.
 */
function withheld(req: FastifyRequest, reply: FastifyReply, payload: unknown): string {
  const stream = payload as Partial<Readable> | null;
  if (stream && typeof stream.destroy === 'function') stream.destroy();
  for (const h of BODY_HEADERS) reply.removeHeader(h);
  const e = appError('AUDIT_UNAVAILABLE');
  reply
    .code(e.status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store');
  return JSON.stringify({ error: { code: e.code, message: e.message }, requestId: req.id });
}

/**
 * onSend hook: writes the audit event of a route that declares `access.audit`, of every refused
 * call to a protected route, and of every request that input hygiene refused. The outcome is
 * known here, and the event is committed before the client sees the answer.
 *
 * It fails closed (DESIGN.md §2): when the event cannot be written, the answer becomes
 * AUDIT_UNAVAILABLE and the data it carried is dropped. A 304 Not Modified is not an event. A write route's success event is written
 * by its service in the write's transaction (`auditInTransaction`), and not again here.
 */
export async function auditResponse<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  payload: T,
): Promise<T | string> {
  const access = req.routeOptions.config.access;
  const rejected = req.inputRejection;
  if (!access && !rejected) return payload;
  const status = reply.statusCode;
  const refused = status === 401 || status === 403 || req.scopeRefused === true;
  // A caller that presented no credentials at all (the web app checking for a session before
  // sign-in) is not an event worth an auditor's time; presented-and-refused credentials are.
  const presented = Boolean(
    req.ctx.actor || req.headers.authorization || req.cookies[SESSION_COOKIE],
  );
  if (!access?.audit && !rejected && !(refused && presented && access?.permission !== 'public'))
    return payload;
  // A 304 answers "what you hold is current" and discloses nothing: the 200 that delivered the
  // data was the read worth recording. Without this, a gateway polling its worklist every 45 s
  // would write some 1,900 events a day that say nothing.
  if (status === 304 && !rejected) return payload;
  if (req.ctx.audit?.written && status < 400) return payload;
  if (access?.auditInTransaction && status < 400)
    req.log.error('a route audited in its transaction answered without writing its event');
  const params = (req.params ?? {}) as Record<string, string>;
  try {
    await writeAudit(req.ctx, {
      action: access?.audit ?? `${req.method} ${req.routeOptions.url ?? requestPath(req)}`,
      outcome: outcomeOf(status),
      resourceType: access?.resource ?? req.auditInfo?.resourceType ?? null,
      resourceId: req.auditInfo?.resourceId ?? (rejected ? null : params.id) ?? null,
      clinicId: req.auditInfo?.clinicId ?? null,
      details: {
        method: req.method,
        path: requestPath(req),
        status,
        ...(rejected ? { rejected } : {}),
        ...(req.auditInfo?.details ?? {}),
      },
    });
  } catch (err) {
    req.log.error({ err }, 'could not write audit event: the answer is withheld');
    return withheld(req, reply, payload);
  }
  return payload;
}
