import type { AuditOutcome } from '@telerad/contracts';
import type { ServiceContext } from './context';

/** What happened, to what, and how it ended. The context supplies who, when and from where. */
export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  resourceType?: string | null;
  resourceId?: string | null;
  clinicId?: string | null;
  details?: Record<string, unknown>;
  /** Overrides the actor name when there is no actor yet (e.g. a failed sign-in). */
  actorName?: string | null;
}

/**
 * Appends one event to the audit trail (the table refuses updates and deletes). Call it inside
 * the caller's transaction when the action writes, so the event and the change commit together.
 */
export async function writeAudit(ctx: ServiceContext, e: AuditEntry): Promise<void> {
  await ctx.db
    .insertInto('audit_events')
    .values({
      actor_id: ctx.actor?.userId ?? null,
      actor_name: e.actorName ?? ctx.actor?.username ?? null,
      action: e.action,
      resource_type: e.resourceType ?? null,
      resource_id: e.resourceId ?? null,
      clinic_id: e.clinicId ?? null,
      outcome: e.outcome,
      ip: ctx.ip,
      request_id: ctx.requestId,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}
