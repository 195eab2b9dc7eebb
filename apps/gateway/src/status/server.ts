import http from 'node:http';
import type { Logger } from '../log';
import { handleOrders, type LocalOrders } from './orders';
import { renderStatusPage } from './page';
import type { StatusSnapshot } from './snapshot';

/**
 * Serves the status page (`/`) and `/status.json` on 127.0.0.1 only: the queue's UIDs and the
 * clinic's state are for the machine's own user, never the clinic network. With `orders`, also
 * the front desk's registration page during an outage (`/orders`, see `./orders.ts`).
 */
export async function startStatusServer(
  port: number,
  snapshot: () => Promise<StatusSnapshot>,
  log: Logger,
  orders?: LocalOrders,
): Promise<{ close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (orders && handleOrders(req, res, url, port, orders, log)) return;
    if (req.method !== 'GET' || (url.pathname !== '/' && url.pathname !== '/status.json')) {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('Not found: try / or /status.json\n');
      return;
    }
    snapshot().then(
      (s) => {
        const json = url.pathname === '/status.json';
        res.writeHead(200, {
          'content-type': json ? 'application/json' : 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(json ? JSON.stringify(s) : renderStatusPage(s));
      },
      (e: Error) => {
        log.error({ event: 'status.failed', err: e.message }, 'status snapshot failed');
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end('The status could not be read; see the gateway log.\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  log.info(
    { event: 'status.listening', url: `http://127.0.0.1:${port}/` },
    'status page listening',
  );
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
