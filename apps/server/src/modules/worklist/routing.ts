import type { Priority, RoutingDecision, RoutingRules, Programme } from '@telerad/contracts';
import { earliestOpening, isOpen, nextClosing, type ServiceSchedule } from '../centres';

/** A centre as routing sees it: identity plus the hours that decide when it is open. */
export type RoutableCentre = ServiceSchedule & { id: string; name: string };

/** The clinic fields routing depends on. */
export interface RoutableClinic {
  id: string;
  code: string;
  homeCentreId: string;
  programmes: readonly Programme[];
}

/** Everything a routing decision depends on; no I/O, no clock (pass `at`). */
export interface RouteInput {
  clinic: RoutableClinic;
  centres: readonly RoutableCentre[];
  rules: RoutingRules;
  priority: Priority;
  at: Date;
}

/**
 * Where a task goes and when its clocks start. `queuedAt` equals `at` when the centre is open
 * now (state `queued`); later when the task waits for an opening (state `waiting`). Centre,
 * `queuedAt` and `dueAt` are null only when no centre opens within the service-hours horizon.
 */
export interface RouteResult {
  centreId: string | null;
  decision: RoutingDecision;
  reason: string;
  state: 'queued' | 'waiting';
  queuedAt: Date | null;
  /** Raw due time: `queuedAt` + the SLA target in wall-clock minutes. */
  dueAt: Date | null;
  slaMinutes: number;
  /** Machine-readable facts behind the decision, stored with it. */
  details: Record<string, unknown>;
}

const MINUTE = 60_000;

/**
 * The SLA target for a task: the strictest of the targets for its priority, its clinic and the
 * clinic's programmes; the rules' default when none applies (see `SlaTargets`).
 */
export function slaMinutesFor(
  rules: RoutingRules,
  clinic: RoutableClinic,
  priority: Priority,
): number {
  const sla = rules.slaMinutes;
  const candidates = [
    sla.byPriority[priority],
    sla.byClinic[clinic.id],
    ...clinic.programmes.map((p) => sla.byProgramme[p]),
  ].filter((m): m is number => m !== undefined);
  return candidates.length ? Math.min(...candidates) : sla.default;
}

/**
 * When a task queued at `queuedAt` is due: `queuedAt` plus its SLA target in wall-clock minutes.
 * The one SLA due-time calculation: routing, a priority change, a consultation and a read queued
 * again after a retake all come here (through `dueAtFor` when they start from a clinic id, and
 * through `taskDueAt` when they time an existing read, whose study's chosen programme counts).
 */
export function slaDueAt(
  rules: RoutingRules,
  clinic: RoutableClinic,
  priority: Priority,
  queuedAt: Date,
): Date {
  return new Date(queuedAt.getTime() + slaMinutesFor(rules, clinic, priority) * MINUTE);
}

/**
 * Routes a stable study's primary read (DESIGN.md §2 "Routing and clocks"). Precedence:
 * 1. the clinic's pinned centre, open or not (closed: wait for its opening);
 * 2. a priority override, with the same meaning as a pin;
 * 3. the home centre when open;
 * 4. follow the sun: another open centre, the one that stays open longest, so the task is least
 *    likely to need re-routing before it is read (ties: input order);
 * 5. otherwise wait for the earliest opening of any centre (ties: the home centre).
 * A pin or override naming a centre that no longer exists is skipped, and the reason says so.
 */
export function routeStudy(input: RouteInput): RouteResult {
  const { clinic, centres, rules, priority, at } = input;
  const byId = new Map(centres.map((c) => [c.id, c]));
  const slaMinutes = slaMinutesFor(rules, clinic, priority);
  const notes: string[] = [];

  const finish = (
    centre: RoutableCentre | null,
    queuedAt: Date | null,
    decision: RoutingDecision,
    reason: string,
    details: Record<string, unknown> = {},
  ): RouteResult => ({
    centreId: centre?.id ?? null,
    decision,
    reason: [reason, ...notes].join('; '),
    state: queuedAt && queuedAt.getTime() <= at.getTime() ? 'queued' : 'waiting',
    queuedAt,
    dueAt: queuedAt && slaDueAt(rules, clinic, priority, queuedAt),
    slaMinutes,
    details: { priority, slaMinutes, ...details },
  });

  /** A pin or override: the named centre now, or at its next opening. */
  const pinTo = (centre: RoutableCentre, why: string, details: Record<string, unknown>) => {
    if (isOpen(centre, at)) return finish(centre, at, 'pinned', `${why}; it is open`, details);
    const opening = earliestOpening([centre], at);
    return opening
      ? finish(
          centre,
          opening.at,
          'pinned',
          `${why}; it is closed, so the task waits for its opening at ${opening.at.toISOString()}`,
          details,
        )
      : finish(centre, null, 'pinned', `${why}; it has no opening in sight`, details);
  };

  const pinnedId = rules.pinnedCentreByClinic[clinic.id];
  if (pinnedId) {
    const pinned = byId.get(pinnedId);
    if (pinned) return pinTo(pinned, `Clinic ${clinic.code} is pinned to ${pinned.name}`, {});
    notes.push(`pinned centre ${pinnedId} does not exist and was ignored`);
  }

  const override = rules.priorityOverrides.find((o) => o.priority === priority);
  if (override) {
    const target = byId.get(override.centreId);
    if (target) {
      return pinTo(target, `${priority} studies are routed to ${target.name}`, {
        override: 'priority',
      });
    }
    notes.push(
      `override centre ${override.centreId} for ${priority} does not exist and was ignored`,
    );
  }

  const home = byId.get(clinic.homeCentreId) ?? null;
  if (!home) notes.push(`home centre ${clinic.homeCentreId} does not exist`);
  if (home && isOpen(home, at)) {
    return finish(home, at, 'home_open', `Home centre ${home.name} is open`);
  }

  const homeState = home ? `home centre ${home.name} is closed` : 'no home centre';
  let best: { centre: RoutableCentre; closesAt: number } | null = null;
  for (const c of centres) {
    if (c === home || !isOpen(c, at)) continue;
    // Null while open means open through the whole horizon (e.g. 24/7): the best choice.
    const closesAt = nextClosing(c, at)?.getTime() ?? Number.POSITIVE_INFINITY;
    if (!best || closesAt > best.closesAt) best = { centre: c, closesAt };
  }
  if (best) {
    const closes = Number.isFinite(best.closesAt) ? new Date(best.closesAt).toISOString() : null;
    return finish(
      best.centre,
      at,
      'follow_the_sun',
      `The ${homeState}; ${best.centre.name} is open${closes ? ` until ${closes}` : ''}`,
      { homeCentreId: home?.id ?? null, openUntil: closes },
    );
  }

  const ordered = home ? [home, ...centres.filter((c) => c !== home)] : [...centres];
  const first = earliestOpening(ordered, at);
  if (!first) {
    return finish(null, null, 'wait_for_opening', `The ${homeState} and no centre opens soon`);
  }
  const centre = ordered[first.index]!;
  return finish(
    centre,
    first.at,
    'wait_for_opening',
    `All centres are closed; ${centre.name} opens first, at ${first.at.toISOString()}`,
    { homeCentreId: home?.id ?? null },
  );
}
