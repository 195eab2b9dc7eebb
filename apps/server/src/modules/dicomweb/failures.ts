import type { FastifyError } from 'fastify';
import type { FastifyZodApp } from '../../platform/http';
import { appError, toAppError } from '../../platform/errors';
import { DICOMWEB_ROOT } from './publicUrl';

/**
 * How DICOMweb answers what it cannot do, in the style of PS3.18 §8.5 (status codes) and the
 * Warning header field its transactions use for the reason (e.g. §10.6.3.2, §11.6.3.2): the
 * catalogue's status and JSON body, as every other failure of the server, plus
 * `Warning: 299 telerad "<message>"` for DICOMweb clients that only read headers.
 */

/**
 * A Warning header value (RFC 9111 §5.5) with one `299 telerad "…"` entry a text. Header
 * values are ASCII: other characters become `?`, and quotes become apostrophes.
 */
export function warningHeader(texts: string[]): string {
  return texts
    .map((t) => `299 telerad "${t.replace(/"/g, "'").replace(/[^\x20-\x7e]/g, '?')}"`)
    .join(', ');
}

/**
 * Gives every failure under `/dicomweb` its Warning, and answers unknown paths and methods under
 * `/dicomweb` with ROUTE_NOT_FOUND (never the web app's page). Register inside the DICOMweb
 * plugin, so the error handler covers its routes only.
 */
export function installDicomwebFailures(app: FastifyZodApp): void {
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const e = err.validation ? appError('VALIDATION_FAILED') : toAppError(err);
    reply.header('warning', warningHeader([e.message]));
    // The body is the app's one error handler's: a handler that throws passes the error on.
    throw err;
  });
  // The routes of the module are more specific and win; anything else under the root is unknown.
  for (const url of [DICOMWEB_ROOT, `${DICOMWEB_ROOT}/*`])
    app.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url,
      config: { access: { permission: 'public' } },
      schema: { hide: true },
      handler: async (req) => {
        const path = req.url.split('?')[0] ?? '';
        throw appError(
          'ROUTE_NOT_FOUND',
          undefined,
          `There is no DICOMweb resource ${req.method} ${path}: see /dicomweb/studies, /series and /instances (PS3.18).`,
        );
      },
    });
}
