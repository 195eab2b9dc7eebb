import { z } from 'zod';

/** Outcome of an audited action. */
export const AuditOutcome = z.enum(['success', 'denied', 'failure']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** One append-only audit event: who, what, when, from where, outcome. */
export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  clinicId: z.string().nullable(),
  outcome: AuditOutcome,
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** The name of the user, clinic or centre the event names, resolved when the trail is read. */
  resourceName: z.string().nullable(),
  /** The event's clinic and patient, resolved when the trail is read (null when none applies). */
  clinic: z.object({ code: z.string(), name: z.string() }).nullable(),
  patient: z
    .object({ name: z.string().nullable(), id: z.string(), studyUid: z.string() })
    .nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/**
 * Actions an open page repeats to refresh a list (worklist, notification bell, report and archive
 * lists, the audit search itself). Recorded like any read; an auditor may hide them in one switch.
 */
export const AUDIT_REFRESH_ACTIONS = [
  'worklist.list',
  'notifications.list',
  'report.list',
  'archive.search',
  'audit.search',
] as const;

/** A clinic as the audit search offers it: picked by name, sent as its id. */
export const AuditClinic = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type AuditClinic = z.infer<typeof AuditClinic>;

/** Query string of `GET /api/audit`. */
export const AuditQuery = z
  .object({
    actor: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    resourceId: z.string().max(128).optional(),
    clinicId: z.uuid().optional(),
    outcome: AuditOutcome.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.coerce.number().int().positive().optional(),
    /** `hide` leaves out list refreshes by open pages (AUDIT_REFRESH_ACTIONS); they stay recorded. */
    refreshes: z.enum(['show', 'hide']).default('show'),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Answer of `GET /api/audit`: newest first; pass `nextBefore` as `before` for the next page. */
export const AuditPage = z.object({
  events: z.array(AuditEvent),
  nextBefore: z.number().nullable(),
});
