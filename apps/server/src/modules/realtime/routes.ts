import { DESK_CHANGED } from '@telerad/contracts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { FastifyZodApp } from '../../platform/http';
import { appError } from '../../platform/errors';
import type { Realtime, RealtimeMessage } from '../../platform/realtime';
import {
  can,
  clinicScope,
  inScope,
  presentedCredential,
  recheckCredential,
  type PresentedCredential,
} from '../auth';
import { messagingEventFor } from '../messaging';
import { originAllowed } from './origin';

/** Options of {@link realtimeRoutes}. */
export interface RealtimeRouteOptions {
  /** The process's hub; absent in tests that need no live events (the route answers 503). */
  realtime: Realtime | undefined;
  /** Keep-alive ping interval (default 25 s). */
  pingMs?: number;
  /** How often a socket's session or API token is re-checked (default 60 s). */
  sessionCheckMs?: number;
  /** The public URL pages may also be served from (`Origin` check); same host always may. */
  publicUrl?: string;
}

/** The subset of a `ws` WebSocket this module uses (the package ships no types). */
interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  on(event: 'close', listener: () => void): void;
}

const OPEN = 1;

/** A task event as the hub carries it between processes. */
export interface TaskNotification {
  kind: 'task';
  type: string;
  taskId: string;
  clinicId: string | null;
  at: string;
}

function isTaskNotification(m: RealtimeMessage): m is RealtimeMessage & TaskNotification {
  return m.kind === 'task' && typeof m.type === 'string' && typeof m.taskId === 'string';
}

/**
 * `GET /api/realtime`: the worklist's live event stream over a WebSocket. The upgrade request
 * goes through the normal pipeline (cookie session or API token, permission), so only signed-in
 * users connect, and only from a page of this server (see originAllowed). Each socket gets only
 * the events of clinics its user may see. The socket outlives the request that opened it, so its
 * credential is re-checked every `sessionCheckMs` by the rules of a new request, and the socket
 * is closed (4401) once the session or token is revoked or expired, or the user disabled or no
 * longer allowed to read the worklist.
 */
export async function realtimeRoutes(
  app: FastifyZodApp,
  opts: RealtimeRouteOptions,
): Promise<void> {
  const hub = opts.realtime;
  const pingMs = opts.pingMs ?? 25_000;
  const sessionCheckMs = opts.sessionCheckMs ?? 60_000;

  app.route({
    method: 'GET',
    url: '/api/realtime',
    config: { access: { permission: 'worklist:read' } },
    schema: {
      tags: ['worklist'],
      summary: 'Live worklist events (WebSocket: task created, claimed, released, completed…)',
    },
    preHandler: async (req) => {
      if (!req.ws) throw appError('UPGRADE_REQUIRED');
      if (!originAllowed(req.headers.origin, req.headers.host, opts.publicUrl))
        throw appError('ORIGIN_NOT_ALLOWED');
      // A node without the realtime role publishes but holds no LISTEN: the load balancer sends
      // live sockets to the nodes that have it (docs/adr/0047).
      if (!hub?.listens) throw appError('SERVICE_UNAVAILABLE');
    },
    // Reached only by plain requests, which preHandler already refused.
    handler: async () => {
      throw appError('UPGRADE_REQUIRED');
    },
    wsHandler: (socket, req) => {
      const live = socket as unknown as LiveSocket;
      if (!hub?.listens) return live.close(1011, 'unavailable');
      serveSocket(live, req as unknown as FastifyRequest, hub, { pingMs, sessionCheckMs });
    },
  });
}

function serveSocket(
  socket: LiveSocket,
  req: FastifyRequest,
  hub: Realtime,
  timing: { pingMs: number; sessionCheckMs: number },
): void {
  const actor = req.ctx.actor;
  const credential = presentedCredential(req);
  if (!actor || !credential) return socket.close(4401, 'unauthenticated');
  // Re-checks replace it: clinic memberships changed meanwhile apply to the next event.
  let scope = clinicScope(actor);
  const db = req.ctx.db;

  const send = (msg: Record<string, unknown>) => {
    if (socket.readyState === OPEN) socket.send(JSON.stringify(msg));
  };

  const unsubscribe = hub.subscribe((m) => {
    // A new in-app notification goes to its own user's sockets only.
    if (m.kind === 'notification') {
      if (m.userId === actor.userId)
        send({ type: 'notification', notificationId: m.notificationId, at: m.at });
      return;
    }
    // Something changed on a clinic's desk: desks of users who see that clinic refresh.
    if (m.kind === 'desk') {
      if (typeof m.clinicId === 'string' && inScope(scope, m.clinicId) && can(actor, 'desk:read'))
        send({ type: DESK_CHANGED, clinicId: m.clinicId, source: m.source, at: m.at });
      return;
    }
    // Messages, read marks and typing: to users who may read the thread's clinic's messages.
    const messaging = messagingEventFor(actor, scope, m);
    if (messaging) return send({ ...messaging });
    if (!isTaskNotification(m) || !inScope(scope, m.clinicId)) return;
    send({
      type: m.type,
      taskId: m.taskId,
      clinicId: m.clinicId,
      at: typeof m.at === 'string' ? m.at : new Date().toISOString(),
    });
  });

  const ping = setInterval(() => {
    if (socket.readyState === OPEN) socket.ping();
  }, timing.pingMs);
  ping.unref();

  let checking = false;
  const sessionCheck = setInterval(() => {
    if (checking) return;
    checking = true;
    stillAllowed(db, credential)
      .then((current) => {
        if (current) scope = clinicScope(current);
        else socket.close(4401, 'session ended');
      })
      .catch(() => undefined) // a database hiccup is no reason to drop the socket
      .finally(() => {
        checking = false;
      });
  }, timing.sessionCheckMs);
  sessionCheck.unref();

  socket.on('close', () => {
    clearInterval(ping);
    clearInterval(sessionCheck);
    unsubscribe();
  });

  send({ type: 'hello', serverTime: new Date().toISOString() });
}

/** The socket's user as of now, or null when the socket must close. */
async function stillAllowed(db: Db, credential: PresentedCredential): Promise<Actor | null> {
  const current = await recheckCredential(db, credential);
  return current && can(current, 'worklist:read') ? current : null;
}
