import { ClinicDirectoryAnswer, ClinicOverview, ClinicTraffic } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { clinicDirectory, clinicOverview, clinicTraffic } from './service';

const Params = z.object({ id: z.uuid() });

/**
 * Support's clinic pages: the directory, one clinic's header, and its traffic. The clinic routes
 * are scoped by the clinic resolver; the traffic names patients, so its read is audited.
 */
export async function clinicOverviewRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/clinic-directory', {
    config: { access: { permission: 'clinics:overview' } },
    schema: {
      tags: ['clinics'],
      summary: 'Every clinic in scope with its status, last object received and open incidents',
      response: { 200: ClinicDirectoryAnswer },
    },
    handler: async (req) => ({ clinics: await clinicDirectory(req.ctx) }),
  });

  app.get('/api/clinics/:id/overview', {
    config: { access: { permission: 'clinics:overview', resource: 'clinic' } },
    schema: {
      tags: ['clinics'],
      summary: "A clinic's page header: who it is, its contacts, doors and last object received",
      params: Params,
      response: { 200: ClinicOverview },
    },
    handler: async (req) => clinicOverview(req.ctx, req.params.id),
  });

  app.get('/api/clinics/:id/traffic', {
    config: {
      access: { permission: 'clinics:overview', resource: 'clinic', audit: 'clinic.traffic.read' },
    },
    schema: {
      tags: ['clinics'],
      summary: 'Studies a clinic sent per day and door over 14 days, and its latest 20 studies',
      params: Params,
      response: { 200: ClinicTraffic },
    },
    handler: async (req) => {
      req.auditInfo = { clinicId: req.params.id, resourceId: req.params.id };
      const traffic = await clinicTraffic(req.ctx, req.params.id);
      req.auditInfo.details = { studies: traffic.recent.map((s) => s.studyUid) };
      return traffic;
    },
  });
}
