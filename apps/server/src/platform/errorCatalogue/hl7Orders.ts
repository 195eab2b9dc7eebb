import type { CatalogueEntry } from './entry';

/**
 * HL7 v2 orders in over MLLP (modules/hl7): the sender registry's API errors, and the reasons the
 * MLLP door records with a refusal (the sender itself is told in its acknowledgement, MSA-3).
 */
export const HL7_ORDER_ERRORS = {
  HL7_SENDER_TAKEN: {
    status: 409,
    message:
      'Another clinic already registered this sending application and facility (MSH-3, MSH-4): a sender names one clinic.',
  },
  HL7_UNKNOWN_SENDER: {
    status: 403,
    message:
      'No clinic registered this sending application and facility (MSH-3, MSH-4). Ask the reading centre to add them to the clinic.',
  },
  HL7_ADDRESS_NOT_ALLOWED: {
    status: 403,
    message:
      "This sender may not connect from this address: it is outside the clinic's allowed networks.",
  },
  HL7_UNSUPPORTED_MESSAGE: {
    status: 400,
    message: 'Only orders are taken here: ORM^O01 and OMI^O23.',
  },
  HL7_CONTENT_ERROR: {
    status: 400,
    message: 'The order message is missing a required segment or field, or one is malformed.',
  },
  HL7_UNREADABLE: {
    status: 400,
    message: 'The data is not an HL7 v2 message (it must start with an MSH segment).',
  },
  HL7_MESSAGE_TOO_LARGE: {
    status: 413,
    message: 'The message is larger than the MLLP door takes; the connection was closed.',
  },
  HL7_CONNECTION_LIMIT: {
    status: 503,
    message: 'Too many connections from this address are open at the MLLP door.',
  },
} as const satisfies Record<string, CatalogueEntry>;
