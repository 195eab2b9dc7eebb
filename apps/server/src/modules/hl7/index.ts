/**
 * HL7 v2 orders in (docs/adr/0039): the MLLP door that takes ORM^O01 and OMI^O23 from each
 * clinic's registered senders (`clinic_hl7_senders`, migration 0048) and acknowledges them
 * (AA, AE, AR). Orders are kept through `modules/orders`. The field helpers and the
 * acknowledgement builder are for any other HL7 v2 code of the server.
 */
export { hl7Routes } from './routes';
export {
  startHl7Listener,
  DEFAULT_HL7_LIMITS,
  type Hl7Listener,
  type Hl7DoorLimits,
} from './listener';
export { receiveMessage, type Hl7Answer, type Hl7Outcome } from './receive';
export { buildAck } from './ack';
export {
  escapeHl7,
  unescapeHl7,
  hl7Timestamp,
  parseHl7DateTime,
  text as hl7Text,
  STANDARD_DELIMITERS,
  type Hl7Delimiters,
} from './fields';
export { HL7_ERROR_CODES, type Hl7Problem, type Hl7AckCode } from './problems';
export { findSender, listSenders, replaceSenders } from './senders';
