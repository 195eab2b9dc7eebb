import type { ErrorCode } from '../../platform/errors';

/**
 * Why a message was not taken, as its acknowledgement tells it (HL7 v2.5 §2.14.1 MSA, §2.15.5
 * ERR): the acknowledgement code, the field at fault, the HL7 table 0357 error code and words a
 * person at the sending system can act on.
 */

/** MSA-1: AE for an error in the message's content, AR for a message refused as a whole. */
export type Hl7AckCode = 'AA' | 'AE' | 'AR';

/** HL7 table 0357 (message error condition codes) as used here. */
export const HL7_ERROR_CODES = {
  segmentSequence: { code: '100', text: 'Segment sequence error' },
  requiredFieldMissing: { code: '101', text: 'Required field missing' },
  dataTypeError: { code: '102', text: 'Data type error' },
  tableValueNotFound: { code: '103', text: 'Table value not found' },
  unsupportedMessageType: { code: '200', text: 'Unsupported message type' },
  unsupportedEventCode: { code: '201', text: 'Unsupported event code' },
  unknownKey: { code: '204', text: 'Unknown key identifier' },
  duplicateKey: { code: '205', text: 'Duplicate key identifier' },
  applicationError: { code: '207', text: 'Application internal error' },
} as const;
export type Hl7ErrorCode = (typeof HL7_ERROR_CODES)[keyof typeof HL7_ERROR_CODES];

/** A field position as ERR-2 (ERL) names it: segment, its sequence, field, component. */
export interface Hl7Location {
  segment: string;
  /** The segment's occurrence in the message, from 1. */
  sequence: number;
  field?: number;
  component?: number;
}

/** One reason a message was not taken. */
export interface Hl7Problem {
  ack: 'AE' | 'AR';
  code: Hl7ErrorCode;
  location: Hl7Location | null;
  /** Goes in MSA-3 and ERR-8: what was wrong and what to change. */
  message: string;
  /** The catalogue code recorded with a refusal (modules/monitor). */
  refusal: ErrorCode;
}

/** A thrown problem: interpreting and storing stop at the first, and nothing is kept. */
export class Hl7ProblemError extends Error {
  constructor(public readonly problem: Hl7Problem) {
    super(problem.message);
    this.name = 'Hl7ProblemError';
  }
}

/** An AE (content error) at `location`. */
export function contentError(
  code: Hl7ErrorCode,
  location: Hl7Location | null,
  message: string,
  refusal: ErrorCode = 'HL7_CONTENT_ERROR',
): Hl7ProblemError {
  return new Hl7ProblemError({ ack: 'AE', code, location, message, refusal });
}

/** An AR (the message refused as a whole). */
export function refusal(
  code: Hl7ErrorCode,
  location: Hl7Location | null,
  message: string,
  catalogueCode: ErrorCode,
): Hl7ProblemError {
  return new Hl7ProblemError({ ack: 'AR', code, location, message, refusal: catalogueCode });
}

/** `PID-3`, `OBR-4.1`: a location as people write it. */
export function locationText(l: Hl7Location): string {
  return `${l.segment}${l.field ? `-${l.field}` : ''}${l.component ? `.${l.component}` : ''}`;
}
