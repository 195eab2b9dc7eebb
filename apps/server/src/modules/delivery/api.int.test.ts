import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { pdfText } from '../../testing/pdfText';
import { loadReleasedReport } from './load';
import { abnormalReport, releasedReport, type Released } from './testSupport';

/**
 * The clinic-facing delivery API on a real database: the PDF download, FHIR R4 resources, the
 * clinic scope on both (a DEMO2 user never reaches DEMO1's report), addenda as new versions,
 * support's deliveries list, and a clinic's webhook settings.
 */
let fx: AppFixture;
let rel: Released;
const c: Record<string, TestClient> = {};
const FHIR = { accept: 'application/fhir+json' };

beforeAll(async () => {
  fx = await appWithDemo();
  for (const n of ['radiologist', 'radiologist2', 'clinic1', 'clinic2', 'support', 'admin'])
    c[n] = await signIn(fx.app, n);
  rel = await releasedReport(fx, c.radiologist!, 'DEMO1', abnormalReport());
});
afterAll(async () => fx?.close());

describe('report PDF', () => {
  it('is downloadable by the clinic, in the programme layout, and audited', async () => {
    const res = await c.clinic1!.request({ url: `/api/reports/${rel.reportId}/pdf` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    // Viewed in the browser by default, under the name it would be saved as.
    expect(String(res.headers['content-disposition'])).toMatch(
      /^inline; filename="DEMO1-DLV-DEMO1-\d+-\d{4}-\d{2}-\d{2}-report\.pdf"; filename\*=UTF-8''/,
    );
    const { text } = await pdfText(res.rawPayload);
    for (const s of [
      'DS-3030 Tuberculosis Worksheet',
      '(DEMO1)',
      'Global Centre',
      'DELIVERY, PATIENT',
      rel.studyUid,
      'Smooth pleural thickening — left, upper zone',
      'Left apical pleural thickening and cardiomegaly; no active TB.',
      'Dr Rosa Reyes, MD, FPCR',
      'Key image',
    ])
      expect(text, s).toContain(s);
    // The signer once: a signed primary read is not also its own "primary read".
    expect(text.split('Dr Rosa Reyes').length - 1).toBe(1);
    expect(text).not.toContain('Primary read signed by');
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['outcome', 'clinic_id'])
      .where('action', '=', 'report.pdf.read')
      .where('resource_id', '=', rel.reportId)
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]!.outcome).toBe('success');
    expect(audit[0]!.clinic_id).not.toBeNull();
    // The same bytes every time: the PDF is made once and kept.
    const again = await c.clinic1!.request({ url: `/api/reports/${rel.reportId}/pdf?version=1` });
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
  });

  it('downloads as an attachment named for the clinic, patient and study date', async () => {
    const res = await c.clinic1!.request({ url: `/api/reports/${rel.reportId}/pdf?download=1` });
    expect(res.statusCode).toBe(200);
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="DEMO1-DLV-DEMO1-\d+-\d{4}-\d{2}-\d{2}-report\.pdf"/);
    expect(cd).toMatch(/filename\*=UTF-8''DEMO1-DLV-DEMO1-\d+-\d{4}-\d{2}-\d{2}-report\.pdf$/);
  });

  it('answers 404 for a version not released, and for another clinic', async () => {
    const v2 = await c.clinic1!.request({ url: `/api/reports/${rel.reportId}/pdf?version=2` });
    expect(v2.statusCode).toBe(404);
    const other = await c.clinic2!.request({ url: `/api/reports/${rel.reportId}/pdf` });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('DELIVERY');
    const denied = await fx.tdb.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'report.pdf.read')
      .where('actor_name', '=', 'clinic2')
      .execute();
    expect(denied.map((d) => d.outcome)).toContain('denied');
  });
});

describe('the released report as outputs load it', () => {
  it('names the centre its read was routed to, else the clinic’s home centre', async () => {
    const db = fx.tdb.db;
    const { task_id: taskId } = await db
      .selectFrom('reports')
      .select('task_id')
      .where('id', '=', rel.reportId)
      .executeTakeFirstOrThrow();
    const regional = await db
      .selectFrom('centres')
      .select('id')
      .where('name', '=', 'Regional Centre')
      .executeTakeFirstOrThrow();
    const centreOf = async () => (await loadReleasedReport(db, rel.reportId, 1))?.centre?.name;
    const routedTo = async (centreId: string | null) =>
      db
        .updateTable('reading_tasks')
        .set({ centre_id: centreId })
        .where('id', '=', taskId)
        .execute();
    try {
      await routedTo(regional.id);
      expect(await centreOf()).toBe('Regional Centre');
      await routedTo(null);
      expect(await centreOf()).toBe('Global Centre');
    } finally {
      const home = await db
        .selectFrom('centres')
        .select('id')
        .where('name', '=', 'Global Centre')
        .executeTakeFirstOrThrow();
      await routedTo(home.id);
    }
  });
});

describe('FHIR R4', () => {
  it('serves the DiagnosticReport with Observations, and finds it by study', async () => {
    const res = await c.clinic1!.request({
      url: `/api/fhir/DiagnosticReport/${rel.reportId}`,
      headers: FHIR,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const dr = res.json();
    expect(dr).toMatchObject({
      resourceType: 'DiagnosticReport',
      id: rel.reportId,
      status: 'final',
      conclusion: 'Left apical pleural thickening and cardiomegaly; no active TB.',
      imagingStudy: [{ reference: `ImagingStudy/${rel.studyUid}` }],
      performer: [{ display: 'Dr Rosa Reyes, MD, FPCR' }],
    });
    expect(
      dr.contained.map((o: { code: { coding: { code: string }[] } }) => o.code.coding[0]!.code),
    ).toEqual(['smooth_pleural_thickening', 'cardiac']);
    expect(dr.contained[0].bodySite).toEqual({
      coding: [
        { system: 'http://snomed.info/sct', code: '44029006', display: 'Left lung structure' },
      ],
      text: 'left, upper zone (lung)',
    });
    expect(dr.contained[0].component[0].valueCodeableConcept.coding[0]).toMatchObject({
      code: '7771000',
      display: 'Left',
    });

    const search = await c.clinic1!.request({
      url: `/api/fhir/DiagnosticReport?study=${rel.studyUid}`,
      headers: FHIR,
    });
    expect(search.statusCode).toBe(200);
    expect(search.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(search.json().entry[0].resource.id).toBe(rel.reportId);
  });

  it('serves the ImagingStudy and the CapabilityStatement', async () => {
    const res = await c.clinic1!.request({
      url: `/api/fhir/ImagingStudy/${rel.studyUid}`,
      headers: FHIR,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      resourceType: 'ImagingStudy',
      id: rel.studyUid,
      status: 'available',
      numberOfInstances: 1,
    });
    expect(res.json().series[0].instance[0].uid).toBe(rel.sopUid);
    const { accession_number } = await fx.tdb.db
      .selectFrom('studies')
      .select('accession_number')
      .where('study_uid', '=', rel.studyUid)
      .executeTakeFirstOrThrow();
    expect(accession_number).toBeTruthy();
    expect(res.json().identifier).toContainEqual(
      expect.objectContaining({
        type: expect.objectContaining({ coding: [expect.objectContaining({ code: 'ACSN' })] }),
        value: accession_number,
      }),
    );
    // The CapabilityStatement needs no sign-in.
    const meta = await fx.app.inject({ url: '/api/fhir/metadata', headers: FHIR });
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
    });
  });

  it('never shows DEMO1 reports or studies to a DEMO2 user; errors are OperationOutcomes', async () => {
    for (const url of [
      `/api/fhir/DiagnosticReport/${rel.reportId}`,
      `/api/fhir/ImagingStudy/${rel.studyUid}`,
    ]) {
      const res = await c.clinic2!.request({ url, headers: FHIR });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(res.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'not-found' }],
      });
      expect(res.body).not.toContain('DELIVERY');
    }
    const search = await c.clinic2!.request({
      url: `/api/fhir/DiagnosticReport?study=${rel.studyUid}`,
      headers: FHIR,
    });
    expect(search.json()).toMatchObject({ resourceType: 'Bundle', total: 0 });
    const anonymous = await fx.app.inject({
      url: `/api/fhir/DiagnosticReport/${rel.reportId}`,
      headers: FHIR,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().issue[0].code).toBe('login');
  });
});

describe('addenda', () => {
  it('make version 2: amended in FHIR, with the addendum in the PDF', async () => {
    const add = await c.radiologist2!.request({
      method: 'POST',
      url: `/api/reports/${rel.reportId}/addenda`,
      payload: { text: 'Lateral view reviewed: the thickening is pleural.' },
    });
    expect(add.statusCode, add.body).toBe(200);
    const dr = await c.clinic1!.request({
      url: `/api/fhir/DiagnosticReport/${rel.reportId}`,
      headers: FHIR,
    });
    expect(dr.json()).toMatchObject({ status: 'amended', meta: { versionId: '2' } });
    expect(dr.json().conclusion).toContain('Lateral view reviewed');
    const pdf = await c.clinic1!.request({ url: `/api/reports/${rel.reportId}/pdf` });
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain('Addendum — version 2');
    expect(text).toContain('Lateral view reviewed: the thickening is pleural.');
    const v1 = await c.clinic1!.request({ url: `/api/reports/${rel.reportId}/pdf?version=1` });
    expect((await pdfText(v1.rawPayload)).text).not.toContain('Lateral view reviewed');
  });
});

describe('support and settings', () => {
  it('lists deliveries for support only', async () => {
    const list = await c.support!.request({ url: '/api/deliveries' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: expect.any(Array), counts: expect.any(Object) });
    for (const who of ['clinic1', 'radiologist'])
      expect((await c[who]!.request({ url: '/api/deliveries' })).statusCode).toBe(403);
  });

  it('shows a webhook secret once, on creation and on rotation', async () => {
    const demo1 = await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow();
    const url = `/api/clinics/${demo1.id}/webhook`;
    expect((await c.admin!.request({ url })).json()).toEqual({
      url: null,
      secretSet: false,
      secretSetAt: null,
    });
    const set = await c.admin!.request({
      method: 'PUT',
      url,
      payload: { url: 'https://pacs.demo1.example/hooks/telerad' },
    });
    const first = set.json().secret as string;
    expect(first).toMatch(/^whsec_/);
    const read = (await c.admin!.request({ url })).json();
    expect(read).toMatchObject({
      url: 'https://pacs.demo1.example/hooks/telerad',
      secretSet: true,
    });
    expect(read.secret).toBeUndefined();
    const again = await c.admin!.request({
      method: 'PUT',
      url,
      payload: { url: 'https://x.example/h' },
    });
    expect(again.json().secret).toBeUndefined();
    const rotated = await c.admin!.request({ method: 'POST', url: `${url}/secret` });
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(first);
    const bad = await c.admin!.request({ method: 'PUT', url, payload: { url: 'ftp://x' } });
    expect(bad.statusCode).toBe(400);
    expect((await c.clinic1!.request({ url })).statusCode).toBe(403);
  });
});

describe('FHIR errors', () => {
  it('are OperationOutcomes for FHIR clients and the API error body for others', async () => {
    const fhir = await c.clinic1!.request({ url: '/api/fhir/DiagnosticReport', headers: FHIR });
    expect(fhir.statusCode).toBe(400);
    expect(fhir.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'invalid', details: { coding: [{ code: 'VALIDATION_FAILED' }] } }],
    });
    const plain = await c.clinic1!.request({ url: '/api/fhir/DiagnosticReport' });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(plain.json().error.details[0].path).toBe('study');
  });

  it('refuse XML with 406: this server writes JSON only', async () => {
    for (const req of [
      { url: '/api/fhir/metadata', headers: { accept: 'application/fhir+xml' } },
      { url: '/api/fhir/metadata?_format=xml', headers: FHIR },
      {
        url: `/api/fhir/DiagnosticReport/${rel.reportId}`,
        headers: { accept: 'application/fhir+xml' },
      },
    ]) {
      const res = await c.clinic1!.request(req);
      expect(res.statusCode, req.url).toBe(406);
      expect(res.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'not-supported' }],
      });
    }
    for (const accept of [
      'application/fhir+json',
      'application/json',
      '*/*',
      'application/fhir+xml;q=0.9, application/fhir+json;q=0.5',
    ]) {
      const res = await c.clinic1!.request({ url: '/api/fhir/metadata', headers: { accept } });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    }
  });

  it('answer an unknown resource type with an OperationOutcome', async () => {
    for (const url of [
      '/api/fhir/Patient/123',
      '/api/fhir/Observation?code=x',
      '/api/fhir/Nonsense',
    ]) {
      const res = await c.clinic1!.request({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(res.json()).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'not-found', details: { coding: [{ code: 'ROUTE_NOT_FOUND' }] } }],
      });
    }
  });
});
