import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { ObjectStorage } from '../../platform/storage';
import { appError } from '../../platform/errors';
import type { ResourceKind, RouteAccess } from '../auth';
import { acceptOf, chooseSingle } from './accept';
import { decodedBody } from './contentEncoding';
import { DICOM_JSON } from './dicomJson';
import { installDicomwebFailures, warningHeader } from './failures';
import { DICOMWEB_ROOT, dicomwebBaseUrl } from './publicUrl';
import { qido, type QidoLevel } from './qido';
import { parseRenderParams, renderFrame } from './render';
import { stow, type StowDeps } from './stow';
import {
  parseFrameList,
  retrieveBulkData,
  retrieveFrames,
  retrieveInstances,
  retrieveMetadata,
  type WadoResponse,
  type WadoTarget,
} from './wado';

/** What the DICOMweb routes need from the process. */
export interface DicomwebOptions {
  storage: ObjectStorage;
  stow: StowDeps;
  /** TELERAD_PUBLIC_URL when set: the base of every absolute link (see `dicomwebBaseUrl`). */
  publicUrl?: string;
}

const ROOT = DICOMWEB_ROOT;
const S = `${ROOT}/studies/:studyUid`;
const SE = `${S}/series/:seriesUid`;
const I = `${SE}/instances/:sopUid`;

const uid = z.string().regex(/^[0-9.]{1,64}$/, 'must be a DICOM UID');
const P = {
  study: z.object({ studyUid: uid }),
  series: z.object({ studyUid: uid, seriesUid: uid }),
  instance: z.object({ studyUid: uid, seriesUid: uid, sopUid: uid }),
  frames: z.object({ studyUid: uid, seriesUid: uid, sopUid: uid, frames: z.string().max(2000) }),
  bulk: z.object({ studyUid: uid, seriesUid: uid, sopUid: uid, '*': z.string().max(200) }),
};
type Params = Partial<WadoTarget> & { frames?: string; '*'?: string };

/** A read route's access: `resource` is the most specific record its path names, if any. */
const read = (audit: string, resource?: ResourceKind): { access: RouteAccess } => ({
  access: { permission: 'archive:read', audit, ...(resource ? { resource } : {}) },
});

const query = (req: FastifyRequest) => req.query as Record<string, unknown>;
const targetOf = (p: Params): WadoTarget => ({
  studyUid: p.studyUid!,
  seriesUid: p.seriesUid,
  sopUid: p.sopUid,
});

function begin(req: FastifyRequest): Params {
  const p = req.params as Params;
  // Keeps the clinic the scope check resolved.
  req.auditInfo = { ...req.auditInfo, resourceId: p.studyUid ?? null };
  return p;
}

function sendStream(req: FastifyRequest, reply: FastifyReply, r: WadoResponse) {
  req.auditInfo = { ...req.auditInfo, clinicId: r.clinicId };
  return reply.header('content-type', r.contentType).send(r.body);
}

/**
 * Every DICOM JSON answer of the module (QIDO-RS, metadata, STOW-RS) leaves here, typed exactly
 * `application/dicom+json` (PS3.18 §8.7.3.5.1, Table 8.7.3-2). It is sent as bytes: Fastify
 * appends `; charset=utf-8` to any JSON media type sent as a string, and clients such as
 * `dicomweb-client` compare the whole Content-Type and drop an answer that differs.
 */
function sendJson(reply: FastifyReply, body: unknown, warnings: string[] = []) {
  if (warnings.length) reply.header('warning', warningHeader(warnings));
  return reply.header('content-type', DICOM_JSON).send(Buffer.from(JSON.stringify(body)));
}

/**
 * `/dicomweb`: the standard DICOMweb services (PS3.18): STOW-RS, QIDO-RS and WADO-RS. Each
 * route reads the request, calls one service function with the request's context and answers;
 * clinic scope, ingest and rendering live in the services. Every route is audited.
 */
export async function dicomwebRoutes(app: FastifyZodApp, opts: DicomwebOptions): Promise<void> {
  // STOW bodies are streamed into ingest part by part, never parsed or buffered here.
  app.addContentTypeParser('multipart/related', (_req, payload, done) => done(null, payload));
  const { storage } = opts;
  const baseUrl = (req: FastifyRequest) => dicomwebBaseUrl(req, opts.publicUrl);
  installDicomwebFailures(app);

  const hide = { hide: true };

  const stowHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const p = begin(req);
    if (
      !req.body ||
      typeof (req.body as AsyncIterable<Buffer>)[Symbol.asyncIterator] !== 'function'
    )
      throw appError(
        'UNSUPPORTED_MEDIA_TYPE',
        undefined,
        'STOW-RS accepts multipart/related; type="application/dicom".',
      );
    const clinic = query(req).clinic;
    const r = await stow(req.ctx, opts.stow, {
      contentType: req.headers['content-type'],
      body: decodedBody(
        req.headers['content-encoding'],
        req.body as AsyncIterable<Buffer>,
        opts.stow.maxObjectBytes,
      ),
      studyUid: p.studyUid,
      clinic: typeof clinic === 'string' ? clinic : undefined,
      baseUrl: baseUrl(req),
    });
    // The arrivals' audit event: written by the answer hook before the STOW-RS response leaves.
    req.auditInfo = {
      ...req.auditInfo,
      ...(r.studyUids.length === 1 ? { resourceType: 'study', resourceId: r.studyUids[0] } : {}),
      clinicId: r.clinicId,
      details: {
        stored: r.stored,
        failed: r.failed,
        studyUids: r.studyUids,
        sopInstanceUids: r.sopInstanceUids,
      },
    };
    return sendJson(reply.status(r.status), r.body);
  };
  const write = { access: { permission: 'archive:write', audit: 'dicomweb.stow' } as RouteAccess };
  app.post(`${ROOT}/studies`, { config: write, schema: hide, handler: stowHandler });
  app.post(S, {
    config: { access: { ...write.access, resource: 'study' } },
    schema: { ...hide, params: P.study },
    handler: stowHandler,
  });

  const search = (level: QidoLevel) => async (req: FastifyRequest, reply: FastifyReply) => {
    const p = begin(req);
    chooseSingle(acceptOf(req.headers.accept, query(req)), [DICOM_JSON, 'application/json']);
    const r = await qido(req.ctx, {
      level,
      studyUid: p.studyUid,
      seriesUid: p.seriesUid,
      query: query(req),
      baseUrl: baseUrl(req),
    });
    req.auditInfo = {
      ...req.auditInfo,
      details: { level, query: query(req), matches: r.matches.length },
    };
    return sendJson(reply, r.matches, r.warnings);
  };
  app.get(`${ROOT}/studies`, {
    config: read('dicomweb.qido'),
    schema: hide,
    handler: search('study'),
  });
  app.get(`${ROOT}/series`, {
    config: read('dicomweb.qido'),
    schema: hide,
    handler: search('series'),
  });
  app.get(`${ROOT}/instances`, {
    config: read('dicomweb.qido'),
    schema: hide,
    handler: search('instance'),
  });
  app.get(`${S}/series`, {
    config: read('dicomweb.qido', 'study'),
    schema: { ...hide, params: P.study },
    handler: search('series'),
  });
  app.get(`${S}/instances`, {
    config: read('dicomweb.qido', 'study'),
    schema: { ...hide, params: P.study },
    handler: search('instance'),
  });
  app.get(`${SE}/instances`, {
    config: read('dicomweb.qido', 'series'),
    schema: { ...hide, params: P.series },
    handler: search('instance'),
  });

  const retrieve = async (req: FastifyRequest, reply: FastifyReply) => {
    const t = targetOf(begin(req));
    return sendStream(
      req,
      reply,
      await retrieveInstances(req.ctx, storage, t, acceptOf(req.headers.accept, query(req))),
    );
  };
  const metadata = async (req: FastifyRequest, reply: FastifyReply) => {
    const t = targetOf(begin(req));
    chooseSingle(acceptOf(req.headers.accept, query(req)), [DICOM_JSON, 'application/json']);
    // Telerad's viewer asks `?cad=exclude` (docs/adr/0041); the query is not part of PS3.18.
    const r = await retrieveMetadata(req.ctx, t, baseUrl(req), {
      withoutCad: query(req).cad === 'exclude',
    });
    req.auditInfo = { ...req.auditInfo, clinicId: r.clinicId };
    return sendJson(reply, r.body);
  };
  for (const [url, params, kind] of [
    [S, P.study, 'study'],
    [SE, P.series, 'series'],
    [I, P.instance, 'instance'],
  ] as const) {
    app.get(url, {
      config: read('dicomweb.retrieve', kind),
      schema: { ...hide, params },
      handler: retrieve,
    });
    app.get(`${url}/metadata`, {
      config: read('dicomweb.metadata', kind),
      schema: { ...hide, params },
      handler: metadata,
    });
  }

  app.get(`${I}/frames/:frames`, {
    config: read('dicomweb.frames', 'instance'),
    schema: { ...hide, params: P.frames },
    handler: async (req, reply) => {
      const p = begin(req);
      const frames = parseFrameList(p.frames!);
      const accept = acceptOf(req.headers.accept, query(req));
      return sendStream(
        req,
        reply,
        await retrieveFrames(req.ctx, storage, targetOf(p) as Required<WadoTarget>, frames, accept),
      );
    },
  });
  app.get(`${I}/bulkdata/*`, {
    config: read('dicomweb.bulkdata', 'instance'),
    schema: { ...hide, params: P.bulk },
    handler: async (req, reply) => {
      const p = begin(req);
      const path = p['*']!.split('/').filter(Boolean);
      const accept = acceptOf(req.headers.accept, query(req));
      return sendStream(
        req,
        reply,
        await retrieveBulkData(req.ctx, storage, targetOf(p) as Required<WadoTarget>, path, accept),
      );
    },
  });

  const render = (thumbnail: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const p = begin(req);
    const frames = p.frames ? parseFrameList(p.frames) : [1];
    if (frames.length !== 1)
      throw appError('VALIDATION_FAILED', [
        { path: 'frames', message: 'render one frame at a time' },
      ]);
    const r = await renderFrame(req.ctx, storage, targetOf(p), {
      frame: frames[0]!,
      thumbnail,
      params: parseRenderParams(query(req)),
      accept: acceptOf(req.headers.accept, query(req)),
    });
    req.auditInfo = { ...req.auditInfo, clinicId: r.clinicId };
    return reply.header('content-type', r.contentType).send(r.body);
  };
  for (const [url, params] of [
    [I, P.instance],
    [`${I}/frames/:frames`, P.frames],
  ] as const) {
    app.get(`${url}/rendered`, {
      config: read('dicomweb.rendered', 'instance'),
      schema: { ...hide, params },
      handler: render(false),
    });
    app.get(`${url}/thumbnail`, {
      config: read('dicomweb.thumbnail', 'instance'),
      schema: { ...hide, params },
      handler: render(true),
    });
  }
  for (const [url, params, kind] of [
    [S, P.study, 'study'],
    [SE, P.series, 'series'],
  ] as const)
    app.get(`${url}/thumbnail`, {
      config: read('dicomweb.thumbnail', kind),
      schema: { ...hide, params },
      handler: render(true),
    });
}
