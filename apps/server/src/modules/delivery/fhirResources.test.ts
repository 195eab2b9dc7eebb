import { describe, expect, it } from 'vitest';
import {
  diagnosticReport,
  FINDING_SYSTEM,
  imagingStudy,
  searchset,
  type Resource,
} from './fhirResources';
import { capabilityStatement, operationOutcome } from './fhirServerResources';
import {
  DATE_TIME,
  expectR4DiagnosticReport,
  ID,
  INSTANT,
  noEmpties,
  OBSERVATION_STATUS,
  REPORT_STATUS,
} from '../../testing/fhirR4';
import { testReport } from './testReport';

const links = { baseUrl: 'https://telerad.example' };
const SCT = 'http://snomed.info/sct';
type Obj = Record<string, unknown>;

describe('DiagnosticReport', () => {
  it('is a valid-looking R4 DiagnosticReport of the released version', () => {
    const r = testReport();
    const dr = diagnosticReport(r, links);
    noEmpties(dr);
    expect(dr.resourceType).toBe('DiagnosticReport');
    expect(dr.id).toMatch(ID);
    expect(REPORT_STATUS).toContain(dr.status);
    expect(dr.status).toBe('final');
    expect(dr.issued).toMatch(INSTANT);
    expect(dr.effectiveDateTime).toMatch(DATE_TIME);
    expect(dr.conclusion).toBe('Right upper zone cavity: active TB likely.');
    expect(dr.performer).toEqual([{ display: 'Dr Ana Reyes, MD, FPCR' }]);
    expect(dr.imagingStudy).toEqual([{ reference: `ImagingStudy/${r.study.uid}` }]);
    expect(((dr.imagingStudy as Obj[])[0]!.reference as string).split('/')[1]).toMatch(ID);
    expect(dr.code).toMatchObject({ coding: [{ system: 'http://loinc.org' }] });
    expect(dr.subject).toEqual({ identifier: { value: 'P-0001' }, display: 'DOE, JANE' });
    expect((dr.presentedForm as Obj[])[0]).toMatchObject({
      contentType: 'application/pdf',
      url: `https://telerad.example/api/reports/${r.reportId}/pdf?version=1`,
    });
  });

  it('contains one Observation per finding, each referenced, coded, with body site', () => {
    const dr = diagnosticReport(testReport(), links);
    const contained = dr.contained as Resource[];
    const refs = (dr.result as { reference: string }[]).map((x) => x.reference);
    expect(contained).toHaveLength(3);
    // dom-3: every contained resource is referenced from the container.
    expect(refs).toEqual(contained.map((c) => `#${c.id}`));
    for (const o of contained) {
      expect(o.resourceType).toBe('Observation');
      expect(o.id).toMatch(ID);
      expect(OBSERVATION_STATUS).toContain(o.status);
      // dom-2 / dom-4: contained resources have no contained resources, meta.versionId or meta.lastUpdated.
      expect(o.contained).toBeUndefined();
      expect(o.meta).toBeUndefined();
      expect((o.code as { coding: Obj[] }).coding[0]!.system).toBe(FINDING_SYSTEM);
    }
    const [cavity, effusion, cardiac] = contained as Obj[];
    expect(cavity!.code).toEqual({
      coding: [{ system: FINDING_SYSTEM, code: 'cavity', display: 'Cavity' }],
      text: 'Cavitary lesion',
    });
    expect(cavity!.bodySite).toEqual({
      coding: [{ system: SCT, code: '3341006', display: 'Right lung structure' }],
      text: 'right, upper zone (lung)',
    });
    // Side and zone coded as in the SR: Laterality 272741003, Finding Site 363698007.
    expect(cavity!.component).toEqual([
      {
        code: { coding: [{ system: SCT, code: '272741003', display: 'Laterality' }] },
        valueCodeableConcept: { coding: [{ system: SCT, code: '24028007', display: 'Right' }] },
      },
      {
        code: { coding: [{ system: SCT, code: '363698007', display: 'Finding Site' }] },
        valueCodeableConcept: {
          coding: [{ system: SCT, code: '281392002', display: 'Upper zone of lung' }],
        },
      },
    ]);
    expect(effusion!.note).toEqual([{ text: 'small' }]);
    expect(cardiac!.bodySite).toBeUndefined();
    expect(cardiac!.component).toBeUndefined();
  });

  it('is amended for a later version, with the addendum in the conclusion', () => {
    const dr = diagnosticReport(
      testReport({ version: 2, kind: 'addendum', addendum: 'Sputum requested.' }),
      links,
    );
    expect(dr.status).toBe('amended');
    expect((dr.meta as Obj).versionId).toBe('2');
    expect(dr.conclusion).toContain('Addendum: Sputum requested.');
    for (const o of dr.contained as Obj[]) expect(o.status).toBe('amended');
  });
});

describe('ImagingStudy, Bundle, OperationOutcome, CapabilityStatement', () => {
  it('describes a study with series, instances and a WADO-RS endpoint', () => {
    const s = imagingStudy(
      {
        uid: '2.25.77',
        patientId: 'P-1',
        patientName: 'ROE^RICHARD',
        studyDate: '2026-03-04',
        accessionNumber: 'ACC-9',
        description: 'Chest',
        series: [
          {
            uid: '2.25.78',
            number: 1,
            modality: 'DX',
            description: null,
            instances: [{ uid: '2.25.79', sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1', number: 1 }],
          },
        ],
      },
      links,
    );
    noEmpties(s);
    expect(s).toMatchObject({
      resourceType: 'ImagingStudy',
      id: '2.25.77',
      status: 'available',
      numberOfSeries: 1,
      numberOfInstances: 1,
      identifier: [
        { system: 'urn:dicom:uid', value: 'urn:oid:2.25.77' },
        {
          use: 'usual',
          type: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }],
          },
          value: 'ACC-9',
        },
      ],
      endpoint: [{ reference: '#wado' }],
    });
    const series = (s.series as Obj[])[0]!;
    expect(series.modality).toEqual({
      system: 'http://dicom.nema.org/resources/ontology/DCM',
      code: 'DX',
    });
    expect((series.instance as Obj[])[0]!.sopClass).toEqual({
      system: 'urn:ietf:rfc:3986',
      code: 'urn:oid:1.2.840.10008.5.1.4.1.1.1.1',
    });
    expect((s.contained as Obj[])[0]).toMatchObject({
      resourceType: 'Endpoint',
      address: 'https://telerad.example/dicomweb',
    });
  });

  it('wraps search results in a searchset Bundle with full URLs', () => {
    const dr = diagnosticReport(testReport(), links);
    const b = searchset('https://telerad.example/api/fhir/DiagnosticReport?study=1', [dr], links);
    expect(b).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect((b.entry as Obj[])[0]).toMatchObject({
      fullUrl: `https://telerad.example/api/fhir/DiagnosticReport/${dr.id}`,
      search: { mode: 'match' },
    });
    expect(searchset('x', [], links).entry).toEqual([]);
  });

  it('reports errors as OperationOutcome with R4 issue types', () => {
    expect(operationOutcome(404, 'NOT_FOUND', 'Not found.')).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'not-found',
          details: {
            coding: [{ system: 'https://telerad.org/fhir/CodeSystem/error', code: 'NOT_FOUND' }],
            text: 'Not found.',
          },
          diagnostics: 'Not found.',
        },
      ],
    });
    expect((operationOutcome(401, 'X', 'm').issue as Obj[])[0]!.code).toBe('login');
    expect((operationOutcome(500, 'X', 'm').issue as Obj[])[0]!.severity).toBe('fatal');
  });

  it('states R4 and the interactions served', () => {
    const c = capabilityStatement('0.1.0', links, new Date('2026-01-01T00:00:00Z'));
    noEmpties(c);
    expect(c).toMatchObject({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['application/fhir+json'],
    });
    const types = ((c.rest as Obj[])[0]!.resource as Obj[]).map((x) => x.type);
    expect(types).toEqual(['DiagnosticReport', 'ImagingStudy', 'ServiceRequest']);
    expect((c.rest as Obj[])[0]!.interaction).toEqual([{ code: 'transaction' }]);
  });
});

describe('a report whose study answers an order', () => {
  it('is based on its ServiceRequest, named by id and accession number', () => {
    const dr = diagnosticReport(testReport(), links, { id: 'order-1', accessionNumber: 'ACC-7' });
    expectR4DiagnosticReport(dr);
    expect(dr.basedOn).toEqual([
      {
        reference: 'ServiceRequest/order-1',
        type: 'ServiceRequest',
        identifier: {
          use: 'usual',
          type: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
                code: 'ACSN',
                display: 'Accession ID',
              },
            ],
          },
          value: 'ACC-7',
        },
      },
    ]);
    expect(diagnosticReport(testReport(), links).basedOn).toBeUndefined();
  });
});

describe('a report without findings', () => {
  it('has no empty contained or result arrays', () => {
    const dr = diagnosticReport(
      testReport({ content: { result: 'normal', findings: [], recommendations: [] } }),
      links,
    );
    noEmpties(dr);
    expect(dr.contained).toBeUndefined();
    expect(dr.result).toBeUndefined();
  });
});
