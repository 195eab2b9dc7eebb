import type { Order, OrderStatus } from '@telerad/contracts';
import { parsePersonName } from '@telerad/dicom';
import { zonedTimeToUtc } from '../centres';
import { CLINIC_SYSTEM, V2_0203 } from './fhirOrderIn';
import { accessionIdentifier, type FhirLinks, type Resource } from './fhirResources';

/**
 * An order as a FHIR R4 ServiceRequest (R4 §servicerequest), with the applicant as a contained
 * Patient, and the answers of a transaction Bundle that created one (docs/adr/0022).
 */

/** The clinic facts a ServiceRequest shows: who performs it, and its zone for the schedule. */
export interface OrderClinicInfo {
  code: string;
  name: string;
  timeZone: string;
}

/** An order's life as R4 request-status: waiting, answered by a study, or cancelled. */
const STATUS: Record<OrderStatus, string> = {
  scheduled: 'active',
  matched: 'completed',
  cancelled: 'revoked',
};

/** SNOMED CT 363679005 |Imaging|, the R4 ServiceRequest category example for imaging. */
const IMAGING = {
  coding: [{ system: 'http://snomed.info/sct', code: '363679005', display: 'Imaging' }],
};

/** The sender's order number, stored as `system|value` when it had a system. */
function placerIdentifier(o: Order) {
  if (!o.externalId) return null;
  const bar = o.source === 'fhir' ? o.externalId.indexOf('|') : -1;
  return {
    type: { coding: [{ system: V2_0203, code: 'PLAC', display: 'Placer Identifier' }] },
    ...(bar > 0 ? { system: o.externalId.slice(0, bar) } : {}),
    value: bar > 0 ? o.externalId.slice(bar + 1) : o.externalId,
  };
}

/** `+hh:mm` of a UTC offset in minutes. */
function offsetText(minutes: number): string {
  const a = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The scheduled day, or day and time with the clinic's UTC offset then (R4 dateTime). */
export function occurrenceOf(o: Order, timeZone: string): string {
  if (!o.scheduledTime) return o.scheduledDate;
  const wall = Date.parse(`${o.scheduledDate}T${o.scheduledTime}:00Z`);
  const at = zonedTimeToUtc(o.scheduledDate, o.scheduledTime, timeZone).getTime();
  return `${o.scheduledDate}T${o.scheduledTime}:00${offsetText(Math.round((wall - at) / 60000))}`;
}

/** The applicant, contained in the ServiceRequest that names them as its subject. */
function applicant(o: Order): Resource {
  const name = parsePersonName(o.patientName);
  const gender = { M: 'male', F: 'female', O: 'other' }[o.sex];
  return {
    resourceType: 'Patient',
    id: 'applicant',
    identifier: [{ value: o.patientId, ...(o.issuer ? { assigner: { display: o.issuer } } : {}) }],
    name: [{ family: name.family, ...(name.given ? { given: name.given.split(' ') } : {}) }],
    gender,
    birthDate: o.birthDate,
  };
}

/** An order as a ServiceRequest: id is the order's id, identifiers its placer and accession numbers. */
export function serviceRequest(o: Order, clinic: OrderClinicInfo): Resource {
  const placer = placerIdentifier(o);
  const views = o.views.join(' + ');
  const sr: Resource = {
    resourceType: 'ServiceRequest',
    id: o.id,
    contained: [applicant(o)],
    identifier: [...(placer ? [placer] : []), accessionIdentifier(o.accessionNumber)],
    status: STATUS[o.status],
    intent: 'order',
    category: [IMAGING],
    priority: o.priority,
    code: { text: `Chest X-ray, ${views}` },
    subject: { reference: '#applicant', display: o.patientName.replace('^', ', ') },
    occurrenceDateTime: occurrenceOf(o, clinic.timeZone),
    authoredOn: o.createdAt,
    performer: [
      { identifier: { system: CLINIC_SYSTEM, value: clinic.code }, display: clinic.name },
    ],
  };
  if (o.note) sr.note = [{ text: o.note }];
  return sr;
}

/** Where a created ServiceRequest is read (the Location header, R4 http.html#create). */
export function serviceRequestUrl(links: FhirLinks, id: string): string {
  return `${links.baseUrl}/api/fhir/ServiceRequest/${id}`;
}

/**
 * The answer to a transaction Bundle (R4 http.html#transaction-response): one entry per request
 * entry, in order. The Patient is kept with the order, not as a resource of its own, which its
 * entry's outcome says.
 */
export function transactionResponse(
  kinds: readonly ('Patient' | 'ServiceRequest')[],
  sr: Resource,
  created: boolean,
  links: FhirLinks,
): Resource {
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: kinds.map((kind) =>
      kind === 'ServiceRequest'
        ? {
            fullUrl: serviceRequestUrl(links, String(sr.id)),
            resource: sr,
            response: {
              status: created ? '201 Created' : '200 OK',
              location: `ServiceRequest/${sr.id}`,
            },
          }
        : {
            response: {
              status: '200 OK',
              outcome: {
                resourceType: 'OperationOutcome',
                issue: [
                  {
                    severity: 'information',
                    code: 'informational',
                    diagnostics: `The applicant is kept with the order ServiceRequest/${sr.id}, as its contained Patient.`,
                  },
                ],
              },
            },
          },
    ),
  };
}
