import type { Priority, Programme } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { pushAssign } from './assignment';
import { emitTaskEvents } from './events';
import { routeStudy, type RouteResult } from './routing';
import { chosenProgrammes } from '../portal';
import { loadRoutableCentres, loadRoutableClinics, timedBy } from './routingData';
import { getRoutingRules } from './rules';

/** How a re-evaluated task's routing reason begins. */
const REEVALUATED = "Routing re-evaluated after the centres' hours or the routing rules changed";

/** What re-evaluating the waiting tasks changed. */
export interface Reevaluation {
  /** Waiting tasks whose centre is open now: queued, claimable, SLA clock started. */
  queued: string[];
  /** Tasks still waiting, for another centre or another opening. */
  moved: string[];
}

/**
 * Routes every waiting task again under the routing inputs as `trx` sees them (a centre's hours
 * and exceptions, clinics' home centres, the routing rules), at `now`. A task whose centre is
 * open now is queued with its SLA clock starting now; one that still waits gets its new centre
 * and opening. Tasks whose routing did not change are left alone, and each change is a routing
 * decision of its own. Tasks already past their opening are the sweep's to promote: they keep
 * the queue time they earned. Locks the routing-inputs row first, then the tasks, the order every
 * writer of routing inputs takes (the trigger of migration 0016 locks the row on their write).
 */
export async function reevaluateWaitingTasks(trx: Db, now: Date): Promise<Reevaluation> {
  const inputs = await trx
    .selectFrom('routing_inputs')
    .select('generation')
    .forUpdate()
    .executeTakeFirstOrThrow();
  const tasks = await trx
    .selectFrom('reading_tasks')
    .select(['id', 'clinic_id', 'study_id', 'centre_id', 'priority', 'queued_at'])
    .where('state', '=', 'waiting')
    .where((eb) => eb.or([eb('queued_at', 'is', null), eb('queued_at', '>', now)]))
    .orderBy('created_at')
    .forUpdate()
    .execute();
  const result: Reevaluation = { queued: [], moved: [] };
  if (tasks.length) {
    const [centres, { rules, source }, clinics, chosen] = await Promise.all([
      loadRoutableCentres(trx),
      getRoutingRules(trx),
      loadRoutableClinics(trx, [...new Set(tasks.map((t) => t.clinic_id))]),
      chosenProgrammes(
        trx,
        tasks.map((t) => t.study_id),
      ),
    ]);
    // A route depends on the clinic, the priority and the programme chosen for the study only
    // (same inputs, same instant): one per triple.
    const routes = new Map<string, RouteResult | null>();
    const routeOf = (clinicId: string, priority: Priority, programme: Programme | undefined) => {
      const key = `${clinicId}|${priority}|${programme ?? ''}`;
      if (!routes.has(key)) {
        const found = clinics.get(clinicId);
        const clinic = found && timedBy(found, programme);
        routes.set(key, clinic ? routeStudy({ clinic, centres, rules, priority, at: now }) : null);
      }
      return routes.get(key)!;
    };
    const changes = tasks.flatMap((t) => {
      const route = routeOf(t.clinic_id, t.priority as Priority, chosen.get(t.study_id));
      if (!route) return [];
      const sameTime = (route.queuedAt?.getTime() ?? null) === (t.queued_at?.getTime() ?? null);
      if (route.centreId === t.centre_id && sameTime) return [];
      return [{ task: t, route, reason: `${REEVALUATED}: ${route.reason}` }];
    });
    if (changes.length) {
      // One statement for all the tasks and one for their decisions: thousands of waiting tasks
      // must not hold the administrator's save for seconds.
      const iso = (d: Date | null) => d?.toISOString() ?? null;
      await sql`update reading_tasks t
        set state = v.state, centre_id = v.centre_id, queued_at = v.queued_at,
            due_at = v.due_at, routing_reason = v.reason
        from unnest(
          ${changes.map((c) => c.task.id)}::uuid[],
          ${changes.map((c) => c.route.state)}::text[],
          ${changes.map((c) => c.route.centreId)}::uuid[],
          ${changes.map((c) => iso(c.route.queuedAt))}::timestamptz[],
          ${changes.map((c) => iso(c.route.dueAt))}::timestamptz[],
          ${changes.map((c) => c.reason)}::text[]
        ) as v(id, state, centre_id, queued_at, due_at, reason)
        where t.id = v.id`.execute(trx);
      await trx
        .insertInto('routing_decisions')
        .values(
          changes.map(({ task: t, route, reason }) => ({
            task_id: t.id,
            at: now,
            centre_id: route.centreId,
            decision: route.decision,
            reason,
            details: JSON.stringify({
              ...route.details,
              reevaluated: true,
              from: { centreId: t.centre_id, queuedAt: iso(t.queued_at) },
              state: route.state,
              queuedAt: iso(route.queuedAt),
              dueAt: iso(route.dueAt),
              rules: source,
            }),
          })),
        )
        .execute();
      for (const c of changes)
        (c.route.state === 'queued' ? result.queued : result.moved).push(c.task.id);
    }
  }
  await trx
    .updateTable('routing_inputs')
    .set({ evaluated_generation: inputs.generation })
    .execute();
  return result;
}

/**
 * The one way to change what routing reads. Runs `write` and the re-evaluation of every waiting
 * task in one transaction, so the change and its consequences commit together; after the commit
 * announces each changed task on the live feed and offers the newly queued ones to push
 * assignment. A writer that goes round it is caught all the same: the trigger of migration 0016
 * counts the change and the sweep (`reconcileRoutingInputs`) re-evaluates.
 */
export async function changeRoutingInputs<T>(
  db: Db,
  write: (trx: Db) => Promise<T>,
  now: () => Date = () => new Date(),
): Promise<T> {
  let changed: Reevaluation = { queued: [], moved: [] };
  const result = await db.transaction().execute(async (trx) => {
    const r = await write(trx);
    changed = await reevaluateWaitingTasks(trx, now());
    return r;
  });
  await announce(db, changed, now());
  return result;
}

/**
 * The sweep's repair: when routing inputs changed without a re-evaluation (the counter moved
 * past the last evaluated value), re-evaluates now. Returns what changed, or null when nothing
 * was missed.
 */
export async function reconcileRoutingInputs(db: Db, now: Date): Promise<Reevaluation | null> {
  const row = await db
    .selectFrom('routing_inputs')
    .select(sql<boolean>`generation <> evaluated_generation`.as('missed'))
    .executeTakeFirst();
  if (!row?.missed) return null;
  const changed = await db.transaction().execute((trx) => reevaluateWaitingTasks(trx, now));
  await announce(db, changed, now);
  return changed;
}

async function announce(db: Db, changed: Reevaluation, now: Date): Promise<void> {
  await emitTaskEvents(
    ...changed.queued.map((taskId) => ({ type: 'task.updated' as const, taskId })),
    ...changed.moved.map((taskId) => ({ type: 'task.rerouted' as const, taskId })),
  );
  if (changed.queued.length) await pushAssign(db, { now, taskIds: changed.queued });
}
