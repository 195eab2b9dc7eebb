import { z } from 'zod';
import { Id } from './common';
import { AeTitle } from './org';

/**
 * Forwarding stable chest X-rays to a CAD (docs/adr/0040): an integration's target as data,
 * by C-STORE to the CAD's AE or by STOW-RS to its DICOMweb URL, and the tracked sends.
 */

const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or an IP address');

/** How a STOW-RS target authenticates us: nothing, a bearer token, or `user:password` (Basic). */
export const CAD_FORWARD_AUTH = ['none', 'bearer', 'basic'] as const;
export const CadForwardAuth = z.enum(CAD_FORWARD_AUTH);
export type CadForwardAuth = z.infer<typeof CadForwardAuth>;

/** Body of `PUT /api/cad/integrations/:id/forward`: where the CAD takes images. */
export const CadForwardTargetSet = z.discriminatedUnion('protocol', [
  z
    .object({
      protocol: z.literal('dimse'),
      aeTitle: AeTitle,
      host: Host,
      port: z.number().int().min(1).max(65535),
      enabled: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      protocol: z.literal('stow'),
      /** The DICOMweb service root; studies are POSTed to `<url>/studies` (PS3.18 §10.5). */
      url: z
        .string()
        .trim()
        .max(2000)
        .url()
        .refine((u) => /^https?:\/\//i.test(u), 'must be an http or https URL'),
      auth: CadForwardAuth.default('none'),
      /** The bearer token, or `user:password` for Basic; required unless `auth` is `none`. */
      credential: z.string().min(1).max(2000).optional(),
      enabled: z.boolean().default(true),
    })
    .strict()
    .refine((b) => (b.auth === 'none') === (b.credential === undefined), {
      path: ['credential'],
      message: 'is required with bearer or basic authentication, and not allowed without',
    })
    .refine((b) => b.auth !== 'basic' || (b.credential ?? '').includes(':'), {
      path: ['credential'],
      message: 'must be user:password for basic authentication',
    }),
]);
export type CadForwardTargetSet = z.input<typeof CadForwardTargetSet>;

/** A forward target as the API shows it: never the credential, only whether one is set. */
export const CadForwardTarget = z.object({
  protocol: z.enum(['dimse', 'stow']),
  aeTitle: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().nullable(),
  url: z.string().nullable(),
  auth: CadForwardAuth,
  credentialSet: z.boolean(),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type CadForwardTarget = z.infer<typeof CadForwardTarget>;

/** Counts of an integration's forwarded images by state. */
export const CadForwardCounts = z.object({
  pending: z.number(),
  sent: z.number(),
  failed: z.number(),
});

/** One CAD integration as administrators see it (`GET /api/cad/integrations`). */
export const CadIntegrationSummary = z.object({
  id: Id,
  name: z.string(),
  clinicIds: z.array(Id),
  /** The clinics' codes, in code order, as people name them. */
  clinicCodes: z.array(z.string()),
  createdAt: z.string(),
  forward: CadForwardTarget.nullable(),
  forwards: CadForwardCounts,
  /** The calling AE titles it sends its SRs and heatmaps back from (docs/adr/0041), sorted. */
  aeTitles: z.array(z.string()),
});
export type CadIntegrationSummary = z.infer<typeof CadIntegrationSummary>;
export const CadIntegrationList = z.object({ integrations: z.array(CadIntegrationSummary) });

/** One image's forward to a CAD: its state, attempts and last error. */
export const CadForward = z.object({
  id: Id,
  studyUid: z.string(),
  clinicCode: z.string(),
  sopInstanceUid: z.string(),
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  maxAttempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type CadForward = z.infer<typeof CadForward>;
export const CadForwardList = z.object({ forwards: z.array(CadForward) });

/** Answer of the connection test: C-ECHO (PS3.7 §9.1.5) for DIMSE, a QIDO-RS probe for STOW. */
export const CadForwardTestResult = z.object({
  ok: z.boolean(),
  detail: z.string(),
  durationMs: z.number(),
});
export type CadForwardTestResult = z.infer<typeof CadForwardTestResult>;
