import type http from 'node:http';
import { z } from 'zod';
import type { Logger } from '../log';
import type { LocalOrder } from '../worklist/outbox';
import { renderOrdersPage } from './ordersPage';

/** What the local orders page needs from the gateway. */
export interface LocalOrders {
  add(input: unknown): Promise<LocalOrder>;
  waiting(): LocalOrder[];
  refused(): LocalOrder[];
}

/** A registration form's JSON is small; anything larger is refused unread. */
const MAX_BODY = 64 * 1024;

const send = (res: http.ServerResponse, status: number, body: unknown) =>
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(JSON.stringify(body));

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `GET /orders` (the front desk's form and the orders waiting) and `POST /orders` (JSON, checked
 * with the portal's `OrderCreate`): answers 201 with the order once it is on disk. Only JSON is
 * taken, so a page on another site cannot post here from the desk's browser without the
 * browser's preflight, which this server never grants; and only for a Host naming this machine,
 * so a rebound DNS name cannot reach it either. Answers whether it handled the request.
 */
export function handleOrders(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  port: number,
  orders: LocalOrders,
  log: Logger,
): boolean {
  if (url.pathname !== '/orders') return false;
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    send(res, 403, {
      code: 'FORBIDDEN',
      message: 'Open this page as http://127.0.0.1 on the gateway.',
    });
    return true;
  }
  if (req.method === 'GET') {
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      })
      .end(renderOrdersPage(orders.waiting(), orders.refused()));
    return true;
  }
  if (req.method !== 'POST') {
    send(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'GET or POST /orders' });
    return true;
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    send(res, 415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the order as JSON.' });
    return true;
  }
  void (async () => {
    const text = await readBody(req);
    if (text === null)
      return send(res, 413, { code: 'TOO_LARGE', message: 'The order is too large.' });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return send(res, 400, { code: 'VALIDATION_FAILED', message: 'The order is not valid JSON.' });
    }
    try {
      const order = await orders.add(json);
      log.info(
        { event: 'outbox.registered', localId: order.localId },
        'order registered at the gateway',
      );
      send(res, 201, {
        localId: order.localId,
        accessionNumber: order.order.accessionNumber,
        studyInstanceUid: order.studyInstanceUid,
        scheduledDate: order.order.scheduledDate,
      });
    } catch (e) {
      if (e instanceof z.ZodError)
        return send(res, 400, {
          code: 'VALIDATION_FAILED',
          message: e.issues.map((i) => `${i.path.join('.') || 'order'}: ${i.message}`).join('; '),
          issues: e.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      log.error({ event: 'outbox.failed', err: (e as Error).message }, 'order not registered');
      send(res, 500, {
        code: 'NOT_REGISTERED',
        message: `The order could not be kept on disk (${(e as Error).message}); it is not registered.`,
      });
    }
  })().catch((e: Error) => {
    log.error({ event: 'outbox.failed', err: e.message }, 'order request failed');
    if (!res.headersSent) send(res, 500, { code: 'NOT_REGISTERED', message: 'Not registered.' });
  });
  return true;
}
