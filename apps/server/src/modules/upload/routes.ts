import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AlreadySent, AlreadySentQuery, UploadResult } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { RouteAccess } from '../auth';
import { alreadySent, uploadStatus } from './service';
import { UPLOAD_PATH, type TusCall, type Uploads } from './tus';

const Params = z.object({ id: z.uuid() });

/** The Fastify request as the web Request tus reads: same method, headers and streamed body. */
function webRequest(req: FastifyRequest): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) for (const x of v) headers.append(k, x);
  }
  const body = req.method === 'PATCH' || req.method === 'POST';
  return new Request(`http://${req.host}${req.url}`, {
    method: req.method,
    headers,
    ...(body ? { body: Readable.toWeb(req.raw) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * `/api/uploads`: resumable browser upload (tus 1.0.0) for clinic users, and the checks the
 * upload page makes. The tus routes are ordinary Fastify routes (auth, permission, clinic scope
 * of `:id`, audit) whose handler passes the request to @tus/server and relays its answer.
 */
export async function uploadRoutes(app: FastifyZodApp, opts: { uploads: Uploads }): Promise<void> {
  const { uploads } = opts;
  // tus PATCH bodies are read by tus from the raw request, never parsed or buffered here.
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

  const viaTus = async (req: FastifyRequest, reply: FastifyReply) => {
    const call: TusCall = { ctx: req.ctx };
    const res = await uploads.run(call, () => uploads.tus.handleWeb(webRequest(req)));
    if (call.refusal) throw call.refusal;
    if (call.result)
      req.auditInfo = {
        ...req.auditInfo,
        details: { outcome: call.result.outcome, sopInstanceUid: call.result.sopUid },
      };
    reply.code(res.status);
    res.headers.forEach((v, k) => void reply.header(k, v));
    const text = await res.text();
    return reply.send(text.length ? text : undefined);
  };
  const tusAccess = (audit: string, extra: Partial<RouteAccess> = {}): { access: RouteAccess } => ({
    access: { permission: 'uploads:send', audit, ...extra },
  });
  const hide = { hide: true };

  app.post(UPLOAD_PATH, {
    config: tusAccess('upload.create', { auditInTransaction: true }),
    schema: hide,
    handler: viaTus,
  });
  app.route({
    method: ['HEAD', 'PATCH', 'DELETE'],
    url: `${UPLOAD_PATH}/:id`,
    config: tusAccess('upload.send', { resource: 'upload' }),
    schema: { ...hide, params: Params },
    handler: viaTus,
  });

  app.get(`${UPLOAD_PATH}/:id`, {
    config: tusAccess('upload.read', { resource: 'upload' }),
    schema: {
      tags: ['uploads'],
      summary: 'What became of one uploaded file: receiving, stored, duplicate or refused and why',
      params: Params,
      response: { 200: UploadResult },
    },
    handler: async (req) => uploadStatus(req.ctx, uploads.finish, req.params.id),
  });

  app.post(`${UPLOAD_PATH}/already-sent`, {
    config: { access: { permission: 'uploads:send', audit: 'upload.lookup' } },
    schema: {
      tags: ['uploads'],
      summary: "Which of these images (by SOP Instance UID) the caller's clinics already sent",
      body: AlreadySentQuery,
      response: { 200: AlreadySent },
    },
    handler: async (req) => {
      const r = await alreadySent(req.ctx, req.body.sopUids);
      req.auditInfo = {
        ...req.auditInfo,
        details: { asked: req.body.sopUids.length, sent: r.sent },
      };
      return r;
    },
  });
}
