import {
  CadForwardList,
  CadForwardTarget,
  CadForwardTargetSet,
  CadForwardTestResult,
  CadIntegrationList,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { clinicScope } from '../auth';
import { cecho, stowProbe } from '../delivery';
import { listCadForwards } from './forwardList';
import { retryCadForwards, type CadForwardDeps } from './forwardRunner';
import {
  clearCadForwardTarget,
  listCadIntegrations,
  requireForwardTarget,
  setCadForwardTarget,
} from './forwardTargets';

/** What the forwarding routes need: the runner's deps (senders, settings). */
export interface CadForwardRouteOptions {
  deps: CadForwardDeps;
}

const Params = z.object({ id: z.uuid() });

/**
 * Forwarding stable chest X-rays to a CAD (docs/adr/0040): the integrations with their forward
 * targets, setting, clearing and testing a target (administrators), and the forwarded images
 * with their attempts and a retry of the failed ones (support).
 */
export async function cadForwardRoutes(
  app: FastifyZodApp,
  opts: CadForwardRouteOptions,
): Promise<void> {
  app.get('/api/cad/integrations', {
    config: { access: { permission: 'cad:read' } },
    schema: {
      tags: ['cad'],
      summary: 'CAD integrations: their clinics, forward target and forwarded images by state',
      response: { 200: CadIntegrationList },
    },
    handler: async (req) => ({
      integrations: await listCadIntegrations(req.ctx.db, clinicScope(req.ctx.actor!)),
    }),
  });

  app.put('/api/cad/integrations/:id/forward', {
    config: {
      access: {
        permission: 'cad:manage',
        resource: 'cadIntegration',
        audit: 'cad.forward.set',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['cad'],
      summary:
        'Set where the integration’s CAD takes stable chest X-rays: C-STORE to its AE, or STOW-RS to its URL',
      params: Params,
      body: CadForwardTargetSet,
      response: { 200: CadForwardTarget },
    },
    handler: async (req) => {
      req.auditInfo = {
        ...req.auditInfo,
        resourceType: 'cadIntegration',
        resourceId: req.params.id,
      };
      return setCadForwardTarget(req.ctx, req.params.id, req.body);
    },
  });

  app.delete('/api/cad/integrations/:id/forward', {
    config: {
      access: {
        permission: 'cad:manage',
        resource: 'cadIntegration',
        audit: 'cad.forward.clear',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['cad'],
      summary: 'Stop forwarding images to the integration’s CAD',
      params: Params,
      response: { 200: z.object({ cleared: z.boolean() }) },
    },
    handler: async (req) => {
      req.auditInfo = {
        ...req.auditInfo,
        resourceType: 'cadIntegration',
        resourceId: req.params.id,
      };
      return clearCadForwardTarget(req.ctx, req.params.id);
    },
  });

  app.post('/api/cad/integrations/:id/forward/test', {
    config: {
      access: { permission: 'cad:manage', resource: 'cadIntegration', audit: 'cad.forward.test' },
    },
    schema: {
      tags: ['cad'],
      summary:
        'Test the forward target: C-ECHO to the CAD’s AE, or a QIDO-RS search on its DICOMweb URL',
      params: Params,
      response: { 200: CadForwardTestResult },
    },
    handler: async (req) => {
      req.auditInfo = {
        ...req.auditInfo,
        resourceType: 'cadIntegration',
        resourceId: req.params.id,
      };
      const t = await requireForwardTarget(req.ctx.db, req.params.id);
      const started = Date.now();
      try {
        const detail =
          t.protocol === 'dimse'
            ? await cecho(opts.deps.settings.callingAe, {
                aeTitle: t.ae_title!,
                host: t.host!,
                port: t.port!,
              }).then(() => `C-ECHO to ${t.ae_title}@${t.host}:${t.port} succeeded`)
            : await stowProbe({ url: t.url!, auth: t.auth, credential: t.credential });
        return { ok: true, detail, durationMs: Date.now() - started };
      } catch (e) {
        return { ok: false, detail: (e as Error).message, durationMs: Date.now() - started };
      }
    },
  });

  app.get('/api/cad/integrations/:id/forwards', {
    config: {
      access: {
        permission: 'deliveries:read',
        resource: 'cadIntegration',
        audit: 'cad.forwards.read',
      },
    },
    schema: {
      tags: ['cad'],
      summary: 'Images forwarded to the integration’s CAD, latest change first, with attempts',
      params: Params,
      querystring: z
        .object({
          state: z.enum(['pending', 'sent', 'failed']).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        })
        .strict(),
      response: { 200: CadForwardList },
    },
    handler: async (req) => {
      req.auditInfo = {
        ...req.auditInfo,
        resourceType: 'cadIntegration',
        resourceId: req.params.id,
      };
      return {
        forwards: await listCadForwards(
          req.ctx.db,
          clinicScope(req.ctx.actor!),
          req.params.id,
          req.query,
        ),
      };
    },
  });

  app.post('/api/cad/integrations/:id/forwards/retry', {
    config: {
      access: {
        permission: 'deliveries:retry',
        resource: 'cadIntegration',
        audit: 'cad.forwards.retry',
      },
    },
    schema: {
      tags: ['cad'],
      summary: 'Retry the integration’s failed forwards now, with a fresh set of attempts',
      params: Params,
      response: {
        200: z.object({
          retried: z.number(),
          sent: z.number(),
          failed: z.number(),
          gaveUp: z.number(),
        }),
      },
    },
    handler: async (req) => {
      req.auditInfo = {
        ...req.auditInfo,
        resourceType: 'cadIntegration',
        resourceId: req.params.id,
      };
      await requireForwardTarget(req.ctx.db, req.params.id);
      return retryCadForwards(opts.deps, req.params.id);
    },
  });
}
