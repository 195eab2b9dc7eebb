/** A signed-in `/api/realtime` socket that records every message it receives. */
export interface RecordingSocket<M> {
  ws: WebSocket;
  seen: M[];
  /** The first message (seen or still to come) that matches, or a rejection after the timeout. */
  next(match: (m: M) => boolean, timeoutMs?: number): Promise<M>;
}

/**
 * Opens `${base}/api/realtime` with a session cookie and resolves once it is open. `label` names
 * the socket in timeout errors; `defaultTimeoutMs` applies when `next` is given none.
 */
export async function recordingSocket<M>(
  base: string,
  cookie: string,
  opts: { label?: string; defaultTimeoutMs?: number } = {},
): Promise<RecordingSocket<M>> {
  const { label = 'socket', defaultTimeoutMs = 1000 } = opts;
  // Node's WebSocket (undici) takes request headers in a non-standard init object.
  const init = { headers: { cookie } } as unknown as string[];
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
