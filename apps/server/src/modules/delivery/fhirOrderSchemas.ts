import { z } from 'zod';

/**
 * The FHIR R4 elements an order is read from (R4 §servicerequest, §patient), as zod schemas.
 * Loose objects: everything else a sender includes (meta, text, extensions) is accepted and
 * ignored, as FHIR asks of a receiver that does not know it.
 */

const Coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const CodeableConcept = z.looseObject({
  coding: z.array(Coding).optional(),
  text: z.string().optional(),
});
export const Identifier = z.looseObject({
  use: z.string().optional(),
  type: CodeableConcept.optional(),
  system: z.string().optional(),
  value: z.string().min(1, 'an identifier needs a value'),
  assigner: z
    .looseObject({
      display: z.string().optional(),
      identifier: z.looseObject({ value: z.string().optional() }).optional(),
    })
    .optional(),
});
export type Identifier = z.infer<typeof Identifier>;
export const Reference = z.looseObject({
  reference: z.string().optional(),
  identifier: Identifier.optional(),
  display: z.string().optional(),
});
export type Reference = z.infer<typeof Reference>;
const HumanName = z.looseObject({
  use: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
});

/** The Patient elements an order holds (R4 §patient). */
export const FhirPatient = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  identifier: z.array(Identifier).min(1, 'the applicant needs an identifier (their ID)'),
  name: z.array(HumanName).min(1, 'the applicant needs a name'),
  birthDate: z.string({ message: 'the applicant needs a birth date' }),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
});
export type FhirPatient = z.infer<typeof FhirPatient>;

/** R4 ValueSets request-status, request-intent and request-priority. */
const REQUEST_STATUS = [
  'draft',
  'active',
  'on-hold',
  'revoked',
  'completed',
  'entered-in-error',
  'unknown',
] as const;
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
] as const;
export const REQUEST_PRIORITY = ['routine', 'urgent', 'asap', 'stat'] as const;

/** The ServiceRequest elements an order holds (R4 §servicerequest). */
export const FhirServiceRequest = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  contained: z.array(z.looseObject({ resourceType: z.string(), id: z.string() })).optional(),
  identifier: z.array(Identifier).optional(),
  status: z.enum(REQUEST_STATUS),
  intent: z.enum(REQUEST_INTENT),
  priority: z.enum(REQUEST_PRIORITY).optional(),
  code: CodeableConcept.optional(),
  subject: Reference,
  occurrenceDateTime: z.string().optional(),
  occurrencePeriod: z.looseObject({ start: z.string().optional() }).optional(),
  requester: Reference.optional(),
  performer: z.array(Reference).optional(),
  bodySite: z.array(CodeableConcept).optional(),
  note: z.array(z.looseObject({ text: z.string() })).optional(),
});
export type FhirServiceRequest = z.infer<typeof FhirServiceRequest>;
