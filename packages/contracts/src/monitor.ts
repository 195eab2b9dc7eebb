import { z } from 'zod';
import { Id } from './common';
import { WeeklyInterval } from './org';

/**
 * The network monitor: what support sees of every clinic's link to the centre (last image
 * received per door, gateway health, refusals, alerts), and the rules that raise alerts.
 */

/** The doors an object or association comes in by. */
export const INBOUND_DOORS = ['dimse', 'stow', 'upload', 'gateway'] as const;
export const InboundDoor = z.enum(INBOUND_DOORS);
export type InboundDoor = z.infer<typeof InboundDoor>;

/**
 * The doors a refusal is recorded at: the image doors, and the HL7 v2 (MLLP) door, where orders,
 * not images, come in.
 */
export const REFUSAL_DOORS = [...INBOUND_DOORS, 'hl7'] as const;
export const RefusalDoor = z.enum(REFUSAL_DOORS);
export type RefusalDoor = z.infer<typeof RefusalDoor>;

/** What was refused: a whole association (A-ASSOCIATE-RJ, a refused request) or one object. */
export const RefusalKind = z.enum(['association', 'object']);
export type RefusalKind = z.infer<typeof RefusalKind>;

/** One refusal row: identical refusals within a minute are one row with a count. */
export const InboundRefusal = z.object({
  id: z.string(),
  door: RefusalDoor,
  kind: RefusalKind,
  clinicId: Id.nullable(),
  clinicCode: z.string().nullable(),
  callingAe: z.string(),
  remoteAddress: z.string(),
  userId: Id.nullable(),
  /** The error catalogue's code, and the message the sender was given. */
  code: z.string(),
  message: z.string(),
  firstAt: z.string(),
  lastAt: z.string(),
  count: z.number().int(),
});
export type InboundRefusal = z.infer<typeof InboundRefusal>;

/** `GET /api/monitor/refusals`: the support feed, newest first. */
export const RefusalQuery = z.object({
  clinicId: Id.optional(),
  door: RefusalDoor.optional(),
  code: z.string().max(60).optional(),
  remoteAddress: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RefusalQuery = z.infer<typeof RefusalQuery>;

export const RefusalPage = z.object({
  items: z.array(InboundRefusal),
  /** Rows matching the filter (each may stand for several refusals: see `count`). */
  total: z.number().int(),
});
export type RefusalPage = z.infer<typeof RefusalPage>;

/** The last study received by one door. */
export const LastReceived = z.object({
  door: InboundDoor,
  receivedAt: z.string(),
  studyUid: z.string(),
  callingAe: z.string().nullable(),
});
export type LastReceived = z.infer<typeof LastReceived>;

/** Alert kinds: a clinic silent in its working hours; its gateway's queue growing. */
export const NetworkAlertKind = z.enum(['silent', 'queue']);
export type NetworkAlertKind = z.infer<typeof NetworkAlertKind>;

export const NetworkAlert = z.object({
  kind: NetworkAlertKind,
  raisedAt: z.string(),
  detail: z.string(),
});
export type NetworkAlert = z.infer<typeof NetworkAlert>;

/** The gateway's health as the monitor shows it (null columns: no gateway, or not reported). */
export const MonitorGateway = z.object({
  lastHeartbeatAt: z.string().nullable(),
  queueDepth: z.number().int().nullable(),
  queueBytes: z.number().int().nullable(),
  oldestItemAt: z.string().nullable(),
  linkKbps: z.number().nullable(),
  errorsLastHour: z.number().int(),
});
export type MonitorGateway = z.infer<typeof MonitorGateway>;

/** One clinic's row of the network monitor. */
export const NetworkClinic = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  country: z.string(),
  status: z.string(),
  timeZone: z.string(),
  /** Whether the clinic is inside its working hours now. */
  working: z.boolean(),
  lastReceivedAt: z.string().nullable(),
  lastByDoor: z.array(LastReceived),
  /** Null when the clinic has no gateway enrolled. */
  gateway: MonitorGateway.nullable(),
  /** Seconds since the oldest item waiting in the gateway's queue; null when none is waiting. */
  transferLagSeconds: z.number().int().nullable(),
  /** Refusals (counted) and gateway errors in the last hour. */
  errorsLastHour: z.number().int(),
  alerts: z.array(NetworkAlert),
});
export type NetworkClinic = z.infer<typeof NetworkClinic>;

export const NetworkOverview = z.object({
  clinics: z.array(NetworkClinic),
  generatedAt: z.string(),
});
export type NetworkOverview = z.infer<typeof NetworkOverview>;

/** `GET /api/monitor/clinics/:id/history`: hourly buckets, oldest first. */
export const HistoryQuery = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryBucket = z.object({
  at: z.string(),
  images: z.number().int(),
  refusals: z.number().int(),
  queueDepth: z.number().int().nullable(),
  sentBytes: z.number().int().nullable(),
  gatewayErrors: z.number().int().nullable(),
});
export type HistoryBucket = z.infer<typeof HistoryBucket>;

export const ClinicHistory = z.object({
  from: z.string(),
  to: z.string(),
  buckets: z.array(HistoryBucket),
  lastByDoor: z.array(LastReceived),
  alerts: z.array(NetworkAlert),
});
export type ClinicHistory = z.infer<typeof ClinicHistory>;

/** A clinic's weekly working hours, in its own time zone (the silent alert watches only these). */
export const WorkingHours = z.object({ weeklyHours: z.array(WeeklyInterval).max(50) }).strict();
export type WorkingHours = z.infer<typeof WorkingHours>;

/** The default working week: Monday to Saturday, 07:00–19:00. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  weeklyHours: [1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '07:00', close: '19:00' })),
};

/** The alert rules (settings `monitor`). */
export const MonitorSettings = z
  .object({
    /** A clinic with no image and no heartbeat for this long, inside its hours, is silent. */
    silentAfterMinutes: z.number().min(0).max(1440),
    /** The queue grows when it holds more than this many instances… */
    queueDepthAbove: z.number().int().min(0).max(1_000_000),
    /** …or its oldest item has waited longer than this. */
    queueOldestMinutes: z.number().min(0).max(10_080),
    /** Refusals are kept this long. */
    retentionDays: z.number().int().min(1).max(3650),
  })
  .strict();
export type MonitorSettings = z.infer<typeof MonitorSettings>;

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = {
  silentAfterMinutes: 30,
  queueDepthAbove: 200,
  queueOldestMinutes: 60,
  retentionDays: 90,
};

/** What a sweep of the alert rules did. */
export const AlertSweepResult = z.object({
  raised: z.array(z.object({ clinicId: Id, kind: NetworkAlertKind })),
  cleared: z.array(z.object({ clinicId: Id, kind: NetworkAlertKind })),
});
export type AlertSweepResult = z.infer<typeof AlertSweepResult>;
