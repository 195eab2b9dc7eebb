import { DeskPage, DeskQuery } from '@telerad/contracts';
import type { FastifyZodApp } from '../../platform/http';
import { listDesk } from './service';

/**
 * `/api/desk`: the assistant's inbox across their clinics. It lists patient data, so every call
 * is audited with the studies it showed.
 */
export async function deskRoutes(app: FastifyZodApp): Promise<void> {
  app.get('/api/desk', {
    config: { access: { permission: 'desk:read', audit: 'desk.list' } },
    schema: {
      tags: ['desk'],
      summary:
        "The assistant's desk: what waits on their clinics (attention, due soon, unopened reports…), oldest first",
      querystring: DeskQuery,
      response: { 200: DeskPage },
    },
    handler: async (req) => {
      const page = await listDesk(req.ctx, req.query);
      req.auditInfo = {
        clinicId: req.query.clinicId ?? null,
        details: {
          kind: req.query.kind ?? null,
          studies: [...new Set(page.items.map((i) => i.studyUid).filter(Boolean))],
        },
      };
      return page;
    },
  });
}
