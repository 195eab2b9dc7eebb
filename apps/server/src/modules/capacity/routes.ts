import { CapacityPlanAnswer, CapacityPlanBody } from '@telerad/contracts';
import type { FastifyZodApp } from '../../platform/http';
import { planCapacity } from './service';

/**
 * The capacity planner. A plan is a read of counts and means (no patient, no reader's scores),
 * sent as POST because the what-ifs are a body; every call is audited.
 */
export async function capacityRoutes(app: FastifyZodApp): Promise<void> {
  app.post('/api/capacity/plan', {
    config: { access: { permission: 'capacity:read', audit: 'capacity.plan' } },
    schema: {
      tags: ['capacity'],
      summary:
        'Readers needed per centre and hour of the week against the roster, with what-ifs (hours, a new clinic)',
      body: CapacityPlanBody,
      response: { 200: CapacityPlanAnswer },
    },
    handler: async (req) => planCapacity(req.ctx, req.body),
  });
}
