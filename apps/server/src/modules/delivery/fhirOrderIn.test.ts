import type { Order } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { expectR4ServiceRequest } from '../../testing/fhirR4';
import {
  FhirServiceRequest,
  orderClinic,
  parseResource,
  receivedOrder,
  subjectPatient,
} from './fhirOrderIn';
import { occurrenceOf, serviceRequest } from './fhirOrderOut';
import { parseIfNoneExist } from './fhirOrders';
import { operationOutcome } from './fhirServerResources';
import { testPatient, testServiceRequest } from './fhirTestOrders';

const CLINIC = '0b6f6c1e-58c4-4a8e-9a53-0c1d8e3b0a11';
type Obj = Record<string, unknown>;

/** The order a ServiceRequest (with `over`) asks for, at a clinic in `zone`. */
function orderOf(over: Obj = {}, zone = 'Asia/Manila', patient: Obj = {}) {
  const body = testServiceRequest(CLINIC, 'P-1', 'SR-1', over);
  body.contained = [{ ...testPatient('P-1', patient), id: 'p1' }];
  const sr = parseResource(FhirServiceRequest, body, 'ServiceRequest');
  return receivedOrder(sr, subjectPatient(sr), zone);
}

/** What a thrown FHIR error names. */
function refusal(f: () => unknown): { code: string; expressions: string[] } {
  try {
    f();
  } catch (e) {
    const err = e as { code: string; details?: { issues?: { expression: string }[] } };
    return { code: err.code, expressions: (err.details?.issues ?? []).map((i) => i.expression) };
  }
  throw new Error('not refused');
}

describe('a received ServiceRequest as an order', () => {
  it('maps identity, views, priority, note and the placer number', () => {
    const r = orderOf();
    expect(r.externalId).toBe('https://his.example.org/orders|SR-1');
    expect(r.order).toMatchObject({
      patientId: 'P-1',
      issuer: 'PHL',
      familyName: 'Dela Cruz',
      givenName: 'Juan Pablo',
      birthDate: '1988-02-29',
      sex: 'M',
      views: ['PA', 'LAT'],
      priority: 'urgent',
      note: 'Pre-employment screening',
    });
  });

  it('schedules in the clinic’s zone: the same instant is another day in Nairobi than in Manila', () => {
    const at = { occurrenceDateTime: '2026-03-04T22:30:00Z' };
    expect(orderOf(at).order).toMatchObject({
      scheduledDate: '2026-03-05',
      scheduledTime: '06:30',
    });
    expect(orderOf(at, 'Africa/Nairobi').order).toMatchObject({
      scheduledDate: '2026-03-05',
      scheduledTime: '01:30',
    });
    expect(
      orderOf({ occurrenceDateTime: '2026-03-04T08:00:00-05:00' }, 'Africa/Nairobi').order,
    ).toMatchObject({ scheduledDate: '2026-03-04', scheduledTime: '16:00' });
    // Across New York's spring change (02:00 EST → 03:00 EDT on 2026-03-08).
    const ny = (at: string) =>
      orderOf({ occurrenceDateTime: at }, 'America/New_York').order.scheduledTime;
    expect([ny('2026-03-08T06:30:00Z'), ny('2026-03-08T07:30:00Z')]).toEqual(['01:30', '03:30']);
    const period = orderOf({
      occurrenceDateTime: undefined,
      occurrencePeriod: { start: '2026-03-09' },
    });
    expect(period.order).toMatchObject({ scheduledDate: '2026-03-09' });
    expect(period.order.scheduledTime).toBeUndefined();
  });

  it('reads asap as stat, unknown gender as O, and an ACSN identifier as the accession', () => {
    const r = orderOf(
      {
        priority: 'asap',
        identifier: [
          { value: 'PLAIN-1' },
          {
            type: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }],
            },
            value: 'ACC-1',
          },
        ],
        code: { text: 'Chest X-ray' },
      },
      'Asia/Manila',
      { gender: 'unknown' },
    );
    expect(r.order).toMatchObject({ priority: 'stat', sex: 'O', accessionNumber: 'ACC-1' });
    expect(r.order.views).toBeUndefined();
    expect(r.externalId).toBe('PLAIN-1');
  });

  it('names the element at fault: 400 for what FHIR or the order refuses, 422 for a valid non-order', () => {
    expect(refusal(() => orderOf({ intent: 'proposal' }))).toEqual({
      code: 'FHIR_ORDER_REFUSED',
      expressions: ['ServiceRequest.intent'],
    });
    expect(refusal(() => orderOf({ occurrenceDateTime: '2026-03' })).code).toBe(
      'FHIR_ORDER_REFUSED',
    );
    expect(refusal(() => orderOf({ occurrenceDateTime: '2026-03-04T10:00' }))).toEqual({
      code: 'FHIR_RESOURCE_INVALID',
      expressions: ['ServiceRequest.occurrenceDateTime'],
    });
    expect(refusal(() => orderOf({}, 'Asia/Manila', { name: [{ given: ['Only'] }] }))).toEqual({
      code: 'FHIR_RESOURCE_INVALID',
      expressions: ['Patient.name.family'],
    });
    expect(
      refusal(() =>
        parseResource(
          FhirServiceRequest,
          { resourceType: 'ServiceRequest', status: 'active', intent: 'order', identifier: [{}] },
          'ServiceRequest',
        ),
      ).expressions,
    ).toEqual(['ServiceRequest.identifier[0].value', 'ServiceRequest.subject']);
  });

  it('finds the clinic in the performer, else the requester', () => {
    const sr = (over: Obj) =>
      parseResource(FhirServiceRequest, testServiceRequest(CLINIC, 'P', 'S', over), 'SR');
    expect(orderClinic(sr({}))).toEqual({ id: CLINIC });
    expect(
      orderClinic(
        sr({
          performer: [{ display: 'Radiographer' }],
          requester: {
            identifier: {
              system: 'https://telerad.org/fhir/NamingSystem/clinic-code',
              value: 'C1',
            },
          },
        }),
      ),
    ).toEqual({ code: 'C1' });
    expect(orderClinic(sr({ performer: undefined }))).toBeNull();
  });

  it('reads If-None-Exist by identifier only', () => {
    expect(parseIfNoneExist('identifier=http://a|1')).toEqual({ system: 'http://a', value: '1' });
    expect(parseIfNoneExist('identifier=ACC-1')).toEqual({ system: null, value: 'ACC-1' });
    expect(refusal(() => parseIfNoneExist('patient=1')).code).toBe('FHIR_RESOURCE_INVALID');
  });
});

describe('an order as a ServiceRequest', () => {
  const order: Order = {
    id: '4f1c2b8a-1d2e-4c3b-9a8d-7e6f5a4b3c2d',
    clinicId: CLINIC,
    accessionNumber: '260304-0001',
    patientId: 'P-1',
    issuer: 'PHL',
    patientName: 'Dela Cruz^Juan Pablo',
    familyName: 'Dela Cruz',
    givenName: 'Juan Pablo',
    birthDate: '1988-02-29',
    sex: 'M',
    programme: 'US',
    views: ['PA'],
    priority: 'routine',
    note: '',
    scheduledDate: '2026-03-04',
    scheduledTime: '09:30',
    status: 'scheduled',
    source: 'portal',
    createdBy: null,
    createdAt: '2026-03-01T00:00:00.000Z',
    cancelledAt: null,
    cancelReason: null,
    modality: 'DX',
    stationAeTitle: null,
    studyInstanceUid: '2.25.1',
    externalId: null,
    matchedStudyUid: null,
    matchedAt: null,
    matchMethod: null,
  };
  const clinic = { code: 'C1', name: 'Clinic One', timeZone: 'Asia/Manila' };

  it('has the R4 structure, the applicant contained, and the clinic’s offset on its time', () => {
    const sr = serviceRequest(order, clinic);
    expectR4ServiceRequest(sr);
    expect(sr.occurrenceDateTime).toBe('2026-03-04T09:30:00+08:00');
    expect(sr.note).toBeUndefined();
    expect(sr.identifier).toHaveLength(1);
    expect((sr.contained as Obj[])[0]).toMatchObject({
      resourceType: 'Patient',
      gender: 'male',
      name: [{ family: 'Dela Cruz', given: ['Juan', 'Pablo'] }],
    });
    expect(occurrenceOf({ ...order, scheduledTime: null }, 'Asia/Manila')).toBe('2026-03-04');
    expect(occurrenceOf({ ...order, scheduledTime: '10:00' }, 'America/Sao_Paulo')).toBe(
      '2026-03-04T10:00:00-03:00',
    );
  });

  it('round-trips the placer number of a FHIR order, and status follows the order', () => {
    const sr = serviceRequest(
      {
        ...order,
        source: 'fhir',
        externalId: 'https://his.example.org/orders|SR-1',
        status: 'cancelled',
      },
      clinic,
    );
    expect(sr.status).toBe('revoked');
    expect((sr.identifier as Obj[])[0]).toMatchObject({
      system: 'https://his.example.org/orders',
      value: 'SR-1',
    });
    expect(serviceRequest({ ...order, status: 'matched' }, clinic).status).toBe('completed');
  });

  it('reports each element at fault as its own issue', () => {
    const oo = operationOutcome(400, 'FHIR_RESOURCE_INVALID', 'x', [
      { expression: 'Patient.birthDate', message: 'required' },
      { expression: 'ServiceRequest.status', message: 'required' },
    ]);
    expect((oo.issue as Obj[]).map((i) => i.expression)).toEqual([
      ['Patient.birthDate'],
      ['ServiceRequest.status'],
    ]);
    expect((oo.issue as Obj[])[0]).toMatchObject({ code: 'invalid', severity: 'error' });
  });
});
