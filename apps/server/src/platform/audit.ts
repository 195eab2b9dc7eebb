import type { AuditOutcome } from '@telerad/contracts';
import type { ServiceContext } from './context';
import type { Db } from './db';
import { appError } from './errors';

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
 * The audit event of an HTTP request whose route writes: the route names the action, and the
 * service writes the event on the transaction that makes the change (`auditWrite`), so the change
 * and its event commit together or not at all.
 */
export interface RequestAudit {
  action: string;
  resourceType: string | null;
  /** Request facts every event of the request carries (method, path). */
  details: Record<string, unknown>;
  /** Set once written, so the request's answer hook does not write it a second time. */
  written: boolean;
}

/**
 * PostgreSQL text and jsonb refuse U+0000: one NUL anywhere in an event would lose the whole
 * event. Input hygiene refuses NUL in requests, but DIMSE peers and stored objects are not
 * requests, so the writer replaces it (with U+FFFD) at any depth rather than fail.
 */
function withoutNul<T>(v: T): T {
  // eslint-disable-next-line no-control-regex -- NUL is exactly what must go
  if (typeof v === 'string') return v.replace(/\u0000/g, '\ufffd') as T;
  if (Array.isArray(v)) return v.map(withoutNul) as T;
  if (v && typeof v === 'object' && !(v instanceof Date))
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [withoutNul(k), withoutNul(x)]),
    ) as T;
  return v;
}

/**
 * Appends one event to the audit trail (the table refuses updates and deletes). Call it inside
 * the caller's transaction when the action writes, so the event and the change commit together.
 * It throws when the event cannot be written: callers fail closed (DESIGN.md §2).
 */
export async function writeAudit(ctx: ServiceContext, e: AuditEntry): Promise<void> {
  await writeAuditBatch(ctx, [e]);
}

/**
 * Appends several events of one context in one statement (a DIMSE association's arrivals), all
 * or none. It throws when they cannot be written, like `writeAudit`.
 */
export async function writeAuditBatch(ctx: ServiceContext, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await ctx.db
    .insertInto('audit_events')
    .values(
      entries.map((e) => ({
        actor_id: ctx.actor?.userId ?? null,
        actor_name: withoutNul(e.actorName ?? ctx.actor?.username ?? null),
        action: e.action,
        resource_type: e.resourceType ?? null,
        resource_id: withoutNul(e.resourceId ?? null),
        clinic_id: e.clinicId ?? null,
        outcome: e.outcome,
        ip: ctx.ip,
        request_id: ctx.requestId,
        details: JSON.stringify(withoutNul(e.details ?? {})),
      })),
    )
    .execute();
}

/**
 * Writes the success event of the HTTP request `ctx` serves on `trx`, the transaction that makes
 * its change, and marks it written. A service of a route declaring `auditInTransaction` calls it
 * inside that transaction; elsewhere (jobs, DIMSE: no `ctx.audit`) it does nothing, as those
 * callers audit for themselves.
 */
export async function auditWrite(
  ctx: ServiceContext,
  trx: Db,
  e: Pick<AuditEntry, 'resourceId' | 'clinicId' | 'details'>,
): Promise<void> {
  const plan = ctx.audit;
  if (!plan) return;
  try {
    await writeAudit(
      { ...ctx, db: trx },
      {
        action: plan.action,
        outcome: 'success',
        resourceType: plan.resourceType,
        resourceId: e.resourceId ?? null,
        clinicId: e.clinicId ?? null,
        details: { ...plan.details, ...e.details },
      },
    );
  } catch {
    // Thrown inside the transaction: the change rolls back with its event.
    throw appError('AUDIT_UNAVAILABLE');
  }
  plan.written = true;
}

/**
 * Runs `fn` in a transaction on `ctx.db` and writes the request's success event (`auditWrite`) in
 * that same transaction, described from `fn`'s result: the change and its event commit together
 * or not at all. `describe` answers nothing when nothing changed (the request then fails, and the
 * answer hook writes that failure). Write services of routes declaring `auditInTransaction` open their transaction
 * through it.
 */
export function auditedTransaction<T>(
  ctx: ServiceContext,
  fn: (trx: Db) => Promise<T>,
  describe: (
    result: T,
  ) => Pick<AuditEntry, 'resourceId' | 'clinicId' | 'details'> | null | undefined,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const result = await fn(trx);
    const entry = describe(result);
    if (entry) await auditWrite(ctx, trx, entry);
    return result;
  });
}
