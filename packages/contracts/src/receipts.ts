import { z } from 'zod';

/**
 * Whether the clinic has seen a released report (issue 17): a report nobody at the clinic opened
 * is not yet communicated. Staff (the assistant above all) read these; clinic users never get
 * them. Only clinic-side access counts: a staff member opening the report changes nothing here.
 */

/** The kinds of receipt: the report opened in the portal, or its PDF or FHIR resource taken. */
export const RECEIPT_KINDS = ['viewed', 'downloaded'] as const;
export const ReceiptKind = z.enum(RECEIPT_KINDS);
export type ReceiptKind = z.infer<typeof ReceiptKind>;

/** How a receipt came: the portal's report page, the PDF, or the clinic's system over FHIR. */
export const RECEIPT_VIAS = ['portal', 'pdf', 'fhir'] as const;
export const ReceiptVia = z.enum(RECEIPT_VIAS);
export type ReceiptVia = z.infer<typeof ReceiptVia>;

/** The first and the latest receipt of one kind, by whom, and how many there were. */
export const ReceiptEvent = z.object({
  firstAt: z.string(),
  firstBy: z.string(),
  firstVia: ReceiptVia,
  lastAt: z.string(),
  lastBy: z.string(),
  lastVia: ReceiptVia,
  times: z.number().int(),
});
export type ReceiptEvent = z.infer<typeof ReceiptEvent>;

/** A released report version as the clinic received it; null kinds have not happened yet. */
export const ClinicReceipt = z.object({
  version: z.number().int(),
  viewed: ReceiptEvent.nullable(),
  downloaded: ReceiptEvent.nullable(),
});
export type ClinicReceipt = z.infer<typeof ClinicReceipt>;

/** True when the clinic has opened the version in any way (viewed, downloaded or fetched). */
export const clinicOpened = (r: ClinicReceipt | null | undefined): boolean =>
  Boolean(r && (r.viewed || r.downloaded));
