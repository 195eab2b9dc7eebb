import {
  AlertSweepResult,
  ClinicHistory,
  HistoryQuery,
  MonitorSettings,
  NetworkOverview,
  RefusalPage,
  RefusalQuery,
  WorkingHours,
} from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { sweepNetworkAlerts } from './alerts';
import { clinicHistory } from './network';
import { networkFor, refusalsFor } from './service';
import { getMonitorSettings, putMonitorSettings } from './settings';
import { getWorkingHours, putWorkingHours } from './workingHours';

const ClinicParams = z.object({ id: z.uuid() });

/**
 * The network monitor (support and admin): every clinic's link, the refusals feed, a clinic's
 * history and working hours, the alert rules, and running the alert check now.
 */
export async function monitorRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/monitor/network', {
    config: { access: { permission: 'monitor:read' } },
    schema: {
      tags: ['monitor'],
      summary: 'Every clinic’s link: last image, gateway health, lag, errors, alerts',
      response: { 200: NetworkOverview },
    },
    handler: async (req) => networkFor(req.ctx),
  });

  app.get('/api/monitor/refusals', {
    config: { access: { permission: 'monitor:read', audit: 'monitor.refusals.list' } },
    schema: {
      tags: ['monitor'],
      summary: 'Refused associations and objects at every door, newest first',
      querystring: RefusalQuery,
      response: { 200: RefusalPage },
    },
    handler: async (req) => refusalsFor(req.ctx, req.query),
  });

  app.get('/api/monitor/clinics/:id/history', {
    config: { access: { permission: 'monitor:read', resource: 'clinic' } },
    schema: {
      tags: ['monitor'],
      summary: 'A clinic’s images, refusals and gateway queue per hour',
      params: ClinicParams,
      querystring: HistoryQuery,
      response: { 200: ClinicHistory },
    },
    handler: async (req) => clinicHistory(req.ctx.db, req.params.id, req.query),
  });

  app.get('/api/monitor/clinics/:id/working-hours', {
    config: { access: { permission: 'monitor:read', resource: 'clinic' } },
    schema: {
      tags: ['monitor'],
      summary: 'A clinic’s working week (the silent alert watches only these hours)',
      params: ClinicParams,
      response: { 200: WorkingHours },
    },
    handler: async (req) => getWorkingHours(req.ctx.db, req.params.id),
  });

  app.put('/api/monitor/clinics/:id/working-hours', {
    config: {
      access: {
        permission: 'monitor:write',
        resource: 'clinic',
        audit: 'monitor.working_hours.update',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['monitor'],
      summary: 'Change a clinic’s working week, in its own time zone',
      params: ClinicParams,
      body: WorkingHours,
      response: { 200: WorkingHours },
    },
    handler: async (req) => putWorkingHours(req.ctx, req.params.id, req.body),
  });

  app.get('/api/settings/monitor', {
    config: { access: { permission: 'monitor:read' } },
    schema: {
      tags: ['settings'],
      summary: 'When a clinic counts as silent, when a gateway queue alerts, refusal retention',
      response: { 200: MonitorSettings },
    },
    handler: async (req) => getMonitorSettings(req.ctx.db),
  });

  app.put('/api/settings/monitor', {
    config: {
      access: {
        permission: 'monitor:write',
        audit: 'settings.monitor.update',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['settings'],
      summary: 'Change the network alert rules',
      body: MonitorSettings,
      response: { 200: MonitorSettings },
    },
    handler: async (req) => putMonitorSettings(req.ctx, req.body),
  });

  app.post('/api/monitor/alerts/check', {
    config: { access: { permission: 'monitor:write', audit: 'monitor.alerts.check' } },
    schema: {
      tags: ['monitor'],
      summary: 'Run the alert rules now (the sweep runs them every minute anyway)',
      response: { 200: AlertSweepResult },
    },
    handler: async (req) => sweepNetworkAlerts(req.ctx.db, new Date()),
  });
}
