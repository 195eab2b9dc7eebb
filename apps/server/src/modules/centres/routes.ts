import { Centre, CentreCreate, CentreUpdate } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { createCentre, getCentre, listCentres, updateCentre } from './service';

const Params = z.object({ id: z.uuid() });

/** `/api/centres`: reading centres with their service hours. */
export async function centreRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/centres', {
    config: { access: { permission: 'centres:read' } },
    schema: {
      tags: ['centres'],
      summary: 'List reading centres',
      response: { 200: z.array(Centre) },
    },
    handler: async (req) => listCentres(req.ctx),
  });
  app.get('/api/centres/:id', {
    config: { access: { permission: 'centres:read', resource: 'centre' } },
    schema: { tags: ['centres'], summary: 'One centre', params: Params, response: { 200: Centre } },
    handler: async (req) => getCentre(req.ctx, req.params.id),
  });
  app.post('/api/centres', {
    config: { access: { permission: 'centres:write' } },
    schema: {
      tags: ['centres'],
      summary: 'Create a centre',
      body: CentreCreate,
      response: { 200: Centre },
    },
    handler: async (req) => createCentre(req.ctx, req.body),
  });
  app.patch('/api/centres/:id', {
    config: { access: { permission: 'centres:write', resource: 'centre' } },
    schema: {
      tags: ['centres'],
      summary: 'Change a centre',
      params: Params,
      body: CentreUpdate,
      response: { 200: Centre },
    },
    handler: async (req) => updateCentre(req.ctx, req.params.id, req.body),
  });
}
