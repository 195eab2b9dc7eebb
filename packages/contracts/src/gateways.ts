import { z } from 'zod';
import { OrderCreate } from './orders';

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

/** Where a gateway stands, from the centre's side. */
export const GatewayStatus = z.enum(['awaiting_enrolment', 'online', 'silent', 'revoked']);
export type GatewayStatus = z.infer<typeof GatewayStatus>;

/**
 * A gateway without a heartbeat for this long is shown as silent: three missed beats of a
 * gateway that beats every minute.
 */
export const GATEWAY_SILENT_AFTER_MS = 3 * 60_000;

/** One gateway as support sees it in a clinic's list. */
export const GatewaySummary = z.object({
  id: z.uuid(),
  clinicId: z.uuid(),
  name: z.string(),
  hostName: z.string().nullable(),
  version: z.string().nullable(),
  status: GatewayStatus,
  createdAt: z.iso.datetime(),
  enrolledAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastHeartbeatAt: z.iso.datetime().nullable(),
  /** When the enrolment code waiting to be used stops working; null when none waits. */
  codeExpiresAt: z.iso.datetime().nullable(),
  queueDepth: z.number().int().nullable(),
  queueBytes: z.number().int().nullable(),
});
export type GatewaySummary = z.infer<typeof GatewaySummary>;

/** `GET /api/gateways?clinicId=`. */
export const GatewayListQuery = z.object({ clinicId: z.uuid().optional() });
export type GatewayListQuery = z.infer<typeof GatewayListQuery>;

/** The gateways of the caller's clinics (or of one), newest first. */
export const GatewayList = z.object({ gateways: z.array(GatewaySummary) });
export type GatewayList = z.infer<typeof GatewayList>;

/** `POST /api/clinics/:id/gateways`: support's label for the new gateway. */
export const GatewayCreateRequest = z.object({ name: z.string().trim().min(1).max(120) });
export type GatewayCreateRequest = z.infer<typeof GatewayCreateRequest>;

/**
 * A new or rotated gateway's one-time enrolment code: shown once, stored only as a hash, and
 * used by `telerad-gateway enrol --code <code>` (with `--force` to replace an enrolment).
 */
export const GatewayEnrolmentCode = z.object({
  gateway: GatewaySummary,
  code: z.string(),
  expiresAt: z.iso.datetime(),
});
export type GatewayEnrolmentCode = z.infer<typeof GatewayEnrolmentCode>;

/** `GET /api/gateways/:id/heartbeats?from&to`; both default to the last 24 hours. */
export const GatewayHeartbeatsQuery = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type GatewayHeartbeatsQuery = z.infer<typeof GatewayHeartbeatsQuery>;

/** One stored heartbeat, as received. */
export const GatewayHeartbeatRecord = GatewayHeartbeat.extend({ receivedAt: z.iso.datetime() });
export type GatewayHeartbeatRecord = z.infer<typeof GatewayHeartbeatRecord>;

/** A gateway's heartbeats in a window, oldest first (at most 2,000). */
export const GatewayHeartbeatList = z.object({ heartbeats: z.array(GatewayHeartbeatRecord) });
export type GatewayHeartbeatList = z.infer<typeof GatewayHeartbeatList>;

/** The latest health of one active gateway, for the network monitor. */
export const GatewayHealth = z.object({
  gatewayId: z.uuid(),
  clinicId: z.uuid(),
  name: z.string(),
  version: z.string().nullable(),
  enrolledAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastHeartbeatAt: z.iso.datetime().nullable(),
  queueDepth: z.number().int().nullable(),
  queueBytes: z.number().int().nullable(),
  oldestItemAt: z.iso.datetime().nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  freeDiskBytes: z.number().int().nullable(),
  /** Errors reported in heartbeats received over the last hour. */
  errorCount: z.number().int(),
  linkKbps: z.number().nullable(),
  /** Bytes sent, by the heartbeats received over the last hour. */
  sentBytesLastHour: z.number().int(),
});
export type GatewayHealth = z.infer<typeof GatewayHealth>;

/** One time bucket of a clinic's gateway history. */
export const GatewayHistoryBucket = z.object({
  at: z.iso.datetime(),
  maxQueueDepth: z.number().int(),
  sentBytes: z.number().int(),
  errorCount: z.number().int(),
  meanLinkKbps: z.number().nullable(),
});
export type GatewayHistoryBucket = z.infer<typeof GatewayHistoryBucket>;

/** The centre's answer to a heartbeat. */
export const GatewayHeartbeatAck = z.object({
  gatewayId: z.uuid(),
  receivedAt: z.iso.datetime(),
});
export type GatewayHeartbeatAck = z.infer<typeof GatewayHeartbeatAck>;

/**
 * One scheduled CXR as the centre sends it to a clinic's gateway for its local modality worklist
 * (the fields of `WorklistEntry` in `@telerad/dicom`), with the order's id and when it last
 * changed.
 */
export const GatewayWorklistItem = z.object({
  orderId: z.uuid(),
  accessionNumber: z.string(),
  patientId: z.string(),
  issuer: z.string(),
  patientName: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  modality: z.string(),
  stationAeTitle: z.string().nullable(),
  scheduledDate: z.string(),
  scheduledTime: z.string().nullable(),
  studyInstanceUid: z.string(),
  views: z.array(z.string()),
  priority: z.string(),
  note: z.string(),
});
export type GatewayWorklistItem = z.infer<typeof GatewayWorklistItem>;

/**
 * `GET /api/gateways/worklist` (bearer token of the gateway): its clinic's scheduled orders from
 * yesterday to a week ahead, in its time zone. The gateway replaces its cache with `items`.
 */
export const GatewayWorklist = z.object({
  clinicId: z.uuid(),
  /** When the centre built this answer. */
  at: z.iso.datetime(),
  items: z.array(GatewayWorklistItem),
});
export type GatewayWorklist = z.infer<typeof GatewayWorklist>;

/** A DICOM UID (PS3.5 §9): digits and dots, at most 64 characters. */
const DicomUid = z
  .string()
  .max(64)
  .regex(/^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/, 'must be a DICOM UID (digits and dots)');

/**
 * One order the clinic registered at its gateway while the centre was out of reach: the form's
 * fields, the gateway's own id for it (kept as the order's external id, so a re-send is answered
 * with the order already made) and the Study Instance UID the X-ray unit already got from the
 * gateway's worklist. The gateway fills the accession number it made.
 */
export const GatewayOrder = z
  .object({
    localId: z.string().min(1).max(200),
    studyInstanceUid: DicomUid,
    order: OrderCreate,
  })
  .strict();
export type GatewayOrder = z.input<typeof GatewayOrder>;

/** `POST /api/gateways/orders` (bearer token of the gateway): orders waiting at the gateway. */
export const GatewayOrderPush = z
  .object({ orders: z.array(GatewayOrder).min(1).max(200) })
  .strict();
export type GatewayOrderPush = z.input<typeof GatewayOrderPush>;

/** What became of one pushed order: made now, made by an earlier push, or refused with why. */
export const GATEWAY_ORDER_OUTCOMES = ['created', 'existing', 'refused'] as const;
export const GatewayOrderOutcome = z.enum(GATEWAY_ORDER_OUTCOMES);
export type GatewayOrderOutcome = z.infer<typeof GatewayOrderOutcome>;

export const GatewayOrderResult = z.object({
  localId: z.string(),
  outcome: GatewayOrderOutcome,
  /** The centre's order (null when refused). */
  orderId: z.uuid().nullable(),
  accessionNumber: z.string().nullable(),
  /** The error catalogue's code and message when refused. */
  code: z.string().nullable(),
  message: z.string().nullable(),
});
export type GatewayOrderResult = z.infer<typeof GatewayOrderResult>;

/** The answer to a push, one result per order in the order sent. */
export const GatewayOrderPushResult = z.object({ results: z.array(GatewayOrderResult) });
export type GatewayOrderPushResult = z.infer<typeof GatewayOrderPushResult>;
