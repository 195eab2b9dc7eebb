import {
  INCIDENT_STATE_LABELS,
  incidentCanMove,
  type IncidentState,
  type IncidentTransitionBody,
} from '@telerad/contracts';
import { auditedTransaction } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { addTimelineEntry, incidentClinics, lockIncident } from './timeline';

/**
 * Moves an incident along its one state machine (`INCIDENT_TRANSITIONS`), refusing any other move
 * with INCIDENT_TRANSITION_INVALID (a closed incident: INCIDENT_CLOSED). Resolving needs a root
 * cause (given now or before); closing needs a lesson, which is published to the knowledge base
 * in the same transaction as the closure and its audit event.
 */
export async function moveIncident(
  ctx: ServiceContext,
  id: string,
  body: IncidentTransitionBody & { note: string },
  now: Date = new Date(),
): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  await auditedTransaction(
    ctx,
    async (trx) => {
      const row = await lockIncident(trx, id);
      const from = row.state as IncidentState;
      if (from === 'closed') throw appError('INCIDENT_CLOSED');
      if (!incidentCanMove(from, body.to))
        throw appError('INCIDENT_TRANSITION_INVALID', { from, to: body.to });
      const rootCause = body.rootCause ?? row.root_cause;
      if (body.to === 'resolved' && !rootCause) throw appError('INCIDENT_ROOT_CAUSE_REQUIRED');
      if (body.to === 'closed' && !body.lesson) throw appError('INCIDENT_LESSON_REQUIRED');
      if (body.rootCause && body.rootCause !== row.root_cause)
        await addTimelineEntry(trx, {
          incidentId: id,
          actor,
          kind: 'root_cause',
          body: body.rootCause,
          at: now,
        });
      await trx
        .updateTable('incidents')
        .set({
          state: body.to,
          root_cause: rootCause,
          ...(body.to === 'resolved' ? { resolved_at: now } : {}),
          ...(body.to === 'investigating' ? { resolved_at: null } : {}),
          ...(body.to === 'closed' ? { closed_at: now } : {}),
          // Whoever starts the investigation owns it unless someone already does.
          ...(body.to === 'investigating' && !row.owner_id ? { owner_id: actor.userId } : {}),
        })
        .where('id', '=', id)
        .execute();
      if (body.to === 'closed' && body.lesson)
        await trx
          .insertInto('incident_lessons')
          .values({
            incident_id: id,
            title: body.lesson.title,
            body: body.lesson.body,
            published_at: now,
            published_by: actor.userId,
          })
          .execute();
      await addTimelineEntry(trx, {
        incidentId: id,
        actor,
        kind: 'state',
        body: body.note || `${INCIDENT_STATE_LABELS[from]} → ${INCIDENT_STATE_LABELS[body.to]}`,
        details: { from, to: body.to, ...(body.lesson ? { lesson: body.lesson.title } : {}) },
        at: now,
      });
      return incidentClinics(trx, id);
    },
    (clinics) => ({ resourceId: id, clinicId: clinics[0] ?? null, details: { to: body.to } }),
  );
}
