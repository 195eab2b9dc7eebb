import {
  ORDER_VIEWS,
  OrderCreate,
  PROGRAMMES,
  type OrderView,
  type Priority,
  type Programme,
} from '@telerad/contracts';
import type { z } from 'zod';
import { appError } from '../../platform/errors';
import { localDate, localTime } from '../centres';
import {
  FhirPatient,
  REQUEST_PRIORITY,
  type FhirServiceRequest,
  type Identifier,
  type Reference,
} from './fhirOrderSchemas';

export { FhirPatient, FhirServiceRequest } from './fhirOrderSchemas';

/**
 * Reading a FHIR R4 ServiceRequest and its Patient into an order (docs/adr/0022). Only the
 * elements an order holds are read; everything else a sender includes (meta, text, extensions)
 * is accepted and ignored, as FHIR asks of a receiver that does not know them.
 */

/** Telerad's naming system of clinic codes: a Reference.identifier naming the clinic. */
export const CLINIC_SYSTEM = 'https://telerad.org/fhir/NamingSystem/clinic-code';
/** HL7 v2 table 0203, identifier types: PLAC (placer) and ACSN (accession) live here. */
export const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/** One problem with a received resource, at its FHIRPath (OperationOutcome.issue.expression). */
export interface ResourceIssue {
  expression: string;
  message: string;
}

/** A zod path as a FHIRPath expression: `ServiceRequest.identifier[0].value`. */
function fhirPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : `${out}.${String(p)}`),
    root,
  );
}

/** Parses `value` with `schema`, or throws FHIR_RESOURCE_INVALID naming every element at fault. */
export function parseResource<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw invalid(
    r.error.issues.map((i) => ({ expression: fhirPath(root, i.path), message: i.message })),
  );
}

/** FHIR_RESOURCE_INVALID (400) with its issues. */
export function invalid(issues: ResourceIssue[]) {
  const text = issues.map((i) => `${i.expression}: ${i.message}`).join('; ');
  return appError('FHIR_RESOURCE_INVALID', { issues }, `The resource is not valid: ${text}.`);
}

/** FHIR_ORDER_REFUSED (422): valid FHIR, but not an order this server can take. */
function refused(expression: string, message: string) {
  return appError('FHIR_ORDER_REFUSED', { issues: [{ expression, message }] }, message);
}

/** Where an order is for: a clinic by id (`Organization/<id>`) or by its code. */
export type ClinicRef = { id: string } | { code: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The clinic a reference names, if it names one this server knows how to read. */
function clinicOf(ref: Reference | undefined): ClinicRef | null {
  if (!ref) return null;
  const m = /^(?:.*\/)?Organization\/([^/]+)$/.exec(ref.reference ?? '');
  if (m && UUID.test(m[1]!)) return { id: m[1]!.toLowerCase() };
  if (ref.identifier?.system === CLINIC_SYSTEM) return { code: ref.identifier.value };
  return null;
}

/**
 * The clinic the order is for: the first performer naming one, else the requester (a clinic
 * ordering its own screening CXR). Null when none is named; the caller's one clinic is then used.
 */
export function orderClinic(sr: FhirServiceRequest): ClinicRef | null {
  for (const p of sr.performer ?? []) {
    const c = clinicOf(p);
    if (c) return c;
  }
  return clinicOf(sr.requester);
}

/** Whether an identifier is typed `code` of v2 table 0203. */
const typed = (i: Identifier, code: string) =>
  (i.type?.coding ?? []).some((c) => c.code === code && (!c.system || c.system === V2_0203));

/**
 * The sender's order number (its placer identifier: typed PLAC, else the first identifier that
 * is not the accession number) as stored: `system|value`, the token FHIR search uses.
 */
export function placerId(sr: FhirServiceRequest): string | null {
  const ids = sr.identifier ?? [];
  const placer = ids.find((i) => typed(i, 'PLAC')) ?? ids.find((i) => !typed(i, 'ACSN'));
  return placer ? identifierToken(placer.system, placer.value) : null;
}

/** `system|value`, or the value alone when there is no system (R4 search.html#token). */
export function identifierToken(system: string | undefined, value: string): string {
  return system ? `${system}|${value}` : value;
}

/** The Patient the ServiceRequest's subject names: contained (`#id`) or a Bundle entry. */
export function subjectPatient(
  sr: FhirServiceRequest,
  bundlePatients: ReadonlyMap<string, unknown> = new Map(),
): FhirPatient {
  const ref = sr.subject.reference ?? '';
  if (ref.startsWith('#')) {
    const i = (sr.contained ?? []).findIndex(
      (c) => c.resourceType === 'Patient' && c.id === ref.slice(1),
    );
    if (i < 0)
      throw invalid([
        { expression: 'ServiceRequest.subject', message: `no contained Patient ${ref}` },
      ]);
    return parseResource(FhirPatient, sr.contained![i], `ServiceRequest.contained[${i}]`);
  }
  const entry = bundlePatients.get(ref);
  if (entry === undefined)
    throw invalid([
      {
        expression: 'ServiceRequest.subject',
        message:
          'must reference the Patient: a contained one (#id) or the fullUrl of a Patient entry in the same transaction',
      },
    ]);
  return parseResource(FhirPatient, entry, 'Patient');
}

/** R4 administrative-gender as DICOM Patient's Sex (0010,0040): unknown is O, as DICOM has no U. */
const SEX = { male: 'M', female: 'F', other: 'O', unknown: 'O' } as const;

/** R4 request-priority as a worklist priority: asap ranks above urgent, so it reads as stat. */
const PRIORITY: Record<(typeof REQUEST_PRIORITY)[number], Priority> = {
  routine: 'routine',
  urgent: 'urgent',
  asap: 'stat',
  stat: 'stat',
};

/** Words that name a view in a code's text or display (LOINC "XR Chest PA and Lateral", ...). */
const VIEW_WORDS: Record<OrderView, RegExp> = {
  PA: /\bPA\b|postero-?anterior/i,
  AP: /\bAP\b|antero-?posterior/i,
  LAT: /\bLAT\b|\blateral\b/i,
};

/** The views the code and body sites name, in form order; none recognised: the form's default. */
export function viewsOf(sr: FhirServiceRequest): OrderView[] | undefined {
  const words = [sr.code, ...(sr.bodySite ?? [])]
    .flatMap((c) => [c?.text, ...(c?.coding ?? []).map((x) => x.display)])
    .filter((s): s is string => Boolean(s));
  const views = ORDER_VIEWS.filter((v) => words.some((w) => VIEW_WORDS[v].test(w)));
  return views.length ? views : undefined;
}

/**
 * The programme the request names: a coding of `ServiceRequest.code` whose code is
 * `CXR-<programme>` (`CXR-US`), in whatever system, as HL7 v2 orders name it in OBR-4; none
 * named: undefined (the clinic's first). A programme unknown here, or one the clinic does not
 * screen for, is refused (422).
 */
export function programmeOf(
  sr: FhirServiceRequest,
  served: readonly string[] = PROGRAMMES,
): Programme | undefined {
  const codings = sr.code?.coding ?? [];
  const i = codings.findIndex((c) => /^CXR-./i.test(c.code ?? ''));
  if (i < 0) return undefined;
  const p = codings[i]!.code!.slice(4).toUpperCase();
  const expression = `ServiceRequest.code.coding[${i}].code`;
  if (!(PROGRAMMES as readonly string[]).includes(p))
    throw refused(
      expression,
      `CXR-${p} names no programme: name one of ${PROGRAMMES.map((x) => `CXR-${x}`).join(', ')}.`,
    );
  if (!served.includes(p))
    throw refused(
      expression,
      `The clinic does not screen for the ${p} programme: name one of ${served.map((x) => `CXR-${x}`).join(', ')}, or none for ${served[0] ?? 'its first'}.`,
    );
  return p as Programme;
}

/** The issuer of the applicant's ID: who assigned it, else the identifier's system. */
function issuerOf(i: Identifier): string {
  return i.assigner?.display ?? i.assigner?.identifier?.value ?? i.system ?? '';
}

/** A FHIR dateTime with a time carries its zone (R4 datatypes §dateTime). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** When the order is scheduled, in the clinic's zone: a date alone, or a date and time. */
function scheduleOf(
  sr: FhirServiceRequest,
  timeZone: string,
): { scheduledDate?: string; scheduledTime?: string } {
  const [value, expression] = sr.occurrenceDateTime
    ? [sr.occurrenceDateTime, 'ServiceRequest.occurrenceDateTime']
    : [sr.occurrencePeriod?.start, 'ServiceRequest.occurrencePeriod.start'];
  if (!value) return {};
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { scheduledDate: value };
  const m = DATE_TIME.exec(value);
  const at = m ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime()))
    throw /^\d{4}(-\d{2})?$/.test(value)
      ? refused(
          expression,
          'The order must be scheduled on a day (YYYY-MM-DD), not a month or year.',
        )
      : invalid([{ expression, message: `${value} is not a FHIR dateTime` }]);
  return { scheduledDate: localDate(at, timeZone), scheduledTime: localTime(at, timeZone) };
}

/** What a received ServiceRequest says, as the order it creates. */
export interface ReceivedOrder {
  order: OrderCreate;
  /** The sender's order number (`system|value`), for idempotent re-posts. */
  externalId: string | null;
}

/**
 * The order a ServiceRequest and its Patient ask for, with its schedule in the clinic's zone.
 * Throws FHIR_RESOURCE_INVALID (400) for what FHIR or the order's fields refuse, and
 * FHIR_ORDER_REFUSED (422) for a valid request that is not a new order (not active, not an
 * order, scheduled on no day).
 */
export function receivedOrder(
  sr: FhirServiceRequest,
  patient: FhirPatient,
  timeZone: string,
  programmes: readonly string[] = PROGRAMMES,
): ReceivedOrder {
  if (sr.status !== 'active')
    throw refused(
      'ServiceRequest.status',
      `Only an active request creates an order, not ${sr.status}.`,
    );
  if (sr.intent !== 'order' && sr.intent !== 'original-order')
    throw refused('ServiceRequest.intent', `Only an order creates an order, not a ${sr.intent}.`);
  if (/^\d{4}(-\d{2})?$/.test(patient.birthDate))
    throw refused(
      'Patient.birthDate',
      'The full birth date is needed (YYYY-MM-DD), not a month or year.',
    );
  const id = patient.identifier.find((i) => i.use === 'official') ?? patient.identifier[0]!;
  const name = patient.name.find((n) => n.use === 'official') ?? patient.name[0]!;
  const accession = (sr.identifier ?? []).find((i) => typed(i, 'ACSN'));
  const input = {
    accessionNumber: accession?.value,
    patientId: id.value,
    issuer: issuerOf(id),
    familyName: name.family ?? '',
    givenName: (name.given ?? []).join(' '),
    birthDate: patient.birthDate,
    sex: SEX[patient.gender ?? 'unknown'],
    views: viewsOf(sr),
    programme: programmeOf(sr, programmes),
    priority: sr.priority ? PRIORITY[sr.priority] : undefined,
    note: (sr.note ?? []).map((n) => n.text).join('\n'),
    ...scheduleOf(sr, timeZone),
  };
  const checked = OrderCreate.safeParse(input);
  if (!checked.success) throw invalid(checked.error.issues.map((i) => issueAt(i.path, i.message)));
  return { order: input, externalId: placerId(sr) };
}

/** Where each order field came from, so a refusal names the FHIR element. */
const ELEMENT_OF: Record<string, string> = {
  accessionNumber: 'ServiceRequest.identifier',
  patientId: 'Patient.identifier.value',
  issuer: 'Patient.identifier.assigner',
  familyName: 'Patient.name.family',
  givenName: 'Patient.name.given',
  birthDate: 'Patient.birthDate',
  note: 'ServiceRequest.note',
  scheduledDate: 'ServiceRequest.occurrenceDateTime',
  scheduledTime: 'ServiceRequest.occurrenceDateTime',
};

function issueAt(path: readonly PropertyKey[], message: string): ResourceIssue {
  const field = String(path[0] ?? '');
  return { expression: ELEMENT_OF[field] ?? 'ServiceRequest', message };
}
