/**
 * Whether a WebSocket handshake's `Origin` may open `/api/realtime`: the page must come from this
 * server (the origin's host is the request's `Host`) or from the configured public URL.
 *
 * Why: browsers send the page's origin on every WebSocket handshake (RFC 6455 §4.1, §10.2) and
 * attach the session cookie to it; the same-origin policy does not apply to WebSockets, and
 * SameSite=Strict does not stop a page of the same site on another port or host name. Without
 * this check such a page could read the worklist stream as the signed-in user.
 *
 * A handshake with no `Origin` comes from a program, not a browser page, so no cookie was lent
 * to it by a browser; it is let through (a gateway or a bench with its own cookie or token).
 * `Origin: null` (sandboxed frames, files) is refused.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string | undefined,
): boolean {
  if (origin === undefined) return true;
  let page: URL;
  try {
    page = new URL(origin);
  } catch {
    return false;
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
  if (host && sameHost(page, host)) return true;
  if (!publicUrl) return false;
  try {
    return page.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

/** The Host header, read with the page's scheme so that default ports compare equal. */
function sameHost(page: URL, host: string): boolean {
  try {
    return new URL(`${page.protocol}//${host}`).host === page.host;
  } catch {
    return false;
  }
}
