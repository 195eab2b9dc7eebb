import {
  NewTeachingSessionBody,
  TeachingFlagAnswer,
  TeachingFlagBody,
  TeachingFlagListAnswer,
  TeachingFlagStatus,
  TeachingFlagStatusQuery,
  TeachingSessionAnswer,
  TeachingSessionListAnswer,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import type { ObjectStorage } from '../../platform/storage';
import { acceptOf, parseFrameList } from '../dicomweb';
import { flagCase, flagStatus, listFlags, loadFlag } from './flags';
import { createSession, listSessions, loadSession } from './sessions';
import { caseFrames, caseMetadata } from './viewing';

const IdParams = z.object({ id: z.uuid() });
const uid = z.string().regex(/^[0-9.]{1,64}$/, 'must be a DICOM UID');
const CaseStudyParams = z.object({ id: z.uuid(), studyUid: uid });
const CaseFrameParams = CaseStudyParams.extend({
  seriesUid: uid,
  sopUid: uid,
  frames: z.string().max(2000),
});

/** Options of {@link teachingRoutes}: where the de-identified copies are stored. */
export interface TeachingRouteOptions {
  storage: ObjectStorage;
}

/**
 * The teaching file: readers flag cases; QA lists the flags and builds sessions (the copies are
 * de-identified as the session is made); any staff member opens a session and views its cases
 * through the teaching viewer's own WADO-RS paths. Clinic users hold no teaching permission.
 * Every read and write is audited; writes in their own transaction.
 */
export async function teachingRoutes(app: FastifyZodApp, opts: TeachingRouteOptions) {
  const { storage } = opts;

  app.post('/api/teaching/flags', {
    config: {
      access: { permission: 'teaching:flag', audit: 'teaching.flag', auditInTransaction: true },
    },
    schema: {
      tags: ['teaching'],
      summary: 'Flag a study as a teaching case (again: change the note)',
      body: TeachingFlagBody,
      response: { 200: TeachingFlagAnswer },
    },
    handler: async (req) => ({
      flag: await loadFlag(req.ctx.db, await flagCase(req.ctx, req.body)),
    }),
  });

  app.get('/api/teaching/flags/mine', {
    config: { access: { permission: 'teaching:flag', audit: 'teaching.flag_status' } },
    schema: {
      tags: ['teaching'],
      summary: 'Whether I have flagged a study, and my note',
      querystring: TeachingFlagStatusQuery,
      response: { 200: TeachingFlagStatus },
    },
    handler: async (req) => flagStatus(req.ctx, req.query.studyUid),
  });

  app.get('/api/teaching/flags', {
    config: { access: { permission: 'teaching:manage', audit: 'teaching.flag_list' } },
    schema: {
      tags: ['teaching'],
      summary: 'Flagged cases, newest first (no patient, no clinic)',
      response: { 200: TeachingFlagListAnswer },
    },
    handler: async (req) => ({ flags: await listFlags(req.ctx.db) }),
  });

  app.get('/api/teaching/flags/:id', {
    config: {
      access: {
        permission: 'teaching:manage',
        audit: 'teaching.flag_read',
        resource: 'teachingFlag',
      },
    },
    schema: {
      tags: ['teaching'],
      summary: 'One flagged case',
      params: IdParams,
      response: { 200: TeachingFlagAnswer },
    },
    handler: async (req) => ({ flag: await loadFlag(req.ctx.db, req.params.id) }),
  });

  app.post('/api/teaching/sessions', {
    config: {
      access: {
        permission: 'teaching:manage',
        audit: 'teaching.session_create',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['teaching'],
      summary: 'Build a session from flagged cases (each copied de-identified)',
      body: NewTeachingSessionBody,
      response: { 200: TeachingSessionAnswer },
    },
    handler: async (req) => ({
      session: await loadSession(req.ctx.db, await createSession(req.ctx, storage, req.body)),
    }),
  });

  app.get('/api/teaching/sessions', {
    config: { access: { permission: 'teaching:view', audit: 'teaching.session_list' } },
    schema: {
      tags: ['teaching'],
      summary: 'Teaching sessions, the most recent first',
      response: { 200: TeachingSessionListAnswer },
    },
    handler: async (req) => ({ sessions: await listSessions(req.ctx.db) }),
  });

  app.get('/api/teaching/sessions/:id', {
    config: {
      access: {
        permission: 'teaching:view',
        audit: 'teaching.session_read',
        resource: 'teachingSession',
      },
    },
    schema: {
      tags: ['teaching'],
      summary: 'One session with its cases in order',
      params: IdParams,
      response: { 200: TeachingSessionAnswer },
    },
    handler: async (req) => ({ session: await loadSession(req.ctx.db, req.params.id) }),
  });

  app.get('/api/teaching/cases/:id/studies/:studyUid/metadata', {
    config: {
      access: {
        permission: 'teaching:view',
        audit: 'teaching.case_metadata',
        resource: 'teachingCase',
      },
    },
    schema: { hide: true, params: CaseStudyParams },
    handler: async (req, reply) => {
      const body = await caseMetadata(req.ctx.db, req.params.id, req.params.studyUid);
      return reply
        .header('content-type', 'application/dicom+json')
        .send(Buffer.from(JSON.stringify(body)));
    },
  });

  app.get(
    '/api/teaching/cases/:id/studies/:studyUid/series/:seriesUid/instances/:sopUid/frames/:frames',
    {
      config: {
        access: {
          permission: 'teaching:view',
          audit: 'teaching.case_frames',
          resource: 'teachingCase',
        },
      },
      schema: { hide: true, params: CaseFrameParams },
      handler: async (req, reply) => {
        const { id, frames, ...t } = req.params;
        const r = await caseFrames(
          req.ctx.db,
          storage,
          { caseId: id, ...t },
          parseFrameList(frames),
          acceptOf(req.headers.accept, req.query as Record<string, unknown>),
        );
        return reply.header('content-type', r.contentType).send(r.body);
      },
    },
  );
}
