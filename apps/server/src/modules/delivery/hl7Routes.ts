import { Hl7Destination, Hl7DestinationInput, Hl7DestinationUpdate } from '@telerad/contracts';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import {
  createHl7Destination,
  deleteHl7Destination,
  listHl7Destinations,
  updateHl7Destination,
} from './hl7Destinations';

const Params = z.object({ id: z.uuid() });

/** A clinic's HL7 result destinations: support reads them, admins manage them (audited). */
export async function hl7DestinationRoutes(app: FastifyZodApp) {
  app.get('/api/clinics/:id/hl7-destinations', {
    config: { access: { permission: 'deliveries:read', resource: 'clinic' } },
    schema: {
      tags: ['clinics'],
      summary: "A clinic's HL7 v2 result destinations (ORU^R01 over MLLP)",
      params: Params,
      response: { 200: z.array(Hl7Destination) },
    },
    handler: async (req) => listHl7Destinations(req.ctx, req.params.id),
  });

  app.post('/api/clinics/:id/hl7-destinations', {
    config: {
      access: {
        permission: 'clinics:write',
        resource: 'clinic',
        audit: 'clinic.hl7_destination.create',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['clinics'],
      summary: 'Register an HL7 result destination; each released report is sent there',
      params: Params,
      body: Hl7DestinationInput,
      response: { 200: Hl7Destination },
    },
    handler: async (req) => createHl7Destination(req.ctx, req.params.id, req.body),
  });

  app.patch('/api/hl7-destinations/:id', {
    config: {
      access: {
        permission: 'clinics:write',
        resource: 'hl7Destination',
        audit: 'clinic.hl7_destination.update',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['clinics'],
      summary: 'Change an HL7 result destination (host, port, names, enabled)',
      params: Params,
      body: Hl7DestinationUpdate,
      response: { 200: Hl7Destination },
    },
    handler: async (req) => updateHl7Destination(req.ctx, req.params.id, req.body),
  });

  app.delete('/api/hl7-destinations/:id', {
    config: {
      access: {
        permission: 'clinics:write',
        resource: 'hl7Destination',
        audit: 'clinic.hl7_destination.delete',
        auditInTransaction: true,
      },
    },
    schema: {
      tags: ['clinics'],
      summary: 'Remove an HL7 result destination; its past deliveries stay on record',
      params: Params,
    },
    handler: async (req, reply) => {
      await deleteHl7Destination(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  });
}
