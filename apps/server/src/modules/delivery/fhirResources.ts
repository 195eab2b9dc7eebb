import { findingDefinition, type FindingView } from '@telerad/contracts';
import type { ReleasedReport } from './load';
import { CONCEPTS, SIDE_CODES, ZONE_CODES, codeOf, type Code } from './srContent';
import { patientNameText } from './text';

/**
 * FHIR R4 (4.0.1) resources of released reports: DiagnosticReport with contained Observations
 * for the findings, ImagingStudy and searchset Bundle (the server's own: fhirServerResources.ts).
 * Plain JSON built from the same ReleasedReport as the PDF and the SR.
 */

/** FHIR's JSON media type (R4 §2.6.1.1, "http.html#mime-type"). */
export const FHIR_JSON = 'application/fhir+json';
/** The canonical CXR finding code system. */
export const FINDING_SYSTEM = 'https://telerad.org/fhir/CodeSystem/cxr-finding';

/** A FHIR resource as JSON. */
export type Resource = { resourceType: string; id?: string } & Record<string, unknown>;

/** Where links point: the server's public base URL, without a trailing slash. */
export interface FhirLinks {
  baseUrl: string;
}

/** The study's patient as a logical reference (R4 §2.3.0.3: Reference.identifier). */
function subject(r: ReleasedReport) {
  return {
    identifier: { value: r.study.patientId },
    display: patientNameText(r.study.patientName) || r.study.patientId,
  };
}

/** `final` for the first release, `amended` for any later version (R4 ValueSet diagnostic-report-status). */
export function reportStatus(version: number): 'final' | 'amended' {
  return version > 1 ? 'amended' : 'final';
}

const IMAGING_CATEGORY = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'imaging',
      display: 'Imaging',
    },
  ],
};

const SNOMED = 'http://snomed.info/sct';

/** An SR code of the SNOMED CT scheme as a FHIR Coding. */
const snomed = (c: Code) => ({ system: SNOMED, code: codeOf(c), display: c.CodeMeaning });

/**
 * The lung of each side as one SNOMED CT body structure, so that bodySite (one CodeableConcept
 * in R4) carries the side: 3341006 |Right lung structure|, 44029006 |Left lung structure|,
 * 74101002 |Both lungs|; 39607008 |Lung structure| when only zones are given.
 */
const LUNG_OF_SIDE = {
  right: { system: SNOMED, code: '3341006', display: 'Right lung structure' },
  left: { system: SNOMED, code: '44029006', display: 'Left lung structure' },
  bilateral: { system: SNOMED, code: '74101002', display: 'Both lungs' },
} as const;
const LUNG = { system: SNOMED, code: '39607008', display: 'Lung structure' } as const;

/**
 * Side and zones coded as the SR codes them (srContent.ts): a Laterality component (SNOMED CT
 * 272741003, values of DICOM CID 244) and a Finding Site component (363698007) per zone.
 */
function locationComponents(f: FindingView): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (f.side)
    out.push({
      code: { coding: [snomed(CONCEPTS.laterality)] },
      valueCodeableConcept: { coding: [snomed(SIDE_CODES[f.side])] },
    });
  for (const z of f.zones ?? [])
    out.push({
      code: { coding: [snomed(CONCEPTS.findingSite)] },
      valueCodeableConcept: { coding: [snomed(ZONE_CODES[z])] },
    });
  return out;
}

/** One finding as an Observation, contained in its DiagnosticReport. */
export function findingObservation(r: ReleasedReport, f: FindingView, index: number): Resource {
  const obs: Resource = {
    resourceType: 'Observation',
    id: `finding-${index + 1}`,
    status: reportStatus(r.version),
    category: [IMAGING_CATEGORY],
    code: {
      coding: [{ system: FINDING_SYSTEM, code: f.code, display: findingDefinition(f.code).label }],
      text: f.label,
    },
    subject: subject(r),
    issued: r.releasedAt.toISOString(),
    valueBoolean: true,
  };
  if (f.location)
    obs.bodySite = {
      coding: [f.side ? LUNG_OF_SIDE[f.side] : LUNG],
      text: `${f.location} (lung)`,
    };
  const components = locationComponents(f);
  if (components.length) obs.component = components;
  if (f.note) obs.note = [{ text: f.note }];
  return obs;
}

/** The order a report's study answers, as DiagnosticReport.basedOn names it. */
export interface AnsweredOrder {
  id: string;
  accessionNumber: string;
}

/**
 * The released report version as a DiagnosticReport (R4 §diagnosticreport), based on the order
 * (its ServiceRequest) that the study answers, when there is one.
 */
export function diagnosticReport(
  r: ReleasedReport,
  links: FhirLinks,
  order: AnsweredOrder | null = null,
): Resource {
  const observations = r.view.findings.map((f, i) => findingObservation(r, f, i));
  const signer = `${r.signer.name}${r.signer.credentials ? `, ${r.signer.credentials}` : ''}`;
  const conclusion = [
    r.view.impression,
    r.kind === 'addendum' && r.addendum ? `Addendum: ${r.addendum}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const report: Resource = {
    resourceType: 'DiagnosticReport',
    id: r.reportId,
    meta: { versionId: String(r.version), lastUpdated: r.releasedAt.toISOString() },
    // R4 JSON has no empty arrays (§2.6.2): no findings, no contained or result.
    ...(observations.length ? { contained: observations } : {}),
    identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${r.reportId}` }],
    ...(order
      ? {
          basedOn: [
            {
              reference: `ServiceRequest/${order.id}`,
              type: 'ServiceRequest',
              identifier: accessionIdentifier(order.accessionNumber),
            },
          ],
        }
      : {}),
    status: reportStatus(r.version),
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0074',
            code: 'RAD',
            display: 'Radiology',
          },
        ],
      },
    ],
    code: {
      coding: [
        { system: 'http://loinc.org', code: '18748-4', display: 'Diagnostic imaging study' },
      ],
      text: r.view.formTitle,
    },
    subject: subject(r),
    issued: r.releasedAt.toISOString(),
    performer: [{ display: signer }],
    resultsInterpreter: [{ display: signer }],
    ...(observations.length
      ? { result: observations.map((o) => ({ reference: `#${o.id}` })) }
      : {}),
    imagingStudy: [{ reference: `ImagingStudy/${r.study.uid}` }],
    presentedForm: [
      {
        contentType: 'application/pdf',
        url: `${links.baseUrl}/api/reports/${r.reportId}/pdf?version=${r.version}`,
        title: `${r.view.formTitle}, version ${r.version}`,
      },
    ],
  };
  if (r.study.studyDate) report.effectiveDateTime = r.study.studyDate;
  if (conclusion) report.conclusion = conclusion;
  return report;
}

/** One series of the study, as ImagingStudy needs it. */
export interface SeriesInfo {
  uid: string;
  number: number | null;
  modality: string | null;
  description: string | null;
  instances: { uid: string; sopClassUid: string; number: number | null }[];
}

/** What ImagingStudy shows of a study. */
export interface StudyInfo {
  uid: string;
  patientId: string;
  patientName: string | null;
  studyDate: string | null;
  accessionNumber: string | null;
  description: string | null;
  series: SeriesInfo[];
}

/** An Accession Number as an identifier (R4 ImagingStudy.identifier, v2 table 0203 "ACSN"). */
export function accessionIdentifier(accession: string) {
  return {
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
    value: accession,
  };
}

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

/** A study as an ImagingStudy, with a contained WADO-RS endpoint (R4 §imagingstudy). */
export function imagingStudy(s: StudyInfo, links: FhirLinks): Resource {
  const modalities = [...new Set(s.series.map((x) => x.modality).filter((m) => m))] as string[];
  const out: Resource = {
    resourceType: 'ImagingStudy',
    id: s.uid,
    contained: [
      {
        resourceType: 'Endpoint',
        id: 'wado',
        status: 'active',
        connectionType: {
          system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
          code: 'dicom-wado-rs',
        },
        payloadType: [{ text: 'DICOM WADO-RS' }],
        address: `${links.baseUrl}/dicomweb`,
      },
    ],
    identifier: [
      { system: 'urn:dicom:uid', value: `urn:oid:${s.uid}` },
      ...(s.accessionNumber ? [accessionIdentifier(s.accessionNumber)] : []),
    ],
    status: 'available',
    ...(modalities.length ? { modality: modalities.map((code) => ({ system: DCM, code })) } : {}),
    subject: {
      identifier: { value: s.patientId },
      display: patientNameText(s.patientName) || s.patientId,
    },
    endpoint: [{ reference: '#wado' }],
    numberOfSeries: s.series.length,
    numberOfInstances: s.series.reduce((n, x) => n + x.instances.length, 0),
  };
  if (s.series.length)
    out.series = s.series.map((x) => ({
      uid: x.uid,
      ...(x.number !== null ? { number: x.number } : {}),
      modality: { system: DCM, code: x.modality ?? 'OT' },
      ...(x.description ? { description: x.description } : {}),
      numberOfInstances: x.instances.length,
      instance: x.instances.map((i) => ({
        uid: i.uid,
        sopClass: { system: 'urn:ietf:rfc:3986', code: `urn:oid:${i.sopClassUid}` },
        ...(i.number !== null ? { number: i.number } : {}),
      })),
    }));
  if (s.studyDate) out.started = s.studyDate;
  if (s.description) out.description = s.description;
  return out;
}

/** A searchset Bundle of `resources` (R4 §bundle, §search 3.1.1.2). */
export function searchset(selfUrl: string, resources: Resource[], links: FhirLinks): Resource {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: resources.map((resource) => ({
      fullUrl: `${links.baseUrl}/api/fhir/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
