import {
  CadPreliminaryPost,
  CadReaderChoiceList,
  CadReaderChoiceQuery,
  CadViewerAnswer,
  CadVisibilityEntry,
  CadVisibilityList,
  CadVisibilitySet,
} from '@telerad/contracts';
import { z } from 'zod';
import { appError } from '../../platform/errors';
import type { FastifyZodApp } from '../../platform/http';
import type { ObjectStorage } from '../../platform/storage';
import { clinicScope } from '../auth';
import { renderFrame } from '../dicomweb';
import { cadForRead, recordPreliminary } from './preliminary';
import { listReaderChoices } from './readerChoices';
import { listVisibility, setVisibility } from './visibility';

const TaskParams = z.object({ id: z.uuid() });

/** What the viewer's CAD routes need from the process. */
export interface CadViewerRouteOptions {
  storage: ObjectStorage;
}

/**
 * The viewer's blind-first step (docs/adr/0043): a read's CAD (blind until the reader's first
 * impression, unless the programme shows CAD from the start), the preliminary choice, the
 * heatmap rendered for the overlay, each programme's visibility, and the choices for QA.
 */
export async function cadViewerRoutes(
  app: FastifyZodApp,
  opts: CadViewerRouteOptions,
): Promise<void> {
  app.get('/api/tasks/:id/cad', {
    config: { access: { permission: 'cad:read', resource: 'task', audit: 'cad.read.view' } },
    schema: {
      tags: ['cad'],
      summary:
        'What the viewer may show of CAD for a read: `blind` (nothing) until the reader’s first impression in a blind-first programme',
      params: TaskParams,
      response: { 200: CadViewerAnswer },
    },
    handler: async (req) => {
      const r = await cadForRead(req.ctx, req.params.id, new Date());
      req.auditInfo = {
        clinicId: r.clinicId,
        details: { state: r.answer.state, taskId: req.params.id },
      };
      return r.answer;
    },
  });

  app.post('/api/tasks/:id/cad/preliminary', {
    config: {
      access: {
        permission: 'report:write',
        resource: 'task',
        audit: 'cad.preliminary',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['cad'],
      summary:
        'The reader’s first impression of the read they hold (normal or abnormal), recorded once; answers the CAD it unlocks',
      params: TaskParams,
      body: CadPreliminaryPost,
      response: { 200: CadViewerAnswer },
    },
    handler: async (req) => {
      req.auditInfo = { resourceType: 'cadPreliminary' };
      return recordPreliminary(req.ctx, req.params.id, req.body.choice, new Date());
    },
  });

  app.get('/api/tasks/:id/cad/heatmap', {
    config: { access: { permission: 'cad:read', resource: 'task', audit: 'cad.heatmap.view' } },
    schema: {
      tags: ['cad'],
      summary: 'The read’s CAD heatmap as PNG, refused (403) while the read is blind',
      params: TaskParams,
    },
    handler: async (req, reply) => {
      const r = await cadForRead(req.ctx, req.params.id, new Date());
      req.auditInfo = { clinicId: r.clinicId, details: { taskId: req.params.id } };
      if (r.answer.state === 'blind') throw appError('CAD_BLIND');
      const uid = r.answer.result?.heatmapSopInstanceUid;
      if (!uid || !r.answer.result?.heatmapUrl)
        throw appError('NOT_FOUND', undefined, 'This read’s CAD result has no heatmap here yet.');
      const where = await req.ctx.db
        .selectFrom('instances as i')
        .innerJoin('series as se', 'se.id', 'i.series_id')
        .innerJoin('studies as s', 's.id', 'i.study_id')
        .select(['s.study_uid', 'se.series_uid'])
        .where('i.study_id', '=', r.studyId)
        .where('i.sop_uid', '=', uid)
        .executeTakeFirstOrThrow();
      const out = await renderFrame(
        req.ctx,
        opts.storage,
        { studyUid: where.study_uid, seriesUid: where.series_uid, sopUid: uid },
        {
          frame: 1,
          thumbnail: false,
          params: {},
          accept: [{ type: 'image/png', params: {}, q: 1 }],
        },
      );
      return reply
        .header('content-type', out.contentType)
        .header('cache-control', 'private, no-store')
        .send(out.body);
    },
  });

  app.get('/api/cad/visibility', {
    config: { access: { permission: 'cad:read' } },
    schema: {
      tags: ['cad'],
      summary:
        'Each programme’s CAD visibility for readers: blind first (default) or from the start',
      response: { 200: CadVisibilityList },
    },
    handler: async (req) => ({ programmes: await listVisibility(req.ctx.db) }),
  });

  app.put('/api/cad/visibility', {
    config: {
      access: {
        permission: 'cad:thresholds',
        audit: 'cad.visibility.set',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['cad'],
      summary: 'Set when a programme’s readers see CAD: blind first, or from the start',
      body: CadVisibilitySet,
      response: { 200: CadVisibilityEntry },
    },
    handler: async (req) => {
      req.auditInfo = { resourceType: 'cadVisibility' };
      return setVisibility(req.ctx, req.body, new Date());
    },
  });

  app.get('/api/cad/reader-choices', {
    config: { access: { permission: 'cad:thresholds', audit: 'cad.reader_choices.read' } },
    schema: {
      tags: ['cad'],
      summary:
        'Each read’s preliminary and final normal/abnormal choice beside the CAD state at each, newest first',
      querystring: CadReaderChoiceQuery,
      response: { 200: CadReaderChoiceList },
    },
    handler: async (req) => ({
      reads: await listReaderChoices(req.ctx.db, clinicScope(req.ctx.actor!), req.query),
    }),
  });
}
