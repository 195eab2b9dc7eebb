import net from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appError } from './errors';

/**
 * How long and how many HTTP connections may wait on a client (docs/connection-limits.md).
 *
 * The policy: every request's headers, and the whole body of a request that carries no valid
 * credentials, must arrive within `unauthenticatedMs`; no request body may stall, bringing less
 * than MIN_PROGRESS_BYTES, for `bodyIdleMs`. An authenticated body has no total limit, so a large STOW over a slow but steady
 * clinic link (0.5 Mbit/s moves 1 GB in under 5 hours) is never cut while its bytes keep coming.
 */
export interface HttpConnectionLimits {
  /** Headers, and the body of a request without credentials, must arrive within this (ms). */
  unauthenticatedMs: number;
  /** The longest time any request body may bring less than MIN_PROGRESS_BYTES (ms). */
  bodyIdleMs: number;
  /** Open connections; Node closes further ones as they are accepted. */
  maxConnections: number;
}

/** Defaults: 30 s for headers and unauthenticated bodies, 60 s of silence in a body, 2000. */
export const DEFAULT_HTTP_LIMITS: HttpConnectionLimits = {
  unauthenticatedMs: 30_000,
  bodyIdleMs: 60_000,
  maxConnections: 2000,
};

/**
 * Bytes a body must bring within each `bodyIdleMs` to count as moving: a byte now and then
 * (1 byte every 10 s) is as good as silence, while the slowest clinic link (0.5 Mbit/s) brings
 * this in 16 ms.
 */
export const MIN_PROGRESS_BYTES = 1024;

/**
 * A connection with no bytes either way for this long is closed whatever it is doing: the last
 * resort for a client that stopped reading a response. Long enough for any handler to answer;
 * WebSocket connections are exempt (ws clears the socket timeout on upgrade).
 */
const SOCKET_IDLE_MS = 10 * 60_000;

/**
 * Fastify options for the limits Node's http server enforces itself. Its `requestTimeout` would
 * cut a long authenticated upload too, so it stays off and the request body is watched by
 * `watchRequestBodies`; `headersTimeout` holds every request's headers to the unauthenticated
 * limit, checked as often as a quarter of it (Node checks every 30 s by default).
 */
export function httpServerOptions(limits: HttpConnectionLimits) {
  return {
    connectionTimeout: SOCKET_IDLE_MS,
    requestTimeout: 0,
    http: {
      headersTimeout: limits.unauthenticatedMs,
      connectionsCheckingInterval: Math.min(5000, Math.max(100, limits.unauthenticatedMs / 4)),
    },
  };
}

/**
 * Holds request bodies to the limits: a request whose body stalls for `bodyIdleMs`, or is
 * unauthenticated and not in by `unauthenticatedMs`, is answered 408 (REQUEST_TIMEOUT) when no
 * response has started, and its connection is closed. The body is measured by the socket's
 * bytes read, never by reading the request stream itself (which belongs to the handler); while
 * read bytes wait for the handler, the pause is ours, not the client's, and does not count.
 *
 * `authenticated` tells whether the request carries valid credentials, once they are checked.
 */
export function watchRequestBodies(
  app: FastifyInstance,
  limits: HttpConnectionLimits,
  authenticated: (req: FastifyRequest) => boolean,
): void {
  app.server.maxConnections = limits.maxConnections;
  const tickMs = Math.max(50, Math.min(limits.bodyIdleMs, limits.unauthenticatedMs) / 4);
  app.addHook('onRequest', (req, reply, done) => {
    if (hasBody(req)) watch(req, reply, limits, tickMs, authenticated);
    done();
  });
}

/**
 * Whether a request body is still to come over a real connection (RFC 9112 §6.3: a length or
 * chunked coding). Injected requests (tests) have no connection to hold open.
 */
function hasBody(req: FastifyRequest): boolean {
  const h = req.raw.headers;
  if (!(req.raw.socket instanceof net.Socket) || req.raw.complete) return false;
  if (h['transfer-encoding'] !== undefined) return true;
  const length = Number(h['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

function watch(
  req: FastifyRequest,
  reply: FastifyReply,
  limits: HttpConnectionLimits,
  tickMs: number,
  authenticated: (req: FastifyRequest) => boolean,
): void {
  const raw = req.raw;
  const socket = raw.socket;
  const started = Date.now();
  let bytes = socket.bytesRead;
  let progressed = started;
  const tick = () => {
    if (raw.complete || socket.destroyed) return;
    const now = Date.now();
    if (socket.bytesRead - bytes >= MIN_PROGRESS_BYTES || raw.readableLength > 0) {
      bytes = socket.bytesRead;
      progressed = now;
    }
    const why =
      now - progressed >= limits.bodyIdleMs
        ? `under ${MIN_PROGRESS_BYTES} body bytes in ${limits.bodyIdleMs} ms`
        : !authenticated(req) && now - started >= limits.unauthenticatedMs
          ? `an unauthenticated body not in after ${limits.unauthenticatedMs} ms`
          : undefined;
    if (!why) {
      setTimeout(tick, tickMs).unref();
      return;
    }
    req.log.warn({ why, bytesRead: socket.bytesRead }, 'request body too slow: connection closed');
    if (!reply.raw.headersSent) socket.write(timeoutResponse(req.id));
    // Closed once the answer is flushed: the client may still be sending the body.
    socket.destroySoon();
  };
  setTimeout(tick, tickMs).unref();
}

/**
 * A 408 in the catalogue's shape, written to the socket directly: the request is still being
 * read, so Fastify's reply is not ready to be sent, and the connection closes after it.
 */
function timeoutResponse(requestId: string): string {
  const e = appError('REQUEST_TIMEOUT');
  const body = JSON.stringify({ error: { code: e.code, message: e.message }, requestId });
  return [
    'HTTP/1.1 408 Request Timeout',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
