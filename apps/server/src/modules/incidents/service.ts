import {
  INCIDENT_SEVERITY_LABELS,
  type IncidentActionBody,
  type IncidentCommentBody,
  type IncidentSeverity,
  type IncidentUpdateBody,
  type NewIncidentBody,
} from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { changeIncident, type IncidentStep } from './change';
import { addTimelineEntry, assertStaff } from './timeline';

function actorOf(ctx: ServiceContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * Anyone on staff reports an incident (`POST /api/incidents`): the incident, its links (each
 * study with its clinic, and clinics on their own) and its first timeline entry commit with the
 * audit event. A study or clinic that does not exist is UNKNOWN_REFERENCE.
 */
export async function reportIncident(
  ctx: ServiceContext,
  body: NewIncidentBody & { description: string; studyUids: string[]; clinicIds: string[] },
  now: Date = new Date(),
): Promise<string> {
  const actor = actorOf(ctx);
  return auditedTransaction(
    ctx,
    async (trx) => {
      const studies = body.studyUids.length
        ? await trx
            .selectFrom('studies')
            .select(['id', 'clinic_id', 'study_uid'])
            .where('study_uid', 'in', [...new Set(body.studyUids)])
            .execute()
        : [];
      if (studies.length !== new Set(body.studyUids).size) throw appError('UNKNOWN_REFERENCE');
      const incident = await trx
        .insertInto('incidents')
        .values({
          type: body.type,
          severity: body.severity,
          title: body.title,
          description: body.description,
          reported_by: actor.userId,
          reported_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const studyClinics = new Set(studies.map((s) => s.clinic_id));
      const links = [
        ...studies.map((s) => ({
          incident_id: incident.id,
          clinic_id: s.clinic_id,
          study_id: s.id,
        })),
        ...[...new Set(body.clinicIds)]
          .filter((c) => !studyClinics.has(c))
          .map((c) => ({ incident_id: incident.id, clinic_id: c, study_id: null })),
      ];
      if (links.length) await trx.insertInto('incident_links').values(links).execute();
      await addTimelineEntry(trx, {
        incidentId: incident.id,
        actor,
        kind: 'reported',
        body: body.description,
        details: { type: body.type, severity: body.severity, studies: studies.length },
        at: now,
      });
      return { id: incident.id, clinics: [...new Set(links.map((l) => l.clinic_id))] };
    },
    (r) => ({
      resourceId: r.id,
      clinicId: r.clinics[0] ?? null,
      details: { clinicIds: r.clinics },
    }),
  ).then((r) => r.id);
}

/**
 * The investigator's fields (`PATCH /api/incidents/:id`): severity, owner and root cause, each
 * change a timeline entry. A closed incident refuses every change.
 */
export async function updateIncident(
  ctx: ServiceContext,
  id: string,
  body: IncidentUpdateBody,
  now: Date = new Date(),
): Promise<void> {
  await changeIncident(ctx, id, now, async ({ trx, row }) => {
    const steps: (IncidentStep & { field: string })[] = [];
    if (body.severity && body.severity !== row.severity)
      steps.push({
        field: 'severity',
        set: { severity: body.severity },
        kind: 'severity',
        body: `Severity ${INCIDENT_SEVERITY_LABELS[row.severity as IncidentSeverity] ?? row.severity} → ${INCIDENT_SEVERITY_LABELS[body.severity]}`,
        details: { from: row.severity, to: body.severity },
      });
    if (body.ownerId !== undefined && body.ownerId !== row.owner_id) {
      const name = body.ownerId ? await assertStaff(trx, body.ownerId) : null;
      steps.push({
        field: 'owner',
        set: { owner_id: body.ownerId },
        kind: 'owner',
        body: name ? `Owner: ${name}` : 'No owner',
        details: { ownerId: body.ownerId },
      });
    }
    if (body.rootCause && body.rootCause !== row.root_cause)
      steps.push({
        field: 'rootCause',
        set: { root_cause: body.rootCause },
        kind: 'root_cause',
        body: body.rootCause,
      });
    return { steps, audit: { changed: steps.map((s) => s.field) } };
  });
}

/** A comment on the timeline (anyone on staff); a closed incident takes no more. */
export async function commentOnIncident(
  ctx: ServiceContext,
  id: string,
  body: IncidentCommentBody,
  now: Date = new Date(),
): Promise<void> {
  await changeIncident(ctx, id, now, async () => ({
    steps: [{ kind: 'comment', body: body.body }],
    audit: {},
  }));
}

/** A corrective or preventive action with its owner (active staff) and due date. */
export async function addIncidentAction(
  ctx: ServiceContext,
  id: string,
  body: IncidentActionBody,
  now: Date = new Date(),
): Promise<void> {
  await changeIncident(ctx, id, now, async ({ trx }) => {
    const owner = await assertStaff(trx, body.ownerId);
    const action = await trx
      .insertInto('incident_actions')
      .values({
        incident_id: id,
        kind: body.kind,
        description: body.description,
        owner_id: body.ownerId,
        due_on: body.dueOn,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const what = body.kind === 'corrective' ? 'Corrective' : 'Preventive';
    return {
      steps: [
        {
          kind: 'action',
          body: `${what} action for ${owner}, due ${body.dueOn}: ${body.description}`,
          details: {
            actionId: action.id,
            kind: body.kind,
            ownerId: body.ownerId,
            dueOn: body.dueOn,
          },
        },
      ],
      audit: { actionId: action.id },
    };
  });
}

/** Marks an action done (its owner, or QA); a second call changes nothing and says so. */
export async function completeIncidentAction(
  ctx: ServiceContext,
  id: string,
  actionId: string,
  now: Date = new Date(),
): Promise<void> {
  await changeIncident(ctx, id, now, async ({ trx }) => {
    const done = await trx
      .updateTable('incident_actions')
      .set({ done_at: now })
      .where('id', '=', actionId)
      .where('incident_id', '=', id)
      .where('done_at', 'is', null)
      .returning(['description'])
      .executeTakeFirst();
    if (!done) {
      const exists = await trx
        .selectFrom('incident_actions')
        .select('id')
        .where('id', '=', actionId)
        .where('incident_id', '=', id)
        .executeTakeFirst();
      if (!exists) throw appError('NOT_FOUND');
    }
    const steps: IncidentStep[] = done
      ? [{ kind: 'action_done', body: `Done: ${done.description}`, details: { actionId } }]
      : [];
    return { steps, audit: { actionId } };
  });
}
