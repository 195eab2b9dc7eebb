import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditOutcome } from '@telerad/contracts';
import { writeAudit } from '../../platform/audit';
import { SESSION_COOKIE } from './sessions';

function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'success';
  if (status === 401 || status === 403 || status === 404) return 'denied';
  return 'failure';
}

/**
 * Writes the audit event of a route that declares `access.audit`, and of every refused call to
 * a protected route. It runs as an onSend hook: the outcome is known, and the event is committed
 * before the client sees the answer. Handlers add the record's clinic and details through
 * `req.auditInfo`.
 */
export async function auditResponse<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  payload: T,
): Promise<T> {
  const access = req.routeOptions.config.access;
  if (!access) return payload;
  const status = reply.statusCode;
  const refused = status === 401 || status === 403 || req.scopeRefused === true;
  // A caller that presented no credentials at all (the web app checking for a session before
  // sign-in) is not an event worth an auditor's time; presented-and-refused credentials are.
  const presented = Boolean(
    req.ctx.actor || req.headers.authorization || req.cookies[SESSION_COOKIE],
  );
  if (!access.audit && !(refused && presented && access.permission !== 'public')) return payload;
  const params = (req.params ?? {}) as Record<string, string>;
  try {
    await writeAudit(req.ctx, {
      action: access.audit ?? `${req.method} ${req.routeOptions.url}`,
      outcome: outcomeOf(status),
      resourceType: access.resource ?? null,
      resourceId: req.auditInfo?.resourceId ?? params.id ?? null,
      clinicId: req.auditInfo?.clinicId ?? null,
      details: {
        method: req.method,
        path: req.url.split('?')[0],
        status,
        ...(req.auditInfo?.details ?? {}),
      },
    });
  } catch (err) {
    req.log.error({ err }, 'could not write audit event');
  }
  return payload;
}
