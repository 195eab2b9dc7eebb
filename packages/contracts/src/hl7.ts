import { z } from 'zod';
import { NetworkRange } from './org';

/**
 * HL7 v2 orders in (ORM^O01, OMI^O23 over MLLP): the systems that may send a clinic's orders,
 * named as they name themselves in the message header.
 */

/**
 * An HL7 v2 namespace id as MSH-3 and MSH-4 carry it: printable ASCII without the default
 * delimiters (`|^~\&`), so it compares as the sender writes it.
 */
const Hl7Name = z
  .string()
  .trim()
  .max(227)
  .regex(/^[\x20-\x25\x27-\x5b\x5d\x5f-\x7b\x7d]*$/, 'must be printable ASCII without | ^ ~ \\ &');

/** One sender: MSH-3 and MSH-4 as it sends them, and the addresses it may connect from. */
export const Hl7Sender = z.object({
  /** MSH-3 (its first component, the namespace id), e.g. `FRONTDESK`. */
  sendingApplication: Hl7Name.min(1, 'must name the sending application (MSH-3)'),
  /** MSH-4 (its first component); empty when the sender leaves MSH-4 empty. */
  sendingFacility: Hl7Name.default(''),
  /** Address ranges it may connect from; empty: any address. */
  allowedNetworks: z.array(NetworkRange).max(20).default([]),
});
export type Hl7Sender = z.infer<typeof Hl7Sender>;

/** `GET /api/clinics/:id/hl7-senders`: the clinic's senders, in the order they were listed. */
export const Hl7SenderList = z.object({ senders: z.array(Hl7Sender) });
export type Hl7SenderList = z.infer<typeof Hl7SenderList>;

/** `PUT /api/clinics/:id/hl7-senders`: the clinic's whole list of senders, replacing the last. */
export const Hl7SendersUpdate = z.object({ senders: z.array(Hl7Sender).max(50) });
export type Hl7SendersUpdate = z.input<typeof Hl7SendersUpdate>;
