import { CENTRE_CLOSED_FLAG, type Priority, type RoutingRules } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { isOpen } from '../centres';
import { emitTaskEvents, type TaskChange } from './events';
import { routeStudy, type RoutableCentre, type RoutableClinic } from './routing';
import { loadRoutableCentres, loadRoutableClinics } from './routingData';
import { getRoutingRules } from './rules';
import { recordRoutingDecision } from './tasks';

/** What to do with a queued task whose centre has closed. */
export type RerouteDecision =
  | { action: 'move'; centreId: string; reason: string; details: Record<string, unknown> }
  | { action: 'flag'; reason: string };

/**
 * Decides the fate of a queued, unclaimed task at a centre that is now closed (pure: no I/O,
 * no clock). With `onCentreClose: 'flag'`, or when no centre is open, or when the clinic's pin
 * or the task's priority override names the closed centre (the rule says that centre reads
 * it), the task stays and is flagged. Otherwise the routing rules pick an open centre among
 * the open ones: the home centre when open, else follow the sun (see `routeStudy`).
 */
export function rerouteDecision(input: {
  from: RoutableCentre;
  clinic: RoutableClinic;
  centres: readonly RoutableCentre[];
  rules: RoutingRules;
  priority: Priority;
  at: Date;
}): RerouteDecision {
  const { from, clinic, centres, rules, priority, at } = input;
  if (rules.onCentreClose === 'flag')
    return { action: 'flag', reason: `${from.name} closed; the rules keep tasks in place` };
  if (rules.pinnedCentreByClinic[clinic.id] === from.id)
    return { action: 'flag', reason: `${from.name} closed; clinic ${clinic.code} is pinned to it` };
  if (rules.priorityOverrides.some((o) => o.priority === priority && o.centreId === from.id))
    return { action: 'flag', reason: `${from.name} closed; ${priority} tasks are routed to it` };
  const open = centres.filter((c) => c.id !== from.id && isOpen(c, at));
  if (open.length === 0)
    return { action: 'flag', reason: `${from.name} closed and no other centre is open` };
  // Pins and overrides named other centres or none: route among the open centres only.
  const route = routeStudy({
    clinic,
    centres: open,
    rules: { ...rules, pinnedCentreByClinic: {}, priorityOverrides: [] },
    priority,
    at,
  });
  if (route.state !== 'queued' || !route.centreId)
    return { action: 'flag', reason: `${from.name} closed and no open centre takes the task` };
  return {
    action: 'move',
    centreId: route.centreId,
    reason: `${from.name} closed with the task unread; ${route.reason}`,
    details: { fromCentreId: from.id, routedBy: route.decision, ...route.details },
  };
}

/** What the centre-close pass changed. */
export interface RerouteResult {
  rerouted: string[];
  flagged: string[];
  unflagged: string[];
}

/**
 * The sweep's centre-close pass: queued, unclaimed tasks at closed centres are moved (or
 * flagged `centre_closed`, see {@link rerouteDecision}); flags of tasks whose centre reopened,
 * or that left the queue, are cleared. Every write is conditional on the state it was decided
 * from, so concurrent sweepers neither move a task twice nor record a second decision.
 */
export async function rerouteClosedCentres(db: Db, now: Date): Promise<RerouteResult> {
  const centres = await loadRoutableCentres(db);
  const closed = centres.filter((c) => !isOpen(c, now));
  const openIds = centres.filter((c) => !closed.includes(c)).map((c) => c.id);
  const result: RerouteResult = { rerouted: [], flagged: [], unflagged: [] };

  if (closed.length) {
    const { rules, source } = await getRoutingRules(db);
    // A flagged task can only move in reroute mode while some centre is open: otherwise leave
    // it out, so a large flagged backlog never crowds newly closed-on tasks out of the batch.
    const canMove = rules.onCentreClose === 'reroute' && openIds.length > 0;
    let q = db
      .selectFrom('reading_tasks')
      .select(['id', 'clinic_id', 'centre_id', 'priority', 'flags'])
      .where('state', '=', 'queued')
      .where('assignee_id', 'is', null)
      .where(
        'centre_id',
        'in',
        closed.map((c) => c.id),
      )
      .orderBy('due_at', 'asc')
      .limit(500);
    if (!canMove) q = q.where(sql<boolean>`not (${CENTRE_CLOSED_FLAG} = any(flags))`);
    const tasks = await q.execute();
    if (tasks.length) {
      const clinics = await loadRoutableClinics(db, [...new Set(tasks.map((t) => t.clinic_id))]);
      for (const t of tasks) {
        const from = closed.find((c) => c.id === t.centre_id);
        const clinic = clinics.get(t.clinic_id);
        if (!from || !clinic) continue;
        const d = rerouteDecision({
          from,
          clinic,
          centres,
          rules,
          priority: t.priority as Priority,
          at: now,
        });
        if (d.action === 'move') {
          if (await moveTask(db, t.id, from.id, d, now, source)) result.rerouted.push(t.id);
        } else if (!t.flags.includes(CENTRE_CLOSED_FLAG)) {
          if (await flagTask(db, t.id, from.id)) result.flagged.push(t.id);
        }
      }
    }
  }

  const cleared = await db
    .updateTable('reading_tasks as t')
    .set({ flags: sql<string[]>`array_remove(t.flags, ${CENTRE_CLOSED_FLAG})` })
    .where(sql<boolean>`${CENTRE_CLOSED_FLAG} = any(t.flags)`)
    .where((eb) =>
      eb.or([
        eb('t.state', '<>', 'queued'),
        ...(openIds.length ? [eb('t.centre_id', 'in', openIds)] : []),
      ]),
    )
    .returning('t.id')
    .execute();
  result.unflagged = cleared.map((r) => r.id);

  const changes: TaskChange[] = [
    ...result.rerouted.map((taskId) => ({ type: 'task.rerouted' as const, taskId })),
    ...[...result.flagged, ...result.unflagged].map((taskId) => ({
      type: 'task.updated' as const,
      taskId,
    })),
  ];
  await emitTaskEvents(...changes);
  return result;
}

/** Moves one task if it is still queued, unclaimed and at `fromId`; records the decision. */
async function moveTask(
  db: Db,
  taskId: string,
  fromId: string,
  d: Extract<RerouteDecision, { action: 'move' }>,
  now: Date,
  rulesSource: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('reading_tasks as t')
      .set({
        centre_id: d.centreId,
        routing_reason: d.reason,
        flags: sql<string[]>`array_remove(t.flags, ${CENTRE_CLOSED_FLAG})`,
      })
      .where('t.id', '=', taskId)
      .where('t.state', '=', 'queued')
      .where('t.assignee_id', 'is', null)
      .where('t.centre_id', '=', fromId)
      .returning('t.id')
      .executeTakeFirst();
    if (!moved) return false;
    await recordRoutingDecision(trx, {
      taskId,
      at: now,
      centreId: d.centreId,
      decision: 'rerouted',
      reason: d.reason,
      details: { ...d.details, rules: rulesSource },
    });
    return true;
  });
}

/**
 * Flags one task `centre_closed` if it is still queued, unclaimed, at `fromId` and unflagged.
 * Its routing reason is kept: it still says why the task went to that centre.
 */
async function flagTask(db: Db, taskId: string, fromId: string): Promise<boolean> {
  const row = await db
    .updateTable('reading_tasks as t')
    .set({ flags: sql<string[]>`array_append(t.flags, ${CENTRE_CLOSED_FLAG})` })
    .where('t.id', '=', taskId)
    .where('t.state', '=', 'queued')
    .where('t.assignee_id', 'is', null)
    .where('t.centre_id', '=', fromId)
    .where(sql<boolean>`not (${CENTRE_CLOSED_FLAG} = any(t.flags))`)
    .returning('t.id')
    .executeTakeFirst();
  return Boolean(row);
}
