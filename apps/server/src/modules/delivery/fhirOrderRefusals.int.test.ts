import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { clinicIdOf } from '../orders/testSupport';
import {
  auditOfRequest,
  FHIR_HEADERS as FHIR,
  ordersOf,
  postFhir as post,
  testServiceRequest,
  testTransaction,
  uniq,
} from './fhirTestOrders';

/**
 * What FHIR order intake refuses, on a real database, with nothing changed: malformed JSON and
 * resources (400, each element at fault named in an OperationOutcome), valid FHIR that is no new
 * order (422), and another clinic's order, refused as missing and audited naming that clinic.
 */
let fx: AppFixture;
let clinic1: TestClient;
let demo1: string;
let demo2: string;
type Obj = Record<string, unknown>;

const orderCount = (clinicId: string) => ordersOf(fx.tdb.db, clinicId);
const auditOf = (res: { headers: Obj }) => auditOfRequest(fx.tdb.db, res);

beforeAll(async () => {
  fx = await appWithDemo();
  clinic1 = await signIn(fx.app, 'clinic1');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
  demo2 = await clinicIdOf(fx.tdb.db, 'DEMO2');
});
afterAll(async () => fx?.close());

describe('what is refused, with nothing changed', () => {
  const cases: [string, string, (id: string) => unknown, number, string, string?][] = [
    ['not JSON', '/api/fhir/ServiceRequest', () => '{"resourceType":', 400, 'MALFORMED_JSON'],
    [
      'another resource type',
      '/api/fhir/ServiceRequest',
      () => ({ resourceType: 'Patient' }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'no status, a gender FHIR does not have',
      '/api/fhir/ServiceRequest',
      (id) => {
        const sr = testServiceRequest(id, 'X-1', uniq('SR'), { status: undefined });
        (sr.contained as Obj[])[0]!.gender = 'M';
        return sr;
      },
      400,
      'FHIR_RESOURCE_INVALID',
      'ServiceRequest.status',
    ],
    [
      'a subject that is not the Patient',
      '/api/fhir/ServiceRequest',
      (id) => testServiceRequest(id, 'X-2', uniq('SR'), { subject: { reference: 'Patient/9' } }),
      400,
      'FHIR_RESOURCE_INVALID',
      'ServiceRequest.subject',
    ],
    [
      'an applicant ID with a backslash',
      '/api/fhir/ServiceRequest',
      (id) => testServiceRequest(id, 'X\\3', uniq('SR')),
      400,
      'FHIR_RESOURCE_INVALID',
      'Patient.identifier.value',
    ],
    [
      'a draft',
      '/api/fhir/ServiceRequest',
      (id) => testServiceRequest(id, 'X-4', uniq('SR'), { status: 'draft' }),
      422,
      'FHIR_ORDER_REFUSED',
      'ServiceRequest.status',
    ],
    [
      'a birth year only',
      '/api/fhir/ServiceRequest',
      (id) => {
        const sr = testServiceRequest(id, 'X-5', uniq('SR'));
        (sr.contained as Obj[])[0]!.birthDate = '1988';
        return sr;
      },
      422,
      'FHIR_ORDER_REFUSED',
      'Patient.birthDate',
    ],
    [
      'a programme no one screens for',
      '/api/fhir/ServiceRequest',
      (id) =>
        testServiceRequest(id, 'X-8', uniq('SR'), {
          code: { coding: [{ code: 'CXR-MARS' }] },
        }),
      422,
      'FHIR_ORDER_REFUSED',
      'ServiceRequest.code.coding[0].code',
    ],
    [
      'a programme the clinic does not screen for',
      '/api/fhir/ServiceRequest',
      (id) =>
        testServiceRequest(id, 'X-9', uniq('SR'), {
          code: {
            coding: [
              { system: 'http://loinc.org', code: '36589-5' },
              { system: 'https://his.example.org/procedures', code: 'CXR-UK' },
            ],
          },
        }),
      422,
      'FHIR_ORDER_REFUSED',
      'ServiceRequest.code.coding[1].code',
    ],
    [
      'a batch Bundle',
      '/api/fhir',
      (id) => ({ ...testTransaction(id, 'X-6', uniq('TX')), type: 'batch' }),
      400,
      'FHIR_RESOURCE_INVALID',
      'Bundle.type',
    ],
    [
      'a Bundle with an Observation',
      '/api/fhir',
      (id) => {
        const b = testTransaction(id, 'X-7', uniq('TX'));
        (b.entry as Obj[]).push({
          resource: { resourceType: 'Observation' },
          request: { method: 'POST', url: 'Observation' },
        });
        return b;
      },
      400,
      'FHIR_RESOURCE_INVALID',
      'Bundle.entry[2]',
    ],
  ];
  it.each(cases)('%s: %s answers an OperationOutcome', async (_, url, body, status, code, at) => {
    const before = await orderCount(demo1);
    const res = await post(clinic1, url, body(demo1));
    expect(res.statusCode, res.body).toBe(status);
    const outcome = res.json() as { resourceType: string; issue: Obj[] };
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]).toMatchObject({
      severity: 'error',
      code: status === 422 ? 'business-rule' : 'invalid',
      details: { coding: [{ code }] },
    });
    if (at)
      expect(outcome.issue.flatMap((i) => (i.expression as string[] | undefined) ?? [])).toContain(
        at,
      );
    expect(await orderCount(demo1)).toBe(before);
  });

  it("refuses another clinic's order as missing, audited naming that clinic", async () => {
    const before = await orderCount(demo2);
    const byId = await post(
      clinic1,
      '/api/fhir/ServiceRequest',
      testServiceRequest(demo2, uniq('FOREIGN'), uniq('SR')),
    );
    expect(byId.statusCode, byId.body).toBe(404);
    expect(byId.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'not-found' }],
    });
    expect(await auditOf(byId)).toEqual([
      expect.objectContaining({
        action: 'fhir.order.create',
        outcome: 'denied',
        clinic_id: demo2,
      }),
    ]);
    const byCode = await post(
      clinic1,
      '/api/fhir',
      testTransaction(demo2, uniq('FOREIGN'), uniq('TX'), {
        performer: [
          {
            identifier: {
              system: 'https://telerad.org/fhir/NamingSystem/clinic-code',
              value: 'DEMO2',
            },
          },
        ],
      }),
    );
    expect(byCode.statusCode, byCode.body).toBe(404);
    expect(await orderCount(demo2)).toBe(before);

    // DEMO2's own order, read by DEMO1 over FHIR: refused by the scope check.
    const clinic2 = await signIn(fx.app, 'clinic2');
    const theirs = await post(
      clinic2,
      '/api/fhir/ServiceRequest',
      testServiceRequest(demo2, uniq('DEMO2'), uniq('SR')),
    );
    expect(theirs.statusCode, theirs.body).toBe(201);
    const read = await clinic1.request({
      url: `/api/fhir/ServiceRequest/${theirs.json().id}`,
      headers: FHIR,
    });
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('DEMO2-');
    const [event] = await auditOf(read);
    expect(event).toMatchObject({ outcome: 'denied', clinic_id: demo2 });
  });
});
