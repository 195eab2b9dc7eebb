import type { FastifyReply } from 'fastify';
import { FHIR_JSON, type Resource } from './fhirResources';

/** Sends a FHIR resource as `application/fhir+json` (R4 http.html §2.21.0.6). */
export function sendFhir(reply: FastifyReply, resource: Resource, status = 200) {
  return reply.status(status).type(`${FHIR_JSON}; charset=utf-8`).send(JSON.stringify(resource));
}
