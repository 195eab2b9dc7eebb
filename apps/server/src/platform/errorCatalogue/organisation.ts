import type { CatalogueEntry } from './entry';

/** Centres, clinics, users and clinic gateways. */
export const ORGANISATION_ERRORS = {
  DUPLICATE_CLINIC_CODE: { status: 409, message: 'Another clinic already uses this code.' },
  DUPLICATE_AE_TITLE: {
    status: 409,
    message: 'Another clinic already uses this calling AE title.',
  },
  DUPLICATE_USERNAME: { status: 409, message: 'Another account already uses this username.' },
  DUPLICATE_ACCESSION_NUMBER: {
    status: 409,
    message:
      'This clinic already has an order with this accession number. Leave it empty to have one made, or use another.',
  },
  ORDER_ALREADY_CANCELLED: { status: 409, message: 'This order is already cancelled.' },
  ORDER_ALREADY_RECEIVED: {
    status: 409,
    message:
      'This order was already received from this system (the same order number): it is kept once.',
  },
  FHIR_RESOURCE_INVALID: {
    status: 400,
    message:
      'The FHIR resource is not valid: the outcome names each element at fault (its expression).',
  },
  FHIR_ORDER_REFUSED: {
    status: 422,
    message:
      'The request is valid FHIR but creates no order here: only an active order for one day, for a clinic you may order for.',
  },
  FHIR_CONDITION_AMBIGUOUS: {
    status: 412,
    message:
      'The If-None-Exist condition matches more than one order: name the order by its full identifier (system|value).',
  },
  ORDER_STUDY_UID_TAKEN: {
    status: 409,
    message:
      'Another order already carries this Study Instance UID: the order cannot keep the one it was given.',
  },
  ORDER_NOT_SCHEDULED: {
    status: 409,
    message:
      'This order is no longer waiting for an image: it is already matched to a study, or cancelled.',
  },
  ORDER_CLINIC_MISMATCH: {
    status: 409,
    message:
      'This order is for another clinic than the study: choose one of its own clinic’s orders.',
  },
  STUDY_ALREADY_MATCHED: {
    status: 409,
    message: 'This study already answers an order: it cannot be matched to a second one.',
  },
  ORDER_CSV_INVALID: {
    status: 400,
    message:
      'The file is not an order list: its first row must name the template columns (download the template).',
  },
  UNKNOWN_REFERENCE: { status: 400, message: 'A referenced record does not exist.' },
  CENTRE_IN_USE: {
    status: 409,
    message: 'Clinics still use this centre as their home centre. Move them first.',
  },
  LAST_ADMIN: { status: 409, message: 'This is the last active administrator: keep at least one.' },
  CLINIC_SUSPENDED: {
    status: 403,
    message:
      'This clinic is suspended: the centre accepts no studies from it. Contact the reading centre.',
    dimseStatus: 0x0124,
  },
  ONBOARDING_STEPS_MISSING: {
    status: 409,
    message:
      'The clinic cannot move on yet: finish or mark not applicable the steps listed in the details first.',
  },
  CLINIC_STATUS_VIA_ONBOARDING: {
    status: 409,
    message:
      'The clinic form only suspends a clinic or lifts its suspension. Move it to pilot or live on its onboarding checklist (Support → Onboarding; its page is in the details).',
  },
  ONBOARDING_MOVE_INVALID: {
    status: 409,
    message: 'The clinic cannot make this move from its current status.',
  },
  ONBOARDING_REASON_REQUIRED: {
    status: 400,
    message: 'Say why the clinic goes back a step: the reason is kept with the change.',
  },
  GATEWAY_CODE_INVALID: {
    status: 400,
    message:
      'This enrolment code is not known, or a newer code replaced it. Check it was copied whole, or ask the reading centre for a new one.',
  },
  GATEWAY_CODE_USED: {
    status: 409,
    message:
      'This enrolment code was already used; a code works once. Ask the reading centre to rotate the gateway for a new code.',
  },
  GATEWAY_CODE_EXPIRED: {
    status: 410,
    message:
      'This enrolment code has expired (codes last 24 hours). Ask the reading centre to rotate the gateway for a new code.',
  },
  DUPLICATE_HL7_DESTINATION: {
    status: 409,
    message:
      'This clinic already has an HL7 destination with this host, port, receiving application and facility.',
  },
  GATEWAY_REVOKED: {
    status: 409,
    message: 'This gateway was revoked and cannot be used again. Add a new gateway instead.',
  },
} as const satisfies Record<string, CatalogueEntry>;
