import {
  GatewayCreateRequest,
  GatewayEnrolment,
  GatewayEnrolmentCode,
  GatewayEnrolRequest,
  GatewayHeartbeat,
  GatewayHeartbeatAck,
  GatewayHeartbeatList,
  GatewayHeartbeatsQuery,
  GatewayList,
  GatewayListQuery,
  GatewayOrderPush,
  GatewayOrderPushResult,
  GatewaySummary,
  GatewayWorklist,
} from '@telerad/contracts';
import { z } from 'zod';
import { appError } from '../../platform/errors';
import type { FastifyZodApp } from '../../platform/http';
import { enrolGateway } from './enrol';
import { listHeartbeats, recordHeartbeat } from './heartbeats';
import { createGateway, listGateways, revokeGateway, rotateGateway } from './service';
import { gatewayWorklist, pushGatewayOrders } from './worklist';

const IdParams = z.object({ id: z.uuid() });
const DAY_MS = 86_400_000;

/** Options of the gateway routes. */
export interface GatewayRouteOptions {
  /** Enrolment attempts per address and minute at the public enrol door. */
  enrolRateLimit: number;
}

/**
 * Clinic gateways, centre side (docs/adr/0033): support adds a gateway (a one-time enrolment
 * code), rotates and revokes it; the gateway enrols at the public door with the code alone
 * (rate-limited) and reports its health with its own token. Writes are audited in their
 * transaction; heartbeats are telemetry kept in their own table, and only refusals are audited.
 */
export async function gatewayRoutes(app: FastifyZodApp, opts: GatewayRouteOptions): Promise<void> {
  const manage = (audit: string) => ({
    access: {
      permission: 'gateways:manage' as const,
      audit,
      auditInTransaction: true,
      resource: 'gateway' as const,
    },
  });

  app.get('/api/gateways', {
    config: { access: { permission: 'gateways:read' } },
    schema: {
      tags: ['gateways'],
      summary: "The gateways of the caller's clinics, or of one clinic, newest first",
      querystring: GatewayListQuery,
      response: { 200: GatewayList },
    },
    handler: async (req) => ({ gateways: await listGateways(req.ctx, req.query.clinicId) }),
  });

  app.post('/api/clinics/:id/gateways', {
    config: {
      access: {
        permission: 'gateways:manage',
        audit: 'gateway.create',
        auditInTransaction: true,
        resource: 'clinic',
      },
    },
    schema: {
      tags: ['gateways'],
      summary: 'Add a gateway to a clinic: its one-time enrolment code, shown once',
      params: IdParams,
      body: GatewayCreateRequest,
      response: { 200: GatewayEnrolmentCode },
    },
    handler: async (req) => createGateway(req.ctx, req.params.id, req.body.name),
  });

  app.post('/api/gateways/enrol', {
    config: {
      access: { permission: 'public', audit: 'gateway.enrol', auditInTransaction: true },
      rateLimit: { max: opts.enrolRateLimit, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['gateways'],
      summary: "Exchange a one-time enrolment code for the gateway's API token (once)",
      body: GatewayEnrolRequest,
      response: { 200: GatewayEnrolment },
    },
    handler: async (req) => {
      req.auditInfo = { resourceType: 'gateway', details: { hostName: req.body.hostName } };
      return enrolGateway(req.ctx, req.body);
    },
  });

  app.post('/api/gateways/:id/rotate', {
    config: manage('gateway.rotate'),
    schema: {
      tags: ['gateways'],
      summary: 'A new one-time enrolment code; the old token works until the gateway re-enrols',
      params: IdParams,
      response: { 200: GatewayEnrolmentCode },
    },
    handler: async (req) => rotateGateway(req.ctx, req.params.id),
  });

  app.post('/api/gateways/:id/revoke', {
    config: manage('gateway.revoke'),
    schema: {
      tags: ['gateways'],
      summary: 'Revoke a gateway: its token stops working at once',
      params: IdParams,
      response: { 200: GatewaySummary },
    },
    handler: async (req) => revokeGateway(req.ctx, req.params.id),
  });

  app.post('/api/gateways/heartbeat', {
    config: { access: { permission: 'gateways:heartbeat' } },
    schema: {
      tags: ['gateways'],
      summary: "A gateway's health report (its own token only)",
      body: GatewayHeartbeat,
      response: { 200: GatewayHeartbeatAck },
    },
    handler: async (req) => recordHeartbeat(req.ctx, req.body),
  });

  app.get('/api/gateways/:id/heartbeats', {
    config: { access: { permission: 'gateways:read', resource: 'gateway' } },
    schema: {
      tags: ['gateways'],
      summary: "A gateway's heartbeats in a window (default: the last 24 hours), oldest first",
      params: IdParams,
      querystring: GatewayHeartbeatsQuery,
      response: { 200: GatewayHeartbeatList },
    },
    handler: async (req) => {
      const to = req.query.to ? new Date(req.query.to) : new Date();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - DAY_MS);
      if (from >= to)
        throw appError('VALIDATION_FAILED', undefined, 'The window must start before it ends.');
      return { heartbeats: await listHeartbeats(req.ctx.db, req.params.id, from, to) };
    },
  });

  app.get('/api/gateways/worklist', {
    config: { access: { permission: 'gateways:worklist', audit: 'gateway.worklist' } },
    schema: {
      tags: ['gateways'],
      summary:
        "The gateway's clinic's scheduled orders, yesterday to a week ahead (304 with If-None-Match while unchanged)",
      response: { 200: GatewayWorklist, 304: z.null() },
    },
    handler: async (req, reply) => {
      const answer = await gatewayWorklist(req.ctx, req.headers['if-none-match']);
      req.auditInfo = {
        clinicId: answer.clinicId,
        details: { notModified: answer.notModified, count: answer.count },
      };
      reply.header('etag', answer.etag).header('cache-control', 'no-cache');
      if (answer.notModified) return reply.code(304).send(null);
      return answer.body;
    },
  });

  app.post('/api/gateways/orders', {
    config: {
      access: {
        permission: 'gateways:worklist',
        audit: 'gateway.orders',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['gateways'],
      summary:
        'Orders the clinic registered at its gateway during an outage: each made once, by its local id',
      body: GatewayOrderPush,
      response: { 200: GatewayOrderPushResult },
    },
    handler: async (req) => pushGatewayOrders(req.ctx, req.body),
  });
}
