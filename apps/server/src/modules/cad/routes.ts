import {
  CadAeTitles,
  CadAeTitlesSet,
  CadDiscordanceCheckList,
  CadDiscordanceCheckQuery,
  CadIntegrationCreate,
  CadIntegrationCreated,
  CadObjectList,
  CadProduct,
  CadProductCreate,
  CadProductList,
  CadResultAccepted,
  CadResultList,
  CadResultPost,
  CadThreshold,
  CadThresholdList,
  CadThresholdQuery,
  CadThresholdSet,
} from '@telerad/contracts';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import type { FastifyZodApp } from '../../platform/http';
import { listCadObjects, setCadAeTitles } from './aeTitles';
import { clinicScope } from '../auth';
import { listCadDiscordanceChecks } from './discordanceChecks';
import { blindStudiesFor } from './blindness';
import { createCadIntegration } from './integrations';
import { loadCadResults } from './latest';
import { listProducts, registerProduct } from './products';
import { recordCadResult } from './results';
import { listThresholds, setThresholds } from './thresholds';

/** The id of the study with `studyUid` (the scope check has already admitted the caller). */
async function studyIdOf(db: Db, studyUid: string): Promise<string> {
  const study = await db
    .selectFrom('studies')
    .select('id')
    .where('study_uid', '=', studyUid)
    .executeTakeFirst();
  if (!study) throw appError('NOT_FOUND');
  return study.id;
}

/**
 * CAD (docs/adr/0027): the results webhook a CAD integration posts to with its own token, the
 * product versions and thresholds QA keeps as data, and a study's results. Writes are audited in
 * their transaction.
 */
export async function cadRoutes(app: FastifyZodApp): Promise<void> {
  app.post('/api/cad/results', {
    config: {
      access: { permission: 'cad:results:write', audit: 'cad.result', auditInTransaction: true },
    },
    schema: {
      tags: ['cad'],
      summary:
        'A CAD result (score or error code) for a study, by a CAD integration’s token; a re-post of the same result changes nothing',
      body: CadResultPost,
      response: { 200: CadResultAccepted },
    },
    handler: async (req) => {
      req.auditInfo = { resourceType: 'cadResult' };
      return recordCadResult(req.ctx, req.body, 'webhook', new Date());
    },
  });

  app.get('/api/studies/:studyUid/cad', {
    config: { access: { permission: 'cad:read', resource: 'study', audit: 'cad.results.read' } },
    schema: {
      tags: ['cad'],
      summary: 'A study’s CAD results, newest first, each banded by the thresholds in force',
      params: z.object({ studyUid: z.string() }),
      response: { 200: CadResultList },
    },
    handler: async (req) => {
      const studyId = await studyIdOf(req.ctx.db, req.params.studyUid);
      // A reader sees no score before their first impression of a blind-first study (ADR 0043).
      if ((await blindStudiesFor(req.ctx.db, req.ctx.actor, [studyId])).size)
        throw appError('CAD_BLIND');
      return { results: await loadCadResults(req.ctx.db, { studyId }, new Date()) };
    },
  });

  app.get('/api/cad/products', {
    config: { access: { permission: 'cad:read' } },
    schema: {
      tags: ['cad'],
      summary: 'Registered CAD product versions',
      response: { 200: CadProductList },
    },
    handler: async (req) => ({ products: await listProducts(req.ctx.db) }),
  });

  app.post('/api/cad/products', {
    config: {
      access: { permission: 'cad:manage', audit: 'cad.product.register', auditInTransaction: true },
    },
    schema: {
      tags: ['cad'],
      summary: 'Register one exact CAD product version: its score scale and error codes',
      body: CadProductCreate,
      response: { 200: CadProduct },
    },
    handler: async (req) => {
      req.auditInfo = { resourceType: 'cadProduct' };
      return registerProduct(req.ctx, req.body);
    },
  });

  app.get('/api/cad/thresholds', {
    config: { access: { permission: 'cad:read' } },
    schema: {
      tags: ['cad'],
      summary: 'Every version of the CAD thresholds, newest first; `current` marks those in force',
      querystring: CadThresholdQuery,
      response: { 200: CadThresholdList },
    },
    handler: async (req) => ({
      thresholds: await listThresholds(req.ctx.db, req.query, new Date()),
    }),
  });

  app.get('/api/cad/discordance-checks', {
    // Each check names a study and its read's category: patient data, so the read is audited.
    config: { access: { permission: 'cad:thresholds', audit: 'cad.discordance_checks.read' } },
    schema: {
      tags: ['cad'],
      summary:
        'Signed reads compared with their CAD results (docs/adr/0044), newest first: why each was held or released',
      querystring: CadDiscordanceCheckQuery,
      response: { 200: CadDiscordanceCheckList },
    },
    handler: async (req) =>
      listCadDiscordanceChecks(req.ctx.db, clinicScope(req.ctx.actor!), req.query),
  });

  app.post('/api/cad/thresholds', {
    config: {
      access: {
        permission: 'cad:thresholds',
        audit: 'cad.thresholds.set',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['cad'],
      summary:
        'Set a product version’s operating and triage thresholds for a programme (a new version, effective now)',
      body: CadThresholdSet,
      response: { 200: CadThreshold },
    },
    handler: async (req) => {
      req.auditInfo = { resourceType: 'cadThreshold' };
      return setThresholds(req.ctx, req.body, new Date());
    },
  });

  app.post('/api/cad/integrations', {
    config: {
      access: {
        permission: 'cad:manage',
        audit: 'cad.integration.create',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['cad'],
      summary:
        'Set up a CAD integration: its own service account for the given clinics, and its API token (shown once)',
      body: CadIntegrationCreate,
      response: { 200: CadIntegrationCreated },
    },
    handler: async (req) => {
      req.auditInfo = { resourceType: 'cadIntegration' };
      return createCadIntegration(req.ctx, req.body);
    },
  });

  app.put('/api/cad/integrations/:id/ae-titles', {
    config: {
      access: {
        permission: 'cad:manage',
        resource: 'cadIntegration',
        audit: 'cad.integration.ae_titles',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['cad'],
      summary:
        'Set the calling AE titles a CAD integration sends its SRs and heatmaps from by C-STORE (replaces the list)',
      params: z.object({ id: z.string().uuid() }),
      body: CadAeTitlesSet,
      response: { 200: CadAeTitles },
    },
    handler: async (req) => {
      req.auditInfo = { resourceType: 'cadIntegration' };
      return setCadAeTitles(req.ctx, req.params.id, req.body.aeTitles);
    },
  });

  app.get('/api/studies/:studyUid/cad/objects', {
    config: {
      access: { permission: 'cad:read', resource: 'study', audit: 'cad.objects.read' },
    },
    schema: {
      tags: ['cad'],
      summary:
        'The CAD objects (SRs, heatmaps) stored for a study, newest first, and why any gave no result',
      params: z.object({ studyUid: z.string() }),
      response: { 200: CadObjectList },
    },
    handler: async (req) => {
      return {
        objects: await listCadObjects(req.ctx.db, await studyIdOf(req.ctx.db, req.params.studyUid)),
      };
    },
  });
}
