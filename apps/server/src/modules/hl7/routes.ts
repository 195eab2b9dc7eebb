import { Hl7SenderList, Hl7SendersUpdate } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import { listSenders, replaceSenders } from './senders';

const Params = z.object({ id: z.uuid() });

/**
 * `/api/clinics/:id/hl7-senders`: the HL7 v2 systems (MSH-3, MSH-4) that send a clinic's orders
 * to the MLLP door; administrators change them, centre staff who look after clinics read them.
 */
export async function hl7Routes(app: FastifyZodApp): Promise<void> {
  app.get('/api/clinics/:id/hl7-senders', {
    config: { access: { permission: 'clinics:overview', resource: 'clinic' } },
    schema: {
      tags: ['clinics'],
      summary: "The clinic's HL7 v2 order senders",
      params: Params,
      response: { 200: Hl7SenderList },
    },
    handler: async (req) => listSenders(req.ctx, req.params.id),
  });
  app.put('/api/clinics/:id/hl7-senders', {
    config: {
      access: {
        permission: 'clinics:write',
        resource: 'clinic',
        audit: 'clinic.hl7Senders',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['clinics'],
      summary: "Replace the clinic's HL7 v2 order senders",
      params: Params,
      body: Hl7SendersUpdate,
      response: { 200: Hl7SenderList },
    },
    handler: async (req) => replaceSenders(req.ctx, req.params.id, req.body),
  });
}
