import {
  RetakeRatesAnswer,
  RetakeRatesQuery,
  RetakeRequestAnswer,
  RetakeRequestBody,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { clinicScope } from '../auth';
import { acknowledgeRetake, chaseRetake } from './acknowledge';
import { loadRetakeRequest } from './queries';
import { retakeRates } from './rates';
import { requestRetake } from './requests';

// `:id` is the task (asking) or the request (acknowledging, chasing); the access walk aims at it.
const IdParams = z.object({ id: z.uuid() });

/**
 * Retakes and extra views: the reader asks from the reading screen, the clinic acknowledges by
 * name, an assistant chases; each write is audited in its own transaction by the service. The
 * KPI rates are a scoped read.
 */
export async function retakeRoutes(app: FastifyZodApp): Promise<void> {
  app.post('/api/tasks/:id/retake-requests', {
    config: {
      access: {
        permission: 'report:sign',
        audit: 'retake.request',
        auditInTransaction: true,
        resource: 'task',
      },
    },
    schema: {
      tags: ['retakes'],
      summary: 'Ask the clinic for a retake or extra views; the read waits for new images',
      params: IdParams,
      body: RetakeRequestBody,
      response: { 200: RetakeRequestAnswer },
    },
    handler: async (req) => {
      const r = await requestRetake(req.ctx, req.params.id, req.body);
      req.auditInfo = { clinicId: r.clinicId, details: { requestId: r.requestId } };
      return { request: (await loadRetakeRequest(req.ctx.db, r.requestId))! };
    },
  });

  app.post('/api/retake-requests/:id/acknowledge', {
    config: {
      access: {
        permission: 'retakes:acknowledge',
        audit: 'retake.acknowledge',
        auditInTransaction: true,
        resource: 'retake',
      },
    },
    schema: {
      tags: ['retakes'],
      summary: 'The clinic takes the request on (its user and the time are recorded)',
      params: IdParams,
      response: { 200: RetakeRequestAnswer },
    },
    handler: async (req) => ({ request: await acknowledgeRetake(req.ctx, req.params.id) }),
  });

  app.post('/api/retake-requests/:id/chase', {
    config: {
      access: {
        permission: 'retakes:chase',
        audit: 'retake.chase',
        auditInTransaction: true,
        resource: 'retake',
      },
    },
    schema: {
      tags: ['retakes'],
      summary: 'Remind the clinic of a request it has not answered',
      params: IdParams,
      response: { 200: RetakeRequestAnswer },
    },
    handler: async (req) => ({ request: await chaseRetake(req.ctx, req.params.id) }),
  });

  app.get('/api/retake-rates', {
    config: { access: { permission: 'retakes:rates', audit: 'retake.rates' } },
    schema: {
      tags: ['retakes'],
      summary: 'Retake and extra-view requests per clinic, reason and day, over studies received',
      querystring: RetakeRatesQuery,
      response: { 200: RetakeRatesAnswer },
    },
    handler: async (req) => ({
      rates: await retakeRates(req.ctx.db, {
        scope: clinicScope(req.ctx.actor!),
        from: req.query.from,
        to: req.query.to,
      }),
    }),
  });
}
