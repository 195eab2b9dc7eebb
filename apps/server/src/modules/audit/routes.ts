import { AuditPage, AuditQuery } from '@telerad/contracts';
import type { FastifyZodApp } from '../../platform/http';
import { searchAudit } from './service';

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
}
