import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { expectR4DiagnosticReport, expectR4ServiceRequest } from '../../testing/fhirR4';
import { signIn, type TestClient } from '../../testing/http';
import { clinicIdOf } from '../orders/testSupport';
import { FHIR_HEADERS as FHIR, postFhir as post, testServiceRequest, uniq } from './fhirTestOrders';
import { abnormalReport, releasedReport } from './testSupport';

/**
 * An order received over FHIR read back as a ServiceRequest whose status follows the order
 * (active, completed once a study answers it, revoked once cancelled), and the DiagnosticReport
 * of the answering study based on it, on a real database; both checked against R4's structure.
 */
let fx: AppFixture;
let clinic1: TestClient;
let demo1: string;
type Obj = Record<string, unknown>;

beforeAll(async () => {
  fx = await appWithDemo();
  clinic1 = await signIn(fx.app, 'clinic1');
  demo1 = await clinicIdOf(fx.tdb.db, 'DEMO1');
});
afterAll(async () => fx?.close());

describe('the order as a ServiceRequest, and the report based on it', () => {
  it('reads active, then completed once a study answers it, whose report is based on it', async () => {
    const created = await post(
      clinic1,
      '/api/fhir/ServiceRequest',
      testServiceRequest(demo1, uniq('FHIR'), uniq('SR')),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = String(created.json().id);
    const read = async () => {
      const res = await clinic1.request({ url: `/api/fhir/ServiceRequest/${id}`, headers: FHIR });
      expect(res.statusCode, res.body).toBe(200);
      expectR4ServiceRequest(res.json());
      return res.json() as Obj;
    };
    expect((await read()).status).toBe('active');

    const radiologist = await signIn(fx.app, 'radiologist');
    const rel = await releasedReport(fx, radiologist, 'DEMO1', abnormalReport());
    // The study answers the order: matched as the matching step records it.
    await fx.tdb.db
      .updateTable('orders')
      .set({
        study_id: rel.studyId,
        status: 'matched',
        matched_at: new Date(),
        match_method: 'accession',
      })
      .where('id', '=', id)
      .execute();
    const sr = await read();
    expect(sr.status).toBe('completed');

    const res = await clinic1.request({
      url: `/api/fhir/DiagnosticReport/${rel.reportId}`,
      headers: FHIR,
    });
    expect(res.statusCode, res.body).toBe(200);
    const dr = res.json() as Obj;
    expectR4DiagnosticReport(dr);
    const accession = (sr.identifier as Obj[]).find(
      (i) => ((i.type as Obj).coding as Obj[])[0]!.code === 'ACSN',
    )!.value;
    expect(dr.basedOn).toEqual([
      {
        reference: `ServiceRequest/${id}`,
        type: 'ServiceRequest',
        identifier: expect.objectContaining({ value: accession }),
      },
    ]);
    const search = await clinic1.request({
      url: `/api/fhir/DiagnosticReport?study=${rel.studyUid}`,
      headers: FHIR,
    });
    expect(search.json().entry[0].resource.basedOn[0].reference).toBe(`ServiceRequest/${id}`);
  });

  it('reads revoked once cancelled', async () => {
    const created = await post(
      clinic1,
      '/api/fhir/ServiceRequest',
      testServiceRequest(demo1, uniq('FHIR'), uniq('SR')),
    );
    const id = String(created.json().id);
    const cancel = await clinic1.request({
      method: 'POST',
      url: `/api/orders/${id}/cancel`,
      payload: { reason: 'Registered twice' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const res = await clinic1.request({ url: `/api/fhir/ServiceRequest/${id}`, headers: FHIR });
    expect(res.json().status).toBe('revoked');
  });
});
