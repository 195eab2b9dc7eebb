import { z } from 'zod';
import { Id } from './common';

/**
 * HL7 v2 names (MSH-5 receiving application, MSH-6 receiving facility): printable text without
 * the message's delimiters, which a receiver would read as structure.
 */
const Hl7Name = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^|^~\\&\r\n\t]*$/, 'must not contain | ^ ~ \\ & or line breaks');

/** A clinic's HL7 result destination: an MLLP listener that takes ORU^R01 results. */
export const Hl7Destination = z.object({
  id: Id,
  clinicId: Id,
  host: z.string(),
  port: z.number(),
  receivingApplication: z.string(),
  receivingFacility: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Hl7Destination = z.infer<typeof Hl7Destination>;

const DestinationFields = {
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or an IP address'),
  port: z.number().int().min(1).max(65535),
  receivingApplication: Hl7Name(180).pipe(z.string().min(1, 'is required')),
  receivingFacility: Hl7Name(180),
  enabled: z.boolean(),
};

/** Body to register an HL7 result destination for a clinic. */
export const Hl7DestinationInput = z
  .object({
    ...DestinationFields,
    receivingFacility: DestinationFields.receivingFacility.default(''),
    enabled: DestinationFields.enabled.default(true),
  })
  .strict();
export type Hl7DestinationInput = z.input<typeof Hl7DestinationInput>;

/** Body to change an HL7 result destination: only the fields given change. */
export const Hl7DestinationUpdate = z.object(DestinationFields).partial().strict();
export type Hl7DestinationUpdate = z.input<typeof Hl7DestinationUpdate>;
