import { Clinic, ClinicCreate, ClinicUpdate } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { createClinic, getClinic, listClinics, updateClinic } from './service';

const Params = z.object({ id: z.uuid() });

/** `/api/clinics`: field locations, their AE titles, programmes and lifecycle. */
export async function clinicRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/clinics', {
    config: { access: { permission: 'clinics:read' } },
    schema: {
      tags: ['clinics'],
      summary: 'List the clinics the caller may see',
      response: { 200: z.array(Clinic) },
    },
    handler: async (req) => listClinics(req.ctx),
  });
  app.get('/api/clinics/:id', {
    config: { access: { permission: 'clinics:read', resource: 'clinic', audit: 'clinic.read' } },
    schema: { tags: ['clinics'], summary: 'One clinic', params: Params, response: { 200: Clinic } },
    handler: async (req) => {
      req.auditInfo = { clinicId: req.params.id };
      return getClinic(req.ctx, req.params.id);
    },
  });
  app.post('/api/clinics', {
    config: { access: { permission: 'clinics:write' } },
    schema: {
      tags: ['clinics'],
      summary: 'Create a clinic',
      body: ClinicCreate,
      response: { 200: Clinic },
    },
    handler: async (req) => createClinic(req.ctx, req.body),
  });
  app.patch('/api/clinics/:id', {
    config: { access: { permission: 'clinics:write', resource: 'clinic' } },
    schema: {
      tags: ['clinics'],
      summary: 'Change a clinic',
      params: Params,
      body: ClinicUpdate,
      response: { 200: Clinic },
    },
    handler: async (req) => updateClinic(req.ctx, req.params.id, req.body),
  });
}
