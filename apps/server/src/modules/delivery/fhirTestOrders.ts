/**
 * Test support (not imported by production code): FHIR R4 order resources as a clinic's system
 * posts them (a ServiceRequest with its Patient contained, the same as a transaction Bundle),
 * and posting them as a FHIR client.
 */

import type { Db } from '../../platform/db';
import type { TestClient } from '../../testing/http';

type Json = Record<string, unknown>;

/** What a FHIR client sends: it posts FHIR JSON and asks for it back. */
export const FHIR_HEADERS = {
  accept: 'application/fhir+json',
  'content-type': 'application/fhir+json',
};

/** Posts `body` (JSON, or text as it is) as a FHIR client, signed in as `client`. */
export function postFhir(client: TestClient, url: string, body: unknown) {
  return client.request({
    method: 'POST',
    url,
    headers: FHIR_HEADERS,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A string no other test run has used: `prefix-xxxxxxxx`. */
export const uniq = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/** How many orders the clinic has, any status. */
export async function ordersOf(db: Db, clinicId: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('clinic_id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The audit events of one answered request. */
export function auditOfRequest(db: Db, res: { headers: Record<string, unknown> }) {
  return db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'clinic_id', 'resource_id', 'details'])
    .where('request_id', '=', String(res.headers['x-request-id']))
    .execute();
}

/** A Patient for the applicant `patientId`. */
export function testPatient(patientId: string, over: Json = {}): Json {
  return {
    resourceType: 'Patient',
    identifier: [
      {
        use: 'official',
        system: 'urn:oid:2.16.840.1.113883.2.9',
        value: patientId,
        assigner: { display: 'PHL' },
      },
    ],
    name: [{ use: 'official', family: 'Dela Cruz', given: ['Juan', 'Pablo'] }],
    birthDate: '1988-02-29',
    gender: 'male',
    ...over,
  };
}

/**
 * A ServiceRequest for a PA and lateral CXR of `patientId` at `clinicId`, with its Patient
 * contained, the sender's order number `placer`, and `over` on top.
 */
export function testServiceRequest(
  clinicId: string,
  patientId: string,
  placer: string,
  over: Json = {},
): Json {
  return {
    resourceType: 'ServiceRequest',
    contained: [{ ...testPatient(patientId), id: 'p1' }],
    identifier: [
      {
        type: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PLAC' }],
        },
        system: 'https://his.example.org/orders',
        value: placer,
      },
    ],
    status: 'active',
    intent: 'order',
    priority: 'urgent',
    code: {
      coding: [{ system: 'http://loinc.org', code: '36589-5', display: 'XR Chest PA and Lateral' }],
    },
    subject: { reference: '#p1' },
    occurrenceDateTime: '2026-03-04T01:30:00Z',
    performer: [{ reference: `Organization/${clinicId}` }],
    note: [{ text: 'Pre-employment screening' }],
    ...over,
  };
}

/** The same order as a transaction Bundle: a Patient entry and the ServiceRequest naming it. */
export function testTransaction(
  clinicId: string,
  patientId: string,
  placer: string,
  over: Json = {},
): Json {
  const patientUrl = `urn:uuid:${crypto.randomUUID()}`;
  const { contained: _contained, ...sr } = testServiceRequest(clinicId, patientId, placer, over);
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: patientUrl,
        resource: testPatient(patientId),
        request: { method: 'POST', url: 'Patient' },
      },
      {
        fullUrl: `urn:uuid:${crypto.randomUUID()}`,
        resource: { ...sr, subject: { reference: patientUrl } },
        request: { method: 'POST', url: 'ServiceRequest' },
      },
    ],
  };
}
