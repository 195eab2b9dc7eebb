import {
  INCIDENT_STATE_LABELS,
  incidentCanMove,
  type IncidentState,
  type IncidentTransitionBody,
} from '@telerad/contracts';
import type { Actor, ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import {
  changeIncident,
  type IncidentChangeInput,
  type IncidentRow,
  type IncidentSet,
  type IncidentStep,
} from './change';

type Move = IncidentTransitionBody & { note: string };

/**
 * What entering each state needs and sets besides the state itself, as data beside the allowed
 * moves (`INCIDENT_TRANSITIONS`): a check that throws when the move lacks what the state needs,
 * the columns it sets, and
 * the rows it writes with the move.
 */
const ON_ENTER: Record<
  IncidentState,
  {
    check?: (move: Move, row: IncidentRow) => void;
    set: (row: IncidentRow, actor: Actor, now: Date) => IncidentSet;
    write?: (x: IncidentChangeInput, move: Move) => Promise<void>;
  }
> = {
  open: { set: () => ({}) },
  investigating: {
    // Reopened from resolved: no longer resolved. Whoever starts the investigation owns it
    // unless someone already does.
    set: (row, actor) => ({
      resolved_at: null,
      ...(row.owner_id ? {} : { owner_id: actor.userId }),
    }),
  },
  resolved: {
    check: (move, row) => {
      if (!(move.rootCause ?? row.root_cause)) throw appError('INCIDENT_ROOT_CAUSE_REQUIRED');
    },
    set: (_row, _actor, now) => ({ resolved_at: now }),
  },
  closed: {
    check: (move) => {
      if (!move.lesson) throw appError('INCIDENT_LESSON_REQUIRED');
    },
    set: (_row, _actor, now) => ({ closed_at: now }),
    // The lesson is published with the closure, so the knowledge base never lacks a closed one.
    write: async ({ trx, row, actor, now }, { lesson }) => {
      if (!lesson) return;
      await trx
        .insertInto('incident_lessons')
        .values({
          incident_id: row.id,
          title: lesson.title,
          body: lesson.body,
          published_at: now,
          published_by: actor.userId,
        })
        .execute();
    },
  },
};

/**
 * Moves an incident along its one state machine (`INCIDENT_TRANSITIONS`), refusing any other move
 * with INCIDENT_TRANSITION_INVALID (a closed incident: INCIDENT_CLOSED). Resolving needs a root
 * cause (given now or before); closing needs a lesson, which is published to the knowledge base
 * in the same transaction as the closure and its audit event.
 */
export async function moveIncident(
  ctx: ServiceContext,
  id: string,
  body: Move,
  now: Date = new Date(),
): Promise<void> {
  await changeIncident(ctx, id, now, async (input) => {
    const { row, actor } = input;
    const from = row.state as IncidentState;
    if (!incidentCanMove(from, body.to))
      throw appError('INCIDENT_TRANSITION_INVALID', { from, to: body.to });
    const enter = ON_ENTER[body.to];
    enter.check?.(body, row);
    const steps: IncidentStep[] = [];
    if (body.rootCause && body.rootCause !== row.root_cause)
      steps.push({ kind: 'root_cause', body: body.rootCause });
    await enter.write?.(input, body);
    steps.push({
      set: {
        state: body.to,
        root_cause: body.rootCause ?? row.root_cause,
        ...enter.set(row, actor, now),
      },
      kind: 'state',
      body: body.note || `${INCIDENT_STATE_LABELS[from]} → ${INCIDENT_STATE_LABELS[body.to]}`,
      details: { from, to: body.to, ...(body.lesson ? { lesson: body.lesson.title } : {}) },
    });
    return { steps, audit: { to: body.to } };
  });
}
