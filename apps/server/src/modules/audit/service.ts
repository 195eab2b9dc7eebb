import type { AuditEvent, AuditQuery } from '@telerad/contracts';
import type { ServiceContext } from '../../platform/context';

/**
 * Searches the audit trail, newest first, with keyset paging on the event id (stable while new
 * events keep arriving).
 */
export async function searchAudit(
  ctx: ServiceContext,
  q: AuditQuery,
): Promise<{ events: AuditEvent[]; nextBefore: number | null }> {
  let sel = ctx.db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.actor) sel = sel.where('actor_name', '=', q.actor.toLowerCase());
  if (q.action)
    sel = q.action.endsWith('*')
      ? sel.where('action', 'like', `${q.action.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%`)
      : sel.where('action', '=', q.action);
  if (q.resourceId) sel = sel.where('resource_id', '=', q.resourceId);
  if (q.clinicId) sel = sel.where('clinic_id', '=', q.clinicId);
  if (q.outcome) sel = sel.where('outcome', '=', q.outcome);
  if (q.from) sel = sel.where('at', '>=', new Date(q.from));
  if (q.to) sel = sel.where('at', '<', new Date(q.to));
  if (q.before) sel = sel.where('id', '<', String(q.before));
  const rows = await sel.execute();
  const page = rows.slice(0, q.limit);
  return {
    events: page.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      clinicId: r.clinic_id,
      outcome: r.outcome as AuditEvent['outcome'],
      ip: r.ip,
      requestId: r.request_id,
      details: r.details,
    })),
    nextBefore: rows.length > q.limit ? Number(page[page.length - 1]!.id) : null,
  };
}
