import { FHIR_JSON, type FhirLinks, type Resource } from './fhirResources';

/**
 * The FHIR server's own resources: errors as OperationOutcome and the CapabilityStatement that
 * says what is served (R4 http.html).
 */

/** Telerad's error codes, as OperationOutcome issue details. */
export const ERROR_SYSTEM = 'https://telerad.org/fhir/CodeSystem/error';

/** FHIR issue types (R4 ValueSet issue-type) for HTTP statuses and error codes. */
function issueType(status: number, code: string): string {
  if (status === 409 && /DUPLICATE|ALREADY_RECEIVED/.test(code)) return 'duplicate';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 422) return 'business-rule';
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 400) return 'invalid';
  if (status === 406 || status === 415) return 'not-supported';
  if (status === 429) return 'throttled';
  return 'exception';
}

/**
 * An error as an OperationOutcome (R4 §operationoutcome, http.html#summary): one issue, or one
 * per element at fault, each with its FHIRPath `expression`.
 */
export function operationOutcome(
  status: number,
  code: string,
  message: string,
  issues?: readonly { expression: string; message: string }[],
): Resource {
  const issue = (text: string, expression?: string) => ({
    severity: status >= 500 ? 'fatal' : 'error',
    code: issueType(status, code),
    details: { coding: [{ system: ERROR_SYSTEM, code }], text },
    diagnostics: text,
    ...(expression ? { expression: [expression] } : {}),
  });
  return {
    resourceType: 'OperationOutcome',
    issue: issues?.length
      ? issues.map((i) => issue(`${i.expression}: ${i.message}`, i.expression))
      : [issue(message)],
  };
}

/** The server's CapabilityStatement (R4 §capabilitystatement, `GET [base]/metadata`). */
export function capabilityStatement(version: string, links: FhirLinks, date: Date): Resource {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: date.toISOString(),
    publisher: 'Telerad',
    kind: 'instance',
    software: { name: 'Telerad', version },
    implementation: {
      description: 'Telerad released CXR reports',
      url: `${links.baseUrl}/api/fhir`,
    },
    fhirVersion: '4.0.1',
    format: [FHIR_JSON],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'Session cookie or bearer API token; clinic accounts see only their own clinics.',
        },
        resource: [
          {
            type: 'DiagnosticReport',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              {
                name: 'study',
                type: 'token',
                documentation: 'Study Instance UID of the imaging study reported',
              },
            ],
          },
          { type: 'ImagingStudy', interaction: [{ code: 'read' }] },
          {
            type: 'ServiceRequest',
            documentation:
              'A CXR order, with its Patient contained or in the same transaction. Re-posting the same placer identifier answers the existing order.',
            interaction: [{ code: 'read' }, { code: 'create' }],
            conditionalCreate: true,
          },
        ],
        interaction: [{ code: 'transaction' }],
      },
    ],
  };
}
