import {
  CriticalResult,
  CriticalResultList,
  CriticalResultQuery,
  CriticalSettings,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { acknowledgeCritical, listCriticalResults } from './service';
import { getCriticalSettings, putCriticalSettings } from './settings';

const Params = z.object({ id: z.uuid() });

/**
 * Critical results: the clinic's alerts (`GET /api/critical-results`), a named clinic user's
 * acknowledgement, and the escalation times (`/api/settings/critical`). Flagging goes through the
 * reports module, which owns the report.
 */
export async function criticalRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/critical-results', {
    config: { access: { permission: 'critical:read', audit: 'critical.list' } },
    schema: {
      tags: ['critical'],
      summary: 'Critical results of the caller’s clinics (open ones by default)',
      querystring: CriticalResultQuery,
      response: { 200: CriticalResultList },
    },
    handler: async (req) => listCriticalResults(req.ctx, req.query),
  });

  app.post('/api/critical-results/:id/acknowledge', {
    config: {
      access: {
        permission: 'critical:acknowledge',
        audit: 'critical.acknowledge',
        auditInTransaction: true,
        resource: 'criticalResult',
      },
    },
    schema: {
      tags: ['critical'],
      summary: 'Acknowledge a critical result: the clinic has it (who and when are recorded)',
      params: Params,
      response: { 200: CriticalResult },
    },
    handler: async (req) => acknowledgeCritical(req.ctx, req.params.id),
  });

  app.get('/api/settings/critical', {
    config: { access: { permission: 'settings:read' } },
    schema: {
      tags: ['settings'],
      summary: 'When unacknowledged critical results escalate',
      response: { 200: CriticalSettings },
    },
    handler: async (req) => getCriticalSettings(req.ctx.db),
  });

  app.put('/api/settings/critical', {
    config: {
      access: {
        permission: 'settings:write',
        audit: 'settings.critical.update',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['settings'],
      summary: 'Change when unacknowledged critical results escalate',
      body: CriticalSettings,
      response: { 200: CriticalSettings },
    },
    handler: async (req) => putCriticalSettings(req.ctx, req.body),
  });
}
