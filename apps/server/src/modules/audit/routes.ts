import { AuditClinic, AuditPage, AuditQuery } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { auditClinics, searchAudit } from './service';

/** `GET /api/audit`: the auditor's search. Searching the trail is itself audited. */
export async function auditRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/audit', {
    config: { access: { permission: 'audit:read', audit: 'audit.search' } },
    schema: {
      tags: ['audit'],
      summary: 'Search audit events',
      querystring: AuditQuery,
      response: { 200: AuditPage },
    },
    handler: async (req) => {
      req.auditInfo = { details: { query: req.query } };
      return searchAudit(req.ctx, req.query);
    },
  });

  // Names of clinics only, no patient data: not audited.
  app.get('/api/audit/clinics', {
    config: { access: { permission: 'audit:read' } },
    schema: {
      tags: ['audit'],
      summary: 'Clinics to filter the audit trail by',
      response: { 200: z.array(AuditClinic) },
    },
    handler: async (req) => auditClinics(req.ctx),
  });
}
