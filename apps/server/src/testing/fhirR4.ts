import { expect } from 'vitest';

/**
 * FHIR R4 (4.0.1) structure rules checked without a validator: the datatypes' lexical forms
 * (R4 §2.1.0), the value sets of the coded elements the resources use, JSON's no-empty rule
 * (§2.6.2), and the contained-resource invariants dom-2, dom-3 and dom-4.
 */

type Obj = Record<string, unknown>;

export const ID = /^[A-Za-z0-9\-.]{1,64}$/;
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
export const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
export const DATE_TIME =
  /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
export const REPORT_STATUS = [
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
  'unknown',
];
export const OBSERVATION_STATUS = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
  'unknown',
];
const REQUEST_STATUS = [
  'draft',
  'active',
  'on-hold',
  'revoked',
  'completed',
  'entered-in-error',
  'unknown',
];
const REQUEST_INTENT = [
  'proposal',
  'plan',
  'directive',
  'order',
  'original-order',
  'reflex-order',
  'filler-order',
  'instance-order',
  'option',
];
const REQUEST_PRIORITY = ['routine', 'urgent', 'asap', 'stat'];
const GENDER = ['male', 'female', 'other', 'unknown'];

/** No empty strings, arrays or objects anywhere (R4 §2.6.2: JSON elements carry a value). */
export function noEmpties(v: unknown, path = '$'): void {
  if (v === null || v === '') throw new Error(`${path} is empty`);
  if (Array.isArray(v)) {
    if (!v.length) throw new Error(`${path} is an empty array`);
    v.forEach((x, i) => noEmpties(x, `${path}[${i}]`));
  } else if (typeof v === 'object') {
    const entries = Object.entries(v as Obj);
    if (!entries.length) throw new Error(`${path} is an empty object`);
    for (const [k, x] of entries) noEmpties(x, `${path}.${k}`);
  }
}

/** dom-2, dom-3, dom-4: contained resources are referenced (`#id`), flat, and versionless. */
export function containedRules(r: Obj): void {
  const contained = (r.contained ?? []) as Obj[];
  const text = JSON.stringify({ ...r, contained: undefined });
  for (const c of contained) {
    expect(c.id).toMatch(ID);
    expect(c.contained, 'dom-2').toBeUndefined();
    expect(c.meta, 'dom-4').toBeUndefined();
    expect(text.includes(`"#${String(c.id)}"`), `dom-3: #${String(c.id)} referenced`).toBe(true);
  }
}

/** A Patient's coded and dated elements (R4 §patient). */
function patientRules(p: Obj): void {
  expect(p.resourceType).toBe('Patient');
  if (p.gender !== undefined) expect(GENDER).toContain(p.gender);
  if (p.birthDate !== undefined) expect(p.birthDate).toMatch(DATE);
  for (const i of (p.identifier ?? []) as Obj[]) expect(typeof i.value).toBe('string');
}

/** A ServiceRequest as R4 defines it: required status, intent and subject, coded values. */
export function expectR4ServiceRequest(sr: Obj): void {
  noEmpties(sr);
  containedRules(sr);
  expect(sr.resourceType).toBe('ServiceRequest');
  expect(sr.id).toMatch(ID);
  expect(REQUEST_STATUS).toContain(sr.status);
  expect(REQUEST_INTENT).toContain(sr.intent);
  if (sr.priority !== undefined) expect(REQUEST_PRIORITY).toContain(sr.priority);
  expect(
    (sr.subject as Obj | undefined)?.reference ?? (sr.subject as Obj)?.identifier,
  ).toBeTruthy();
  if (sr.occurrenceDateTime !== undefined) expect(sr.occurrenceDateTime).toMatch(DATE_TIME);
  if (sr.authoredOn !== undefined) expect(sr.authoredOn).toMatch(DATE_TIME);
  for (const i of (sr.identifier ?? []) as Obj[]) expect(typeof i.value).toBe('string');
  for (const c of (sr.contained ?? []) as Obj[]) if (c.resourceType === 'Patient') patientRules(c);
}

/** A DiagnosticReport as R4 defines it: required status, code; instants; references' form. */
export function expectR4DiagnosticReport(dr: Obj): void {
  noEmpties(dr);
  containedRules(dr);
  expect(dr.resourceType).toBe('DiagnosticReport');
  expect(dr.id).toMatch(ID);
  expect(REPORT_STATUS).toContain(dr.status);
  expect(dr.code).toBeTruthy();
  if (dr.issued !== undefined) expect(dr.issued).toMatch(INSTANT);
  if (dr.effectiveDateTime !== undefined) expect(dr.effectiveDateTime).toMatch(DATE_TIME);
  for (const b of (dr.basedOn ?? []) as Obj[])
    expect(b.reference).toMatch(
      /^(CarePlan|ImmunizationRecommendation|MedicationRequest|NutritionOrder|ServiceRequest)\/[A-Za-z0-9\-.]{1,64}$/,
    );
  for (const o of (dr.contained ?? []) as Obj[]) expect(OBSERVATION_STATUS).toContain(o.status);
}
