import {
  AUDIT_REFRESH_ACTIONS,
  type AuditClinic,
  type AuditEvent,
  type AuditQuery,
} from '@telerad/contracts';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { clinicScope, inClinicScope } from '../auth';

/** A resource id that can be compared with a uuid column without a cast error. */
const asUuid = (col: string) =>
  sql<
    string | null
  >`case when ${sql.ref(col)} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${sql.ref(col)}::uuid end`;

/**
 * Searches the audit trail, newest first, with keyset paging on the event id (stable while new
 * events keep arriving). Each event's clinic and patient are resolved here, at read time, from
 * the record it names (a study by UID, a task or report by id; a user, clinic or centre by id
 * for its name): the trail itself stays as
 * written, and an auditor reads names, not UUIDs. A caller limited to some clinics sees only
 * their events.
 */
export async function searchAudit(
  ctx: ServiceContext,
  q: AuditQuery,
): Promise<{ events: AuditEvent[]; nextBefore: number | null }> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const scope = clinicScope(ctx.actor);
  let sel = ctx.db
    .selectFrom('audit_events as e')
    .leftJoin('reading_tasks as t', (j) =>
      j.on('e.resource_type', '=', 'task').on(sql<boolean>`t.id = ${asUuid('e.resource_id')}`),
    )
    .leftJoin('reports as r', (j) =>
      j.on('e.resource_type', '=', 'report').on(sql<boolean>`r.id = ${asUuid('e.resource_id')}`),
    )
    // Two joins, each an index lookup per event, rather than one join on an OR.
    .leftJoin('studies as su', (j) =>
      j.on('e.resource_type', '=', 'study').onRef('su.study_uid', '=', 'e.resource_id'),
    )
    .leftJoin('studies as si', (j) => j.on(sql<boolean>`si.id = coalesce(t.study_id, r.study_id)`))
    .leftJoin('users as ru', (j) =>
      j.on('e.resource_type', '=', 'user').on(sql<boolean>`ru.id = ${asUuid('e.resource_id')}`),
    )
    .leftJoin('clinics as rc', (j) =>
      j.on('e.resource_type', '=', 'clinic').on(sql<boolean>`rc.id = ${asUuid('e.resource_id')}`),
    )
    .leftJoin('centres as rce', (j) =>
      j.on('e.resource_type', '=', 'centre').on(sql<boolean>`rce.id = ${asUuid('e.resource_id')}`),
    )
    .leftJoin('clinics as c', (j) =>
      j.on(sql<boolean>`c.id = coalesce(e.clinic_id, su.clinic_id, si.clinic_id)`),
    )
    .selectAll('e')
    .select([
      'c.code as clinic_code',
      'c.name as clinic_name',
      sql<
        string | null
      >`coalesce(ru.display_name || ' (' || ru.username || ')', rc.name, rce.name)`.as(
        'resource_name',
      ),
      sql<string | null>`coalesce(su.patient_name, si.patient_name)`.as('patient_name'),
      sql<string | null>`coalesce(su.patient_id, si.patient_id)`.as('patient_id'),
      sql<string | null>`coalesce(su.study_uid, si.study_uid)`.as('study_uid'),
    ])
    .orderBy('e.id', 'desc')
    .limit(q.limit + 1);
  if (scope !== 'all')
    sel = sel.where(
      inClinicScope(scope, sql<string | null>`coalesce(e.clinic_id, su.clinic_id, si.clinic_id)`),
    );
  if (q.actor) sel = sel.where('e.actor_name', '=', q.actor.toLowerCase());
  if (q.action)
    sel = q.action.endsWith('*')
      ? sel.where('e.action', 'like', `${q.action.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%`)
      : sel.where('e.action', '=', q.action);
  if (q.refreshes === 'hide') sel = sel.where('e.action', 'not in', [...AUDIT_REFRESH_ACTIONS]);
  if (q.resourceId) sel = sel.where('e.resource_id', '=', q.resourceId);
  if (q.clinicId) sel = sel.where('e.clinic_id', '=', q.clinicId);
  if (q.outcome) sel = sel.where('e.outcome', '=', q.outcome);
  if (q.from) sel = sel.where('e.at', '>=', new Date(q.from));
  if (q.to) sel = sel.where('e.at', '<', new Date(q.to));
  if (q.before) sel = sel.where('e.id', '<', String(q.before));
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
      resourceName: r.resource_name,
      clinic: r.clinic_code && r.clinic_name ? { code: r.clinic_code, name: r.clinic_name } : null,
      patient:
        r.study_uid && r.patient_id != null
          ? { name: r.patient_name, id: r.patient_id, studyUid: r.study_uid }
          : null,
    })),
    nextBefore: rows.length > q.limit ? Number(page[page.length - 1]!.id) : null,
  };
}

/**
 * Every clinic, by name, for the audit search's clinic filter: an auditor picks a clinic without
 * holding `clinics:read` (and without a refused call to it landing in the trail).
 */
export async function auditClinics(ctx: ServiceContext): Promise<AuditClinic[]> {
  return ctx.db.selectFrom('clinics').select(['id', 'code', 'name']).orderBy('name').execute();
}
