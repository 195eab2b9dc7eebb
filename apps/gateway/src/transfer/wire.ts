import { Readable } from 'node:stream';
import { LinkDown } from './types';
import { ThrottledStream, type TokenBucket } from './throttle';

/**
 * One HTTP request to the centre with its body paced by the shared token bucket, counted as it
 * leaves, and classified on failure: anything that says the link or the centre is away as a
 * whole (refused, reset, DNS, timeout, 5xx, 429) is {@link LinkDown}, so the loop pauses instead
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
 * Sends `req` and answers the response. Throws LinkDown for an unreachable centre, a 5xx or a
 * 429 (the body is drained first); other statuses are the caller's to read.
 */
export async function send(req: WireRequest, meter: WireMeter): Promise<Response> {
  let res: Response;
  // A stalled link (every packet lost) leaves TCP waiting for many minutes: a watchdog that
  // each byte sent puts back ends the request much sooner.
  const stalled = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const kick = () => {
    clearTimeout(idle);
    if (req.idleMs) idle = setTimeout(() => stalled.abort(), req.idleMs);
  };
  try {
    kick();
    const body = req.body
      ? (Readable.toWeb(
          Readable.from([req.body]).pipe(
            new ThrottledStream(meter.bucket, (n) => (kick(), meter.onBytes(n))),
          ),
        ) as ReadableStream<Uint8Array>)
      : undefined;
    res = await fetch(req.url, {
      method: req.method,
      headers: req.body
        ? { ...req.headers, 'content-length': String(req.body.length) }
        : req.headers,
      body,
      signal: req.signal ? AbortSignal.any([req.signal, stalled.signal]) : stalled.signal,
      ...(body ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (e) {
    if (isLinkError(e) || stalled.signal.aborted)
      throw new LinkDown(
        stalled.signal.aborted
          ? 'No progress on the link: the request was abandoned.'
          : `The centre could not be reached: ${describe(e)}.`,
      );
    throw e;
  } finally {
    clearTimeout(idle);
  }
  if (res.status >= 500 || res.status === 429) {
    const text = await res.text().catch(() => '');
    throw new LinkDown(
      `The centre answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}.`,
      res.status === 429 ? 'GATEWAY_CENTRE_BUSY' : 'GATEWAY_CENTRE_ERROR',
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
