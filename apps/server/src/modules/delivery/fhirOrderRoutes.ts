import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyZodApp } from '../../platform/http';
import {
  FhirServiceRequest,
  invalid,
  parseResource,
  subjectPatient,
  type FhirPatient,
} from './fhirOrderIn';
import { serviceRequest, serviceRequestUrl, transactionResponse } from './fhirOrderOut';
import { fhirOrder, receiveServiceRequest } from './fhirOrders';
import { sendFhir } from './fhirReply';
import type { FhirLinks } from './fhirResources';

/** A transaction Bundle's entries as read (R4 §bundle, http.html#transaction). */
const TransactionBundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.literal('transaction', { message: 'only a transaction Bundle is taken' }),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z.looseObject({ resourceType: z.string(), id: z.string().optional() }),
        request: z.looseObject({
          method: z.enum(['POST', 'PUT']),
          url: z.string(),
          ifNoneExist: z.string().optional(),
        }),
      }),
    )
    .min(1),
});

/** A resource of `type`, checked in full by the handler so each fault names its element. */
const resourceOf = (type: string) =>
  z.looseObject({ resourceType: z.literal(type) }).describe(`A FHIR R4 ${type} (JSON)`);

const Format = z.object({ _format: z.string().max(40).optional() });

const create = {
  permission: 'orders:write',
  audit: 'fhir.order.create',
  auditInTransaction: true,
} as const;

/** The audit event of a refused create names the clinic it was aimed at. */
const noteClinic = (req: FastifyRequest) => (clinicId: string) => {
  req.auditInfo = { ...req.auditInfo, clinicId };
};

/**
 * The ServiceRequest in a transaction, with the Patients its subject may name (by fullUrl or
 * `Patient/<id>`). Anything but Patients and one ServiceRequest is refused.
 */
function readTransaction(body: unknown) {
  const bundle = parseResource(TransactionBundle, body, 'Bundle');
  const patients = new Map<string, unknown>();
  const requests: number[] = [];
  bundle.entry.forEach((e, i) => {
    const type = e.resource.resourceType;
    if (type === 'ServiceRequest' && e.request.method === 'POST') requests.push(i);
    else if (type === 'Patient') {
      if (e.fullUrl) patients.set(e.fullUrl, e.resource);
      if (e.resource.id) patients.set(`Patient/${e.resource.id}`, e.resource);
    } else
      throw invalid([
        {
          expression: `Bundle.entry[${i}]`,
          message: 'a transaction here holds Patients and one ServiceRequest to create (POST)',
        },
      ]);
  });
  if (requests.length !== 1)
    throw invalid([
      { expression: 'Bundle.entry', message: 'exactly one ServiceRequest to create' },
    ]);
  const entry = bundle.entry[requests[0]!]!;
  const root = `Bundle.entry[${requests[0]}].resource`;
  const sr = parseResource(FhirServiceRequest, entry.resource, root);
  return {
    sr,
    patient: subjectPatient(sr, patients),
    ifNoneExist: entry.request.ifNoneExist,
    kinds: bundle.entry.map((e) => e.resource.resourceType as 'Patient' | 'ServiceRequest'),
  };
}

/**
 * Orders in over FHIR (docs/adr/0022): `POST ServiceRequest` with a contained Patient, a
 * transaction Bundle of a Patient and a ServiceRequest posted to the base, and `GET
 * ServiceRequest/:id`. Registered inside the FHIR routes, so errors are OperationOutcomes.
 */
export async function fhirOrderRoutes(app: FastifyZodApp, links: FhirLinks) {
  app.post('/api/fhir/ServiceRequest', {
    config: { access: create },
    schema: {
      tags: ['fhir'],
      summary:
        'Create an order from a ServiceRequest with its Patient contained (conditional: If-None-Exist identifier=…)',
      querystring: Format,
      body: resourceOf('ServiceRequest'),
    },
    handler: async (req, reply) => {
      const sr = parseResource(FhirServiceRequest, req.body, 'ServiceRequest');
      const patient: FhirPatient = subjectPatient(sr);
      const header = req.headers['if-none-exist'];
      const r = await receiveServiceRequest(
        req.ctx,
        sr,
        patient,
        typeof header === 'string' ? header : undefined,
        noteClinic(req),
      );
      if (r.created) reply.header('location', serviceRequestUrl(links, r.order.id));
      return sendFhir(reply, serviceRequest(r.order, r.clinic), r.created ? 201 : 200);
    },
  });

  app.post('/api/fhir', {
    config: { access: create },
    schema: {
      tags: ['fhir'],
      summary: 'A transaction Bundle of a Patient and a ServiceRequest: creates the order',
      querystring: Format,
      body: resourceOf('Bundle'),
    },
    handler: async (req, reply) => {
      const t = readTransaction(req.body);
      const r = await receiveServiceRequest(
        req.ctx,
        t.sr,
        t.patient,
        t.ifNoneExist,
        noteClinic(req),
      );
      const sr = serviceRequest(r.order, r.clinic);
      return sendFhir(reply, transactionResponse(t.kinds, sr, r.created, links));
    },
  });

  app.get('/api/fhir/ServiceRequest/:id', {
    config: {
      access: { permission: 'orders:read', audit: 'fhir.order.read', resource: 'order' },
    },
    schema: {
      tags: ['fhir'],
      summary: 'An order as a FHIR ServiceRequest (active, completed once matched, or revoked)',
      params: z.object({ id: z.uuid() }),
      querystring: Format,
    },
    handler: async (req, reply) => {
      const r = await fhirOrder(req.ctx, req.params.id);
      req.auditInfo = { ...req.auditInfo, clinicId: r.order.clinicId };
      return sendFhir(reply, serviceRequest(r.order, r.clinic));
    },
  });
}
