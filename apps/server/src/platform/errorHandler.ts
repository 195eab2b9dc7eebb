import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, appError, toAppError } from './errors';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

function validationDetails(err: FastifyError): { path: string; message: string }[] {
  const ctxName = (err as { validationContext?: string }).validationContext ?? 'body';
  return ((err.validation ?? []) as ValidationIssue[]).map((v) => {
    const issuePath = v.params?.issue?.path;
    const path = issuePath?.length
      ? issuePath.map(String).join('.')
      : (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    return {
      path: path || ctxName,
      message: v.params?.issue?.message ?? v.message ?? 'is not valid',
    };
  });
}

/** Maps Fastify's own errors (parsing, validation, limits) to catalogue errors. */
export function fromFastify(err: FastifyError): AppError | null {
  if (err.validation) return appError('VALIDATION_FAILED', validationDetails(err));
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return appError(
        'MALFORMED_JSON',
        undefined,
        err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'The request body is empty but JSON was declared.'
          : undefined,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return appError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return appError('BODY_TOO_LARGE');
  }
  if (err instanceof SyntaxError && err.statusCode === 400) return appError('MALFORMED_JSON');
  if (err.statusCode === 429) return appError('RATE_LIMITED');
  return null;
}

/**
 * The one error handler: every failure leaves as `{ error: { code, message, details }, requestId }`
 * with the catalogue's HTTP status. Unexpected errors are logged with the request id.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = fromFastify(err) ?? toAppError(err);
    if (e.code === 'INTERNAL' || e.code === 'SERVICE_UNAVAILABLE')
      req.log.error({ err }, 'request failed');
    void reply.status(e.status).send({
      error: {
        code: e.code,
        message: e.message,
        ...(e.details !== undefined ? { details: e.details } : {}),
      },
      requestId: req.id,
    });
  });
}
