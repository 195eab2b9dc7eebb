import type { Order } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { expectR4ServiceRequest } from '../../testing/fhirR4';
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
 * Orders in over FHIR R4 on a real database: a ServiceRequest (Patient contained, or both in a
 * transaction Bundle) creates an order the clinic then lists, from a user or an API token; a
 * re-post answers the same order; a taken accession number is refused (refusals:
 * fhirOrderRefusals.int.test.ts; reading back and the report based on it:
 * fhirOrderReport.int.test.ts). Every resource served is checked against R4's structure.
 */
let fx: AppFixture;
let clinic1: TestClient;
let demo1: string;
let zone1: string;
type Obj = Record<string, unknown>;

const orderCount = (clinicId: string) => ordersOf(fx.tdb.db, clinicId);
const auditOf = (res: { headers: Obj }) => auditOfRequest(fx.tdb.db, res);

/** The wall-clock date and time (HH:MM) of an instant in a zone. */
function wallClock(at: Date, timeZone: string) {
  const part = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, ...o }).format(at);
  return {
    date: part({ year: 'numeric', month: '2-digit', day: '2-digit' }),
    time: part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
}

beforeAll(async () => {
  fx = await appWithDemo();
  clinic1 = await signIn(fx.app, 'clinic1');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
  zone1 = (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('time_zone')
      .where('id', '=', demo1)
      .executeTakeFirstOrThrow()
  ).time_zone;
});
afterAll(async () => fx?.close());

describe('a ServiceRequest with its Patient contained', () => {
  it('creates the order, which the clinic lists, and answers the ServiceRequest (201)', async () => {
    const patientId = uniq('FHIR');
    const before = await orderCount(demo1);
    const res = await post(
      clinic1,
      '/api/fhir/ServiceRequest',
      testServiceRequest(demo1, patientId, uniq('SR')),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const sr = res.json() as Obj;
    expectR4ServiceRequest(sr);
    expect(String(res.headers.location)).toMatch(
      new RegExp(`^https?://[^/]+(/.*)?/api/fhir/ServiceRequest/${String(sr.id)}$`),
    );
    expect(await orderCount(demo1)).toBe(before + 1);

    const wall = wallClock(new Date('2026-03-04T01:30:00Z'), zone1);
    const listed = await clinic1.request({
      url: `/api/orders?clinicId=${demo1}&date=${wall.date}`,
    });
    const order = (listed.json() as { items: Order[] }).items.find((o) => o.id === sr.id);
    expect(order).toMatchObject({
      clinicId: demo1,
      patientId,
      issuer: 'PHL',
      patientName: 'Dela Cruz^Juan Pablo',
      birthDate: '1988-02-29',
      sex: 'M',
      views: ['PA', 'LAT'],
      priority: 'urgent',
      note: 'Pre-employment screening',
      scheduledDate: wall.date,
      scheduledTime: wall.time,
      status: 'scheduled',
      source: 'fhir',
      externalId: expect.stringMatching(/^https:\/\/his\.example\.org\/orders\|SR-/),
    });
    expect(order!.accessionNumber).toMatch(/^\d{6}-\d{4}$/);
    expect(sr).toMatchObject({
      status: 'active',
      intent: 'order',
      priority: 'urgent',
      subject: { reference: '#applicant' },
      performer: [
        {
          identifier: {
            system: 'https://telerad.org/fhir/NamingSystem/clinic-code',
            value: 'DEMO1',
          },
        },
      ],
    });
    expect((sr.identifier as Obj[]).map((i) => i.value)).toEqual([
      order!.externalId!.split('|')[1],
      order!.accessionNumber,
    ]);
    expect(String(sr.occurrenceDateTime).slice(0, 16)).toBe(`${wall.date}T${wall.time}`);
    expect(new Date(String(sr.occurrenceDateTime)).toISOString()).toBe('2026-03-04T01:30:00.000Z');
    const audit = await auditOf(res);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'fhir.order.create',
        outcome: 'success',
        clinic_id: demo1,
        resource_id: sr.id,
      }),
    ]);
  });

  it('takes the programme a coding names as CXR-<programme>, else the clinic’s first', async () => {
    const code = {
      coding: [
        { system: 'http://loinc.org', code: '36589-5', display: 'XR Chest PA and Lateral' },
        { system: 'https://his.example.org/procedures', code: 'cxr-aunz' },
      ],
    };
    const named = await post(
      clinic1,
      '/api/fhir/ServiceRequest',
      testServiceRequest(demo1, uniq('FHIR'), uniq('SR'), { code }),
    );
    expect(named.statusCode, named.body).toBe(201);
    const plain = await post(
      clinic1,
      '/api/fhir/ServiceRequest',
      testServiceRequest(demo1, uniq('FHIR'), uniq('SR')),
    );
    expect(plain.statusCode, plain.body).toBe(201);
    const programmeOf = async (id: string) =>
      (
        await fx.tdb.db
          .selectFrom('orders')
          .select('programme')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).programme;
    const first = (
      await fx.tdb.db
        .selectFrom('clinics')
        .select('programmes')
        .where('id', '=', demo1)
        .executeTakeFirstOrThrow()
    ).programmes[0];
    expect(first).not.toBe('AUNZ');
    expect(await programmeOf(named.json().id)).toBe('AUNZ');
    expect(await programmeOf(plain.json().id)).toBe(first);
  });

  it('answers the same order (200) when the sender posts the same order number again', async () => {
    const body = testServiceRequest(demo1, uniq('FHIR'), uniq('SR'));
    const first = await post(clinic1, '/api/fhir/ServiceRequest', body);
    expect(first.statusCode, first.body).toBe(201);
    const before = await orderCount(demo1);
    const again = await post(clinic1, '/api/fhir/ServiceRequest', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers.location).toBeUndefined();
    expect(again.json().id).toBe(first.json().id);
    expect(await orderCount(demo1)).toBe(before);
    const [event] = await auditOf(again);
    expect(event).toMatchObject({ outcome: 'success', resource_id: first.json().id });
    expect((event!.details as Obj).created).toBe(false);
  });

  it('takes an API token of the clinic, and the clinic named by its code', async () => {
    const token = await clinic1.request({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'clinic HIS' },
    });
    expect(token.statusCode, token.body).toBe(200);
    const bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
    const res = await fx.app.inject({
      method: 'POST',
      url: '/api/fhir/ServiceRequest',
      headers: { ...FHIR, ...bearer },
      payload: JSON.stringify(
        testServiceRequest(demo1, uniq('TOKEN'), uniq('SR'), {
          performer: [
            {
              identifier: {
                system: 'https://telerad.org/fhir/NamingSystem/clinic-code',
                value: 'DEMO1',
              },
            },
          ],
        }),
      ),
    });
    expect(res.statusCode, res.body).toBe(201);
    // Read back by the token too.
    const read = await fx.app.inject({
      url: `/api/fhir/ServiceRequest/${res.json().id}`,
      headers: { ...bearer, accept: 'application/fhir+json' },
    });
    expect(read.statusCode, read.body).toBe(200);
    expectR4ServiceRequest(read.json());
  });
});

describe('a transaction Bundle of a Patient and a ServiceRequest', () => {
  it('creates the order and answers a transaction-response; a taken accession is refused', async () => {
    const accession = uniq('A').slice(0, 16);
    const acsn = {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }],
      },
      value: accession,
    };
    const placer = uniq('TX');
    const bundle = testTransaction(demo1, uniq('FHIR'), placer, {
      identifier: [{ system: 'https://his.example.org/orders', value: placer }, acsn],
    });
    const res = await post(clinic1, '/api/fhir', bundle);
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as { resourceType: string; type: string; entry: Obj[] };
    expect(answer).toMatchObject({ resourceType: 'Bundle', type: 'transaction-response' });
    expect(answer.entry).toHaveLength(2);
    expect(answer.entry[0]!.response).toMatchObject({ status: '200 OK' });
    const created = answer.entry[1]!;
    expect(created.response).toMatchObject({ status: '201 Created' });
    const sr = created.resource as Obj;
    expectR4ServiceRequest(sr);
    expect((created.response as Obj).location).toBe(`ServiceRequest/${sr.id}`);
    const order = await fx.tdb.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', String(sr.id))
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({
      accession_number: accession,
      external_id: `https://his.example.org/orders|${placer}`,
      source: 'fhir',
      patient_name: 'Dela Cruz^Juan Pablo',
    });

    // If-None-Exist by the accession number finds it: nothing new.
    const before = await orderCount(demo1);
    const other = testTransaction(demo1, uniq('FHIR'), uniq('TX'), {
      identifier: [{ value: uniq('NEW') }, acsn],
    });
    const entries = other.entry as Obj[];
    (entries[1]!.request as Obj).ifNoneExist = `identifier=${accession}`;
    const found = await post(clinic1, '/api/fhir', other);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().entry[1].response.status).toBe('200 OK');
    expect(found.json().entry[1].resource.id).toBe(sr.id);

    // Without the condition, another order number with the same accession number is refused.
    delete (entries[1]!.request as Obj).ifNoneExist;
    const dup = await post(clinic1, '/api/fhir', other);
    expect(dup.statusCode, dup.body).toBe(409);
    expect(dup.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'duplicate',
          details: { coding: [{ code: 'DUPLICATE_ACCESSION_NUMBER' }] },
        },
      ],
    });
    expect(await orderCount(demo1)).toBe(before);
  });
});

describe('the API description', () => {
  it('documents the FHIR order routes, and the CapabilityStatement states them', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    expect(paths['/api/fhir/ServiceRequest']?.post?.tags).toEqual(['fhir']);
    expect(paths['/api/fhir']?.post?.tags).toEqual(['fhir']);
    expect(paths['/api/fhir/ServiceRequest/{id}']?.get?.tags).toEqual(['fhir']);
    const meta = await fx.app.inject({ url: '/api/fhir/metadata', headers: FHIR });
    const resources = meta.json().rest[0].resource as { type: string; interaction: Obj[] }[];
    expect(resources.find((r) => r.type === 'ServiceRequest')?.interaction).toEqual([
      { code: 'read' },
      { code: 'create' },
    ]);
  });
});
