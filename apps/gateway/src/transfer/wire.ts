import { Readable } from 'node:stream';
import { LinkDown } from './types';
import { ThrottledStream, type TokenBucket } from './throttle';

/**
 * One HTTP request to the centre with its body paced by the shared token bucket, counted as it
 * leaves, and classified on failure: anything that says the link or the centre is away as a
 * whole (refused, reset, DNS, timeout, 5xx, 408, 429) is {@link LinkDown}, so the loop pauses instead
 * of spending every queued item's attempts on an outage.
 */

/** Node's network error codes that mean "the centre cannot be reached now". */
const LINK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * Statuses that say nothing about the objects: 408, the centre gave up waiting for a body that
 * stalled (a cut link; RFC 9110 §15.5.9), and 429, it is busy. Resending later is right.
 */
export const LINK_STATUSES = new Map([
  [408, 'GATEWAY_LINK_STALLED'],
  [429, 'GATEWAY_CENTRE_BUSY'],
]);

/** Whether `e` (a fetch failure) is the link's fault rather than the request's. */
export function isLinkError(e: unknown): boolean {
  if (e instanceof LinkDown) return true;
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) return true;
  for (let c: unknown = e; c instanceof Error; c = (c as { cause?: unknown }).cause) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && LINK_CODES.has(code)) return true;
    if (c instanceof TypeError && c.message === 'fetch failed') return true;
  }
  return false;
}

/**
 * The slowest link (bytes/s) a request is given time for once its body is handed to the kernel:
 * the socket buffer (megabytes with TCP autotuning) still drains at the link's pace, with no
 * sign of progress the process can see, before the centre can answer. 256 kbit/s.
 */
const SLOWEST_LINK_BYTES_PER_S = 32_000;

/**
 * Aborts a request that stopped moving: no body byte taken for `idleMs` while the body is
 * written; once all of it is written, no answer within `idleMs` plus the time the slowest link
 * needs for the body (what may still sit in the socket buffer).
 */
export class Watchdog {
  private readonly ctl = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs: number | undefined) {
    this.kick();
  }

  /** Aborted when the request stalled. */
  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    if (this.idleMs) this.timer = setTimeout(() => this.ctl.abort(), ms);
  }

  /** Body bytes were taken: the link moves. */
  kick(): void {
    this.arm(this.idleMs ?? 0);
  }

  /** The whole body (`bytes`) was handed over: wait for the answer. */
  bodySent(bytes: number): void {
    this.arm((this.idleMs ?? 0) + (bytes / SLOWEST_LINK_BYTES_PER_S) * 1000);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

/** A request to send. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Ends the request (the loop stops). */
  signal?: AbortSignal;
  /** No byte out and no answer for this long ends the request as a stalled link (ms). */
  idleMs?: number;
}

/** What the bytes of one request did on the link. */
export interface WireMeter {
  bucket: TokenBucket;
  /** Called as body bytes leave (after the throttle). */
  onBytes(n: number): void;
}

/**
 * Sends `req` and answers the response. Throws LinkDown for an unreachable centre, a 5xx, 408
 * or 429 (the body is drained first); other statuses are the caller's to read.
 */
export async function send(req: WireRequest, meter: WireMeter): Promise<Response> {
  let res: Response;
  const watchdog = new Watchdog(req.idleMs);
  try {
    const size = req.body?.length ?? 0;
    const body = req.body
      ? (Readable.toWeb(
          Readable.from([req.body]).pipe(
            new ThrottledStream(
              meter.bucket,
              (n) => (watchdog.kick(), meter.onBytes(n)),
              () => watchdog.bodySent(size),
            ),
          ),
        ) as ReadableStream<Uint8Array>)
      : undefined;
    if (!body) watchdog.bodySent(0);
    res = await fetch(req.url, {
      method: req.method,
      headers: req.body ? { ...req.headers, 'content-length': String(size) } : req.headers,
      body,
      signal: req.signal ? AbortSignal.any([req.signal, watchdog.signal]) : watchdog.signal,
      ...(body ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (e) {
    if (isLinkError(e) || watchdog.signal.aborted)
      throw new LinkDown(
        watchdog.signal.aborted
          ? 'No progress on the link: the request was abandoned.'
          : `The centre could not be reached: ${describe(e)}.`,
      );
    throw e;
  } finally {
    watchdog.clear();
  }
  if (LINK_STATUSES.has(res.status) || res.status >= 500) {
    const text = await res.text().catch(() => '');
    throw new LinkDown(
      `The centre answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}.`,
      LINK_STATUSES.get(res.status) ?? 'GATEWAY_CENTRE_ERROR',
    );
  }
  return res;
}

/** The most specific message of an error chain. */
export function describe(e: unknown): string {
  const parts: string[] = [];
  for (let c: unknown = e; c instanceof Error; c = (c as { cause?: unknown }).cause)
    parts.push((c as { code?: string }).code ?? c.message);
  return parts.join(' / ') || String(e);
}
