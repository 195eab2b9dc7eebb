import type { CatalogueEntry } from './entry';

/** Requests: malformed or unacceptable input, limits, and the service being unavailable. */
export const REQUEST_ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    message: 'Some fields are not valid. Correct them and try again.',
  },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  INPUT_CONTROL_CHARACTER: {
    status: 400,
    message:
      'The request carries a control character (such as NUL) in its address, query or body. Remove it and try again.',
  },
  INPUT_TOO_LONG: {
    status: 400,
    message: 'An id in the request is longer than any record id. Check the address and try again.',
  },
  INPUT_INVALID_UID: {
    status: 400,
    message:
      'A UID in the request is not valid: UIDs are digits and dots, at most 64 characters (DICOM PS3.5 §9.1).',
  },
  INPUT_PATH_TRAVERSAL: {
    status: 400,
    message: 'The request address contains "..", "//" or a backslash. Use the address as given.',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'This content type is not accepted here.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  REQUEST_TIMEOUT: {
    status: 408,
    message:
      'The request arrived too slowly and the connection was closed. Send it again over a steadier connection.',
  },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  UPGRADE_REQUIRED: {
    status: 426,
    message: 'This address takes a WebSocket connection (Upgrade: websocket), not a plain request.',
  },
  ROUTE_NOT_FOUND: { status: 404, message: 'There is no such API route.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait a minute and try again.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: 'The service is starting or its database is unreachable. Try again shortly.',
    dimseStatus: 0xa700,
  },
  AUDIT_UNAVAILABLE: {
    status: 503,
    message:
      'The audit trail cannot be written right now, so nothing was sent. Try again shortly; support has been alerted.',
    dimseStatus: 0xa700,
  },
  INTERNAL: {
    status: 500,
    message: 'Something went wrong on the server. The request id helps support find it.',
    dimseStatus: 0x0110,
  },
  PROXY_HEADER_MISSING: {
    status: 400,
    message:
      "A connection from a trusted load balancer did not start with a PROXY protocol v2 header, so the client is unknown and it was closed. Set send-proxy-v2 on the load balancer's server lines (npm run haproxy:config -- --proxy-protocol), or remove its address from TELERAD_TRUSTED_PROXIES.",
  },
  NOT_ACCEPTABLE: {
    status: 406,
    message:
      'None of the media types or transfer syntaxes in the Accept header can be served for this resource.',
  },
} as const satisfies Record<string, CatalogueEntry>;
