import { z } from 'zod';
import { Id } from './common';
import { ClinicReceipt } from './receipts';

/** Channels a released report is delivered on: the portal, DICOM, a webhook, HL7 v2 ORU^R01. */
export const DELIVERY_CHANNELS = ['pdf', 'dicom', 'webhook', 'hl7'] as const;
export const DeliveryChannel = z.enum(DELIVERY_CHANNELS);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

export const DELIVERY_CHANNEL_LABELS: Record<DeliveryChannel, string> = {
  pdf: 'Portal',
  dicom: 'DICOM SR + PDF',
  webhook: 'Webhook',
  hl7: 'HL7 result',
};

/**
 * A delivery's channel and target in plain words: "HL7 to RIS" for an HL7 destination (its
 * receiving application, as `targetLabel` gives it), the channel's label otherwise.
 */
export function deliveryChannelName(d: { channel: DeliveryChannel; targetLabel: string | null }) {
  if (d.channel === 'hl7')
    return d.targetLabel ? `HL7 to ${d.targetLabel}` : 'HL7 (destination removed)';
  return DELIVERY_CHANNEL_LABELS[d.channel];
}

/** `pending` (waiting for its next attempt), `delivered`, or `failed` (attempts spent). */
export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export const DeliveryState = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** One attempt of a delivery and how it ended. */
export const DeliveryAttempt = z.object({
  at: z.string(),
  outcome: z.enum(['delivered', 'failed']),
  error: z.string().nullable(),
  durationMs: z.number(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

/** A report version's delivery on one channel to one target, with its recent attempts. */
export const Delivery = z.object({
  id: Id,
  reportId: Id,
  version: z.number(),
  clinicId: Id,
  clinicCode: z.string(),
  studyUid: z.string().nullable(),
  /** The patient of the report's study (DICOM PN), so a delivery can be chased by name. */
  patientName: z.string().nullable(),
  patientId: z.string().nullable(),
  channel: DeliveryChannel,
  target: z.string(),
  /**
   * The target as a person reads it, where the target is an id: an HL7 destination's receiving
   * application (and facility). Null on other channels, and for a destination since removed.
   */
  targetLabel: z.string().nullable(),
  state: DeliveryState,
  attempts: z.number(),
  maxAttempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  recentAttempts: z.array(DeliveryAttempt),
  /**
   * The portal channel only: whether the clinic has viewed or downloaded this version (a report
   * on the portal nobody opened is not yet communicated). Null on other channels.
   */
  clinicReceipt: ClinicReceipt.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

/** Query of the support deliveries list: failed first, then waiting, then delivered. */
export const DeliveryQuery = z.object({
  state: DeliveryState.optional(),
  reportId: Id.optional(),
  /** Only this clinic's deliveries (its detail page). */
  clinicId: Id.optional(),
  /**
   * `no`: portal deliveries of released versions the clinic has not opened yet, oldest first (the
   * ones to chase); `yes`: those it has.
   */
  opened: z.enum(['yes', 'no']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type DeliveryQuery = z.infer<typeof DeliveryQuery>;

export const DeliveryPage = z.object({
  items: z.array(Delivery),
  total: z.number(),
  counts: z.object({
    pending: z.number(),
    delivered: z.number(),
    failed: z.number(),
    /** Portal deliveries: delivered, opened by the clinic, and delivered but not yet opened. */
    portal: z.object({ delivered: z.number(), opened: z.number(), notOpened: z.number() }),
  }),
});
export type DeliveryPage = z.infer<typeof DeliveryPage>;

/** A clinic's webhook settings; the secret itself is only ever returned once. */
export const ClinicWebhook = z.object({
  url: z.string().nullable(),
  secretSet: z.boolean(),
  secretSetAt: z.string().nullable(),
  /** Present only in the answer that created or rotated the secret. */
  secret: z.string().optional(),
});
export type ClinicWebhook = z.infer<typeof ClinicWebhook>;

/** Body to set (or clear, with null) a clinic's webhook URL. */
export const ClinicWebhookUpdate = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .max(2000)
      .nullable(),
  })
  .strict();
export type ClinicWebhookUpdate = z.infer<typeof ClinicWebhookUpdate>;
