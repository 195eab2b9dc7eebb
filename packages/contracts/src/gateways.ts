import { z } from 'zod';

/**
 * The wire between a clinic's edge gateway (`apps/gateway`) and its reading centre. The gateway
 * enrols once with a one-time code from the centre, receives an API token bound to its clinic,
 * then uploads by STOW-RS (`/dicomweb/studies`) and by the resumable upload (`/api/uploads`, tus)
 * with that token, and reports its health by heartbeat.
 */

/** `POST /api/gateways/enrol`: the one-time code a support user created for the clinic. */
export const GatewayEnrolRequest = z.object({
  code: z.string().min(8).max(64),
  /** The gateway's own name for itself (host name), shown to support. */
  hostName: z.string().min(1).max(120),
  version: z.string().min(1).max(40),
});
export type GatewayEnrolRequest = z.infer<typeof GatewayEnrolRequest>;

/** The answer to an enrolment: the token is shown once and stored by the gateway only. */
export const GatewayEnrolment = z.object({
  gatewayId: z.uuid(),
  clinicId: z.uuid(),
  clinicCode: z.string(),
  /** `trd_<id>_<secret>`; sent as `Authorization: Bearer` on every later call. */
  token: z.string(),
});
export type GatewayEnrolment = z.infer<typeof GatewayEnrolment>;

/** One gateway error seen since the last heartbeat, newest last. */
export const GatewayErrorReport = z.object({
  at: z.iso.datetime(),
  code: z.string().max(60),
  message: z.string().max(500),
});
export type GatewayErrorReport = z.infer<typeof GatewayErrorReport>;

/** `POST /api/gateways/heartbeat` (bearer token of the gateway), every minute or so. */
export const GatewayHeartbeat = z.object({
  version: z.string().min(1).max(40),
  /** Instances waiting in the on-disk queue, and their bytes. */
  queueDepth: z.number().int().nonnegative(),
  queueBytes: z.number().int().nonnegative(),
  /** When the oldest waiting instance was acknowledged locally; null when the queue is empty. */
  oldestItemAt: z.iso.datetime().nullable(),
  /** The last instance the centre accepted. */
  lastSuccessAt: z.iso.datetime().nullable(),
  freeDiskBytes: z.number().int().nonnegative(),
  /** Errors since the previous heartbeat (at most 20, newest last) and their total count. */
  errors: z.array(GatewayErrorReport).max(20),
  errorCount: z.number().int().nonnegative(),
  /** Instances and bytes (on the wire) sent since the previous heartbeat. */
  sentInstances: z.number().int().nonnegative(),
  sentBytes: z.number().int().nonnegative(),
  /** Measured upload rate over the last transfers, in kbit/s; null before any transfer. */
  linkKbps: z.number().nonnegative().nullable(),
  /** Bytes saved by compression since start, for the saving report. */
  compressionSavedBytes: z.number().int().nonnegative(),
});
export type GatewayHeartbeat = z.infer<typeof GatewayHeartbeat>;
