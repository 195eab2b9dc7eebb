import http from 'node:http';

/** A signed-in `/api/realtime` socket that records every message it receives. */
export interface RecordingSocket<M> {
  ws: WebSocket;
  seen: M[];
  /** The first message (seen or still to come) that matches, or a rejection after the timeout. */
  next(match: (m: M) => boolean, timeoutMs?: number): Promise<M>;
}

/**
 * Opens `${base}/api/realtime` with a session cookie and resolves once it is open. `label` names
 * the socket in timeout errors; `defaultTimeoutMs` applies when `next` is given none; `headers`
 * are sent besides the cookie (an Origin, or an Authorization in place of an empty cookie).
 */
export async function recordingSocket<M>(
  base: string,
  cookie: string,
  opts: { label?: string; defaultTimeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<RecordingSocket<M>> {
  const { label = 'socket', defaultTimeoutMs = 1000 } = opts;
  // Node's WebSocket (undici) takes request headers in a non-standard init object.
  const headers = { ...(cookie ? { cookie } : {}), ...opts.headers };
  const init = { headers } as unknown as string[];
  const ws = new WebSocket(`${base}/api/realtime`, init);
  const seen: M[] = [];
  const waiting = new Set<() => void>();
  ws.addEventListener('message', (e) => {
    seen.push(JSON.parse(String(e.data)) as M);
    for (const w of [...waiting]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`${label} failed to open`)), {
      once: true,
    });
  });
  const next = (match: (m: M) => boolean, timeoutMs = defaultTimeoutMs) =>
    new Promise<M>((resolve, reject) => {
      const check = () => {
        const m = seen.find(match);
        if (!m) return;
        waiting.delete(check);
        clearTimeout(timer);
        resolve(m);
      };
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`${label}: no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.add(check);
      check();
    });
  return { ws, seen, next };
}

/**
 * Sends a WebSocket upgrade for `/api/realtime` to `base` (`ws://host:port`) with `headers`;
 * answers the status of the refusal, or 101 when the server accepts the upgrade.
 */
export function upgradeStatus(base: string, headers: Record<string, string> = {}): Promise<number> {
  const url = new URL(base.replace(/^ws/, 'http'));
  return new Promise((resolve, reject) => {
    const req = http.request({
      agent: false, // a pooled keep-alive socket would be one the server already closed
      host: url.hostname,
      port: url.port,
      path: '/api/realtime',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
