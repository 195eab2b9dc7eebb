import { SecuritySettings } from '@telerad/contracts';
import type { FastifyZodApp } from '../../platform/http';
import { getSecuritySettings, putSecuritySettings } from './service';

/** `GET/PUT /api/settings/security`. */
export async function settingsRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/settings/security', {
    config: { access: { permission: 'settings:read' } },
    schema: {
      tags: ['settings'],
      summary: 'Security settings',
      response: { 200: SecuritySettings },
    },
    handler: async (req) => getSecuritySettings(req.ctx.db),
  });
  app.put('/api/settings/security', {
    config: { access: { permission: 'settings:write' } },
    schema: {
      tags: ['settings'],
      summary: 'Change security settings',
      body: SecuritySettings,
      response: { 200: SecuritySettings },
    },
    handler: async (req) => putSecuritySettings(req.ctx, req.body),
  });
}
